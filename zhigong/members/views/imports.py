"""Staff pages: roster import (a background job with progress) and roster export (.xlsx)."""

from __future__ import annotations

import io
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.sheets.errors import describe
from zhigong.core.sheets.report import read_error_report
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.members import exports
from zhigong.members.choices import MemberStatus
from zhigong.members.forms import MemberImportForm, RosterForm, RosterRevealForm
from zhigong.members.importing import write_template
from zhigong.members.models import MemberImport
from zhigong.members.selectors import imports
from zhigong.members.tasks import member_import_task, store_upload
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_IMPORT)
def member_import_page(request: AuthenticatedRequest) -> HttpResponse:
    anchors = list(policy.scope_tops(request.user, Perm.MEMBER_IMPORT))
    form = MemberImportForm(request.POST or None, request.FILES or None, anchors=anchors)
    if request.method == "POST" and form.is_valid():
        anchor = next(u for u in anchors if u.code == form.cleaned_data["anchor"])
        try:
            policy.require_perm(request.user, Perm.MEMBER_IMPORT, anchor)
        except DomainError as exc:
            form_error(form, exc)
        else:
            job = _start_import(
                request, anchor, form.cleaned_data["file"], form.cleaned_data["dry_run"]
            )
            return redirect("staff:members:member_import_detail", job.pk)
    jobs = page_of(request, imports.import_list(request.user), 20)
    return render(
        request,
        "members/import.html",
        {**staff_context(request, "member_import"), "form": form, "jobs": jobs},
    )


def _start_import(
    request: AuthenticatedRequest, anchor: Union, upload: Any, dry_run: bool
) -> MemberImport:
    """Store the upload privately, record the job and queue it."""
    job_id = uuid.uuid4()
    stored = store_upload(job_id, upload.name, upload.chunks())
    job = MemberImport.objects.create(
        id=job_id,
        actor=request.user,  # type: ignore[misc]  # login_required: a User
        anchor=anchor,
        filename=Path(upload.name).name[:255],
        stored_path=str(stored),
        dry_run=dry_run,
    )
    member_import_task(str(job.pk))
    job.refresh_from_db()
    return job


def _job_context(request: AuthenticatedRequest, job: MemberImport) -> dict[str, Any]:
    errors: list[str] = []
    if job.report_path and Path(job.report_path).is_file():
        errors = _first_errors(Path(job.report_path))
    percent = 0
    if job.rows_total:
        percent = min(100, round(100 * job.rows_done / job.rows_total))
    queued = job.status == MemberImport.Status.QUEUED
    waited = (timezone.now() - job.created_at).total_seconds()
    return {
        "job": job,
        "running": queued or job.status == MemberImport.Status.RUNNING,
        # Nothing consumes jobs when the server was started without a worker: say so
        # rather than showing "queued" forever.
        "unclaimed": queued and waited > settings.JOB_UNCLAIMED_SECONDS,
        "percent": percent,
        "errors": errors,
        "has_report": bool(job.report_path) and Path(job.report_path).is_file(),
    }


def _first_errors(report: Path, limit: int = 200) -> list[str]:
    """The first errors of a report, as lines for the page (values are already masked)."""
    return [describe(error) for error in read_error_report(report, limit)]


@login_required
@never_cache
@require_GET
def member_import_detail_page(request: AuthenticatedRequest, pk: uuid.UUID) -> HttpResponse:
    job = imports.import_get(request.user, pk)
    return render(
        request,
        "members/import_detail.html",
        {**staff_context(request, "member_import"), **_job_context(request, job)},
    )


@login_required
@never_cache
@require_GET
def member_import_progress_page(request: AuthenticatedRequest, pk: uuid.UUID) -> HttpResponse:
    """The part of the job page that htmx polls every two seconds while the job runs."""
    job = imports.import_get(request.user, pk)
    return render(request, "members/_import_progress.html", _job_context(request, job))


@login_required
@require_GET
def member_import_report_page(request: AuthenticatedRequest, pk: uuid.UUID) -> HttpResponseBase:
    job = imports.import_get(request.user, pk)
    report = Path(job.report_path) if job.report_path else None
    if report is None or not report.is_file():
        raise NotFound()
    return FileResponse(
        report.open("rb"),
        as_attachment=True,
        filename="member-import-errors.xlsx",
        content_type=XLSX,
    )


