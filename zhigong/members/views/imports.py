"""Staff pages: roster import (a background job with progress) and roster export (.xlsx)."""

from __future__ import annotations

import io
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhigong.accounts.roles import Perm
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.sheets.errors import describe
from zhigong.core.sheets.report import read_error_report
from zhigong.core.views import form_error, staff_context
from zhigong.members import exports
from zhigong.members.choices import MemberStatus
from zhigong.members.importing import write_template
from zhigong.members.models import MemberImport
from zhigong.members.tasks import import_dir, member_import_task
from zhigong.unions import policy
from zhigong.unions.models import Union

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 300 * 1024 * 1024  # about 2.5 million rows of CSV
UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def _top_unions(user: Any, perm: Perm) -> list[Union]:
    """The unions at the top of the user's scope for ``perm`` (where a grant sits)."""
    return list(
        policy.unions_with_perm(user, perm)
        .filter(path__in=policy.scope_paths(user, perm))
        .order_by("path")
    )


# --- import ---------------------------------------------------------------------------------


class MemberImportForm(forms.Form):
    anchor = forms.ChoiceField(label=gettext_lazy("导入到（工会）"), choices=[])
    file = forms.FileField(
        label=gettext_lazy("花名册文件"),
        help_text=gettext_lazy(
            ".xlsx 或 .csv（UTF-8 或 GBK）；第一行为表头：姓名、性别、身份证号、手机号、民族、"
            "政治面貌、学历、工作单位编码、入会日期、岗位。"
        ),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("只校验，不写入"), required=False)

    def __init__(self, *args: Any, anchors: list[Union], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [(u.code, f"{u.name}（{u.code}）") for u in anchors]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("请上传 .xlsx 或 .csv 文件。"))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("文件太大（最大 %(mb)s MB），请拆分后分批导入。") % {"mb": MAX_UPLOAD >> 20}
            )
        return upload


def _visible_imports(user: Any) -> QuerySet[MemberImport]:
    """Imports the user started, and those anchored where the user holds member.import."""
    return MemberImport.objects.filter(
        Q(actor=user)
        | policy.path_filter(policy.scope_paths(user, Perm.MEMBER_IMPORT), "anchor__path")
    ).select_related("anchor", "actor")


def _import_or_404(user: Any, pk: uuid.UUID) -> MemberImport:
    job = _visible_imports(user).filter(pk=pk).first()
    if job is None:
        raise NotFound()
    return job


