"""The staff page for importing a union tree from a spreadsheet, with a downloadable report."""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.unions import policy
from zhigong.unions.forms import ImportForm
from zhigong.unions.importing import RowError, union_import, write_error_report
from zhigong.unions.roles import Perm

_SESSION_KEY = "union_import_reports"
_MAX_KEPT = 3  # reports kept per session: enough to download the last few, small enough to store


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.UNION_IMPORT)
def union_import_page(request: AuthenticatedRequest) -> HttpResponse:
    anchors = list(policy.scope_tops(request.user, Perm.UNION_IMPORT))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        anchors=[(u.code, f"{u.name}（{u.code}）") for u in anchors],
    )
    result = None
    report_token = ""
    if request.method == "POST" and form.is_valid():
        anchor = next(u for u in anchors if u.code == form.cleaned_data["anchor"])
        upload = form.cleaned_data["file"]
        try:
            result = union_import(
                actor=request.user,
                source=upload,
                filename=upload.name,
                anchor=anchor,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            if result.errors:
                report_token = _keep_report(request, result.errors)
            elif form.cleaned_data["dry_run"]:
                messages.success(
                    request, _("校验通过：%(n)s 行均无错误，未写入。") % {"n": result.rows_read}
                )
            else:
                messages.success(
                    request, _("导入成功：新建 %(n)s 个工会。") % {"n": result.created}
                )
                return redirect("staff:unions:union_detail", anchor.code)
    return render(
        request,
        "unions/import.html",
        {
            **staff_context(request, "import"),
            "form": form,
            "result": result,
            "errors": result.errors[:500] if result else [],
            "report_token": report_token,
        },
    )


def _keep_report(request: AuthenticatedRequest, errors: list[RowError]) -> str:
    token = uuid.uuid4().hex
    kept: dict[str, list[list[Any]]] = request.session.get(_SESSION_KEY, {})
    while len(kept) >= _MAX_KEPT:
        kept.pop(next(iter(kept)))
    kept[token] = [e.as_list() for e in errors]
    request.session[_SESSION_KEY] = kept
    return token


@login_required
def union_import_report_page(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The error report of this user's own import, as .xlsx. Other users' tokens are 404."""
    rows = request.session.get(_SESSION_KEY, {}).get(token)
    if rows is None:
        raise NotFound()
    errors = [RowError.from_list(r) for r in rows]
    buffer = io.BytesIO()
    write_error_report(errors, buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="union-import-errors.xlsx"'
    return response