@require_GET
@policy.requires(Perm.MEMBER_IMPORT)
def member_import_template_page(request: AuthenticatedRequest) -> HttpResponse:
    buffer = io.BytesIO()
    write_template(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="member-roster-template.xlsx"'
    return response


# --- roster export --------------------------------------------------------------------------


def _roster_union(request: AuthenticatedRequest, data: Any) -> Union:
    """The union named by ``union`` (default: the top of the user's scope); 404 outside it."""
    code = (data.get("union") or "").strip()
    union = (
        policy.union_for(request.user, Perm.MEMBER_VIEW, code)
        if code
        else policy.scope_tops(request.user, Perm.MEMBER_VIEW).first()
    )
    if union is None:
        raise NotFound()
    return union


def _roster_status(data: Any) -> str:
    status = (data.get("status") or "").strip()
    return status if status in MemberStatus.values else ""


def _roster_page(
    request: AuthenticatedRequest,
    union: Union,
    status: str,
    reveal_form: RosterRevealForm,
    form: RosterForm | None = None,
) -> HttpResponse:
    if form is None:
        form = RosterForm(initial={"union": union.code, "status": status}, user=request.user)
    return render(
        request,
        "members/roster.html",
        {
            **staff_context(request, "roster"),
            "form": form,
            "union": union,
            "status": status,
            "can_reveal": policy.has_perm(request.user, Perm.MEMBER_REVEAL, union),
            "reveal_form": reveal_form,
            "count": exports.roster_queryset(union, status).count(),
        },
    )


@login_required
@require_GET
def member_roster_page(request: AuthenticatedRequest) -> HttpResponse:
    """Choose a union (by name or code) and a status; export its roster. A union that names
    nothing in the user's scope is an error beside the field (the page then shows the top of
    the user's scope), never a 404 page."""
    user = request.user
    top = policy.scope_tops(user, Perm.MEMBER_VIEW).first()
    if top is None:
        raise NotFound()
    form = RosterForm(request.GET or None, user=user)
    if not form.is_bound:
        return _roster_page(request, top, "", RosterRevealForm())
    valid = form.is_valid()
    union = form.cleaned_data.get("union") or top
    status = _roster_status(request.GET)
    if valid:  # shown again with the union's code, as the export links carry it
        form = RosterForm(initial={"union": union.code, "status": status}, user=user)
    return _roster_page(request, union, status, RosterRevealForm(), form)


def _xlsx_file(
    actor: Any, union: Union, status: str, *, reveal: bool, reason: str = ""
) -> FileResponse:
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (closed, and so removed, by the response)
    try:
        exports.roster_export(
            actor=actor, union=union, status=status, stream=stream, reveal=reveal, reason=reason
        )
    except BaseException:
        stream.close()
        raise
    stream.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d")
    kind = "full" if reveal else "masked"
    return FileResponse(
        stream,
        as_attachment=True,
        filename=f"roster-{union.code}-{stamp}-{kind}.xlsx",
        content_type=XLSX,
    )


@login_required
@require_GET
def member_roster_xlsx_page(request: AuthenticatedRequest) -> HttpResponseBase:
    """The masked roster of a subtree (MEMBER_VIEW at the union)."""
    union = _roster_union(request, request.GET)
    return _xlsx_file(request.user, union, _roster_status(request.GET), reveal=False)


@never_cache
@login_required
@require_POST
def member_roster_reveal_page(request: AuthenticatedRequest) -> HttpResponseBase:
    """The unmasked roster: a reveal, with MEMBER_REVEAL, a reason, and an access-log row."""
    union = _roster_union(request, request.POST or request.GET)
    if not policy.has_perm(request.user, Perm.MEMBER_REVEAL, union):
        raise NotFound()
    status = _roster_status(request.POST)
    form = RosterRevealForm(request.POST)
    if form.is_valid():
        try:
            return _xlsx_file(
                request.user, union, status, reveal=True, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_error(form, exc)
    return _roster_page(request, union, status, form)