@login_required
@require_http_methods(["GET", "POST"])
def member_import_page(request: HttpRequest) -> HttpResponse:
    anchors = _top_unions(request.user, Perm.MEMBER_IMPORT)
    if not anchors:
        raise NotFound()
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
            return redirect("staff:member_import_detail", job.pk)
    jobs = Paginator(_visible_imports(request.user).order_by("-created_at"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "members/import.html",
        {**staff_context(request, "member_import"), "form": form, "jobs": jobs},
    )


def _start_import(request: HttpRequest, anchor: Union, upload: Any, dry_run: bool) -> MemberImport:
    """Store the upload privately, record the job and queue it."""
    job_id = uuid.uuid4()
    folder = import_dir(job_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / ("upload" + Path(upload.name).suffix.lower())
    with stored.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
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


def _job_context(request: HttpRequest, job: MemberImport) -> dict[str, Any]:
    errors: list[str] = []
    if job.report_path and Path(job.report_path).is_file():
        errors = _first_errors(Path(job.report_path))
    percent = 0
    if job.rows_total:
        percent = min(100, round(100 * job.rows_done / job.rows_total))
    return {
        "job": job,
        "running": job.status in (MemberImport.Status.QUEUED, MemberImport.Status.RUNNING),
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
def member_import_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = _import_or_404(request.user, pk)
    return render(
        request,
        "members/import_detail.html",
        {**staff_context(request, "member_import"), **_job_context(request, job)},
    )


@login_required
@never_cache
@require_GET
def member_import_progress(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The part of the job page that htmx polls every two seconds while the job runs."""
    job = _import_or_404(request.user, pk)
    return render(request, "members/import_progress.html", _job_context(request, job))


@login_required
@require_GET
def member_import_report(request: HttpRequest, pk: uuid.UUID) -> HttpResponseBase:
    job = _import_or_404(request.user, pk)
    report = Path(job.report_path) if job.report_path else None
    if report is None or not report.is_file():
        raise NotFound()
    return FileResponse(
        report.open("rb"),
        as_attachment=True,
        filename="member-import-errors.xlsx",
        content_type=XLSX,
    )


@login_required
@require_GET
def member_import_template(request: HttpRequest) -> HttpResponse:
    if not policy.scope_paths(request.user, Perm.MEMBER_IMPORT):
        raise NotFound()
    buffer = io.BytesIO()
    write_template(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="member-roster-template.xlsx"'
    return response


# --- roster export --------------------------------------------------------------------------


class RosterRevealForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("导出完整信息的理由"),
        max_length=500,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("完整的身份证号和手机号会记入敏感信息查看记录。"),
        error_messages={"required": gettext_lazy("导出完整信息必须填写理由。")},
    )


def _roster_union(request: HttpRequest, data: Any) -> Union:
    """The union named by ``union`` (default: the top of the user's scope); 404 outside it."""
    code = (data.get("union") or "").strip()
    if not code:
        tops = _top_unions(request.user, Perm.MEMBER_VIEW)
        if not tops:
            raise NotFound()
        return tops[0]
    union = Union.objects.filter(code=code).first()
    if union is None or not policy.has_perm(request.user, Perm.MEMBER_VIEW, union):
        raise NotFound()
    return union


def _roster_status(data: Any) -> str:
    status = (data.get("status") or "").strip()
    return status if status in MemberStatus.values else ""


def _roster_page(
    request: HttpRequest, union: Union, status: str, reveal_form: RosterRevealForm
) -> HttpResponse:
    return render(
        request,
        "members/roster.html",
        {
            **staff_context(request, "roster"),
            "union": union,
            "status": status,
            "statuses": MemberStatus.choices,
            "tops": _top_unions(request.user, Perm.MEMBER_VIEW),
            "can_reveal": policy.has_perm(request.user, Perm.MEMBER_REVEAL, union),
            "reveal_form": reveal_form,
            "count": exports.roster_queryset(union, status).count(),
        },
    )


@login_required
@require_GET
def member_roster(request: HttpRequest) -> HttpResponse:
    union = _roster_union(request, request.GET)
    return _roster_page(request, union, _roster_status(request.GET), RosterRevealForm())


def _xlsx_file(
    actor: Any, union: Union, status: str, *, reveal: bool, reason: str = ""
) -> FileResponse:
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (closed, and so removed, by the response)
    try:
        exports.roster_export(
            actor, union=union, status=status, stream=stream, reveal=reveal, reason=reason
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
def member_roster_xlsx(request: HttpRequest) -> HttpResponseBase:
    """The masked roster of a subtree (MEMBER_VIEW at the union)."""
    union = _roster_union(request, request.GET)
    return _xlsx_file(request.user, union, _roster_status(request.GET), reveal=False)


@login_required
@require_POST
def member_roster_reveal(request: HttpRequest) -> HttpResponseBase:
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


staff_urlpatterns: list[URLPattern] = [
    path("members/import/", member_import_page, name="member_import"),
    path("members/import/template.xlsx", member_import_template, name="member_import_template"),
    path("members/import/<uuid:pk>/", member_import_detail, name="member_import_detail"),
    path(
        "members/import/<uuid:pk>/progress/", member_import_progress, name="member_import_progress"
    ),
    path("members/import/<uuid:pk>/report.xlsx", member_import_report, name="member_import_report"),
    path("members/roster/", member_roster, name="member_roster"),
    path("members/roster.xlsx", member_roster_xlsx, name="member_roster_xlsx"),
    path("members/roster/full.xlsx", member_roster_reveal, name="member_roster_reveal"),
]
