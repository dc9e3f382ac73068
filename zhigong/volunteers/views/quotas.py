"""Quotas (/staff/volunteers/quotas/): used and left per union for a year; set one, or import
a sheet in 附件1's form. And the roster (/staff/volunteers/roster/): 附件3 as .xlsx."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.sheets.errors import describe
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import selectors
from zhigong.volunteers.forms import QuotaImportForm, QuotaSetForm, RosterForm
from zhigong.volunteers.roster import roster_export
from zhigong.volunteers.services.quotas import quota_import, quota_set

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: AuthenticatedRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_VIEW)
def quota_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    year = _year(request)
    manages = policy.holds(user, Perm.VOLUNTEER_QUOTA)
    action = request.POST.get("action", "")
    set_form = QuotaSetForm(
        request.POST if action == "set" else None, user=user, initial={"year": year}
    )
    import_form = QuotaImportForm(
        request.POST if action == "import" else None,
        request.FILES if action == "import" else None,
        initial={"year": year},
    )
    errors: list[str] = []
    if request.method == "POST" and not manages:
        return redirect(request.path)
    if action == "set" and set_form.is_valid():
        data = set_form.cleaned_data
        try:
            quota_set(
                actor=user,
                union=data["union"],
                year=data["year"],
                count=data["count"],
                note=data["note"],
            )
        except DomainError as exc:
            form_error(set_form, exc)
        else:
            messages.success(request, _("名额已保存。"))
            return redirect(f"{request.path}?year={data['year']}")
    if action == "import" and import_form.is_valid():
        upload = import_form.cleaned_data["file"]
        try:
            found = quota_import(
                actor=user,
                source=upload.file,
                filename=upload.name,
                year=import_form.cleaned_data["year"],
            )
        except DomainError as exc:
            form_error(import_form, exc)
        else:
            if found.written:
                messages.success(
                    request,
                    _("已导入 %(n)d 个工会的名额，合计 %(total)d 人。")
                    % {"n": len(found.rows), "total": found.total},
                )
                return redirect(f"{request.path}?year={import_form.cleaned_data['year']}")
            errors = [describe(e) for e in found.errors[:200]]
    rows = selectors.quota_rows(user, year)
    return render(
        request,
        "volunteers/quotas.html",
        {
            **staff_context(request, "volunteer_quotas"),
            "year": year,
            "rows": rows,
            "total": sum(r.quota or 0 for r in rows),
            "used": sum(r.used for r in rows),
            "manages": manages,
            "set_form": set_form,
            "import_form": import_form,
            "errors": errors,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_VIEW)
def roster_page(request: AuthenticatedRequest) -> HttpResponse | FileResponse:
    user = request.user
    form = RosterForm(
        request.POST or None, user=user, initial={"responsible": user.get_full_name()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        out = tempfile.TemporaryFile()  # noqa: SIM115 (closed, and so removed, by the response)
        try:
            count = roster_export(
                actor=user,
                union=data["union"],
                stream=out,
                responsible=data["responsible"],
                phone=data["phone"],
                reveal=data["reveal"],
                reason=data["reason"],
            )
        except DomainError as exc:
            out.close()
            form_error(form, exc)
        except BaseException:
            out.close()
            raise
        else:
            out.seek(0)
            name = _("服务帮扶志愿者花名册-%(union)s-%(n)d人.xlsx") % {
                "union": data["union"].name,
                "n": count,
            }
            return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)
    return render(
        request,
        "volunteers/roster.html",
        {
            **staff_context(request, "volunteer_roster"),
            "form": form,
            "can_reveal": policy.holds(user, Perm.VOLUNTEER_REVEAL),
        },
    )
