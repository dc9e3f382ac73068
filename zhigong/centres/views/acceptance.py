"""The acceptance round's pages at /staff/centres/acceptances/: the list (filters, pages),
the rounds, one acceptance (the checklist with the self-inspection, the inspection and the
difference per item and in total; the grade; the city's decisions), the application form
(printable and .xlsx), the evidence files and the figures."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.centres import acceptance_selectors as sel
from zhigong.centres import files, permissions
from zhigong.centres.acceptance_forms import (
    AcceptanceFilterForm,
    ApplicationForm,
    AwardForm,
    InspectItemForm,
    LowerForm,
    ReasonForm,
    ReportForm,
    RoundForm,
    SelfItemForm,
)
from zhigong.centres.models import (
    Acceptance,
    AcceptanceApplication,
    AcceptanceRound,
    AcceptanceStatus,
)
from zhigong.centres.services import acceptance as svc
from zhigong.centres.services.acceptance import ACCEPTANCE_FLOW
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm

S = AcceptanceStatus


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def acceptance_list_page(request: AuthenticatedRequest) -> HttpResponse:
    form = AcceptanceFilterForm(request.GET or None, user=request.user)
    filters = sel.AcceptanceFilter()
    if form.is_valid():
        filters = sel.AcceptanceFilter(**form.cleaned_data)
    return render(
        request,
        "centres/acceptances.html",
        {
            **staff_context(request, "centre_acceptances"),
            "form": form,
            "page": page_of(request, sel.acceptance_list(request.user, filters)),
            "query": query_without_page(request),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def rounds_page(request: AuthenticatedRequest) -> HttpResponse:
    may_open = permissions.can_set_standards(request.user)
    current = AcceptanceRound.objects.first()
    if request.method == "POST" and "centre" in request.POST:
        # Start a centre's self-inspection in the current round.
        centre = (
            sel.centres_without(request.user, current)
            .filter(pk=int(request.POST["centre"]) if request.POST["centre"].isdigit() else 0)
            .first()
            if current
            else None
        )
        if current is None or centre is None:
            raise NotFound()
        try:
            made = svc.acceptance_start(actor=request.user, round=current, centre=centre)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            return redirect("staff:centres:acceptance", made.pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        if not may_open:
            raise PermissionDenied()
        if form.is_valid():
            try:
                svc.round_open(actor=request.user, data=svc.RoundInput(**form.cleaned_data))
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已设定验收批次。"))
                return redirect("staff:centres:acceptance_rounds")
    return render(
        request,
        "centres/acceptance_rounds.html",
        {
            **staff_context(request, "centre_acceptances"),
            "rounds": AcceptanceRound.objects.all(),
            "form": form,
            "may_open": may_open,
            "current": current,
            "startable": (
                list(sel.centres_without(request.user, current)[:500])
                if current and policy.holds(request.user, Perm.CENTRE_MANAGE)
                else []
            ),
        },
    )


def _act(request: AuthenticatedRequest, acceptance: Acceptance) -> tuple[Any, str]:
    """Run the posted action; returns (a form with errors or None, the success message)."""
    action = request.POST.get("action", "")
    user = request.user
    if action in ("self_item", "inspect_item"):
        item = sel.item_get(user, acceptance.pk, int(request.POST.get("item") or 0))
        if action == "self_item":
            form: Any = SelfItemForm(request.POST, request.FILES)
            if form.is_valid():
                svc.self_inspect_item(
                    actor=user,
                    item=item,
                    met=form.cleaned_data["met"],
                    note=form.cleaned_data["note"],
                    evidence=form.cleaned_data["evidence"],
                )
                return None, _("已保存自查。")
        else:
            form = InspectItemForm(request.POST)
            if form.is_valid():
                svc.inspect_item(
                    actor=user, item=item, data=svc.InspectionInput(**form.cleaned_data)
                )
                return None, _("已记录验收情况。")
        return form, ""
    if action == "report":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            svc.self_report_save(
                actor=user,
                acceptance=acceptance,
                report=form.cleaned_data["report"],
                document=form.cleaned_data["document"],
            )
            return None, _("已保存自查报告。")
        return form, ""
    if action == "lower":
        form = LowerForm(request.POST)
        if form.is_valid():
            svc.complaint_lower(actor=user, acceptance=acceptance, **form.cleaned_data)
            return None, _("已根据投诉调整等级。")
        return form, ""
    if action == "award":
        form = AwardForm(request.POST)
        if form.is_valid():
            svc.award_record(actor=user, acceptance=acceptance, **form.cleaned_data)
            return None, _("已记录奖补。")
        return form, ""
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "") if hasattr(form, "cleaned_data") else ""
    simple = {
        "complete": (
            lambda: svc.inspection_complete(actor=user, acceptance=acceptance),
            _("验收完成。"),
        ),
        "grade": (
            lambda: svc.grade_compute(actor=user, acceptance=acceptance, reason=reason),
            _("已评定等级。"),
        ),
        "return": (
            lambda: svc.acceptance_return(actor=user, acceptance=acceptance, reason=reason),
            _("已退回。"),
        ),
        "approve": (
            lambda: svc.acceptance_approve(actor=user, acceptance=acceptance),
            _("已审定。"),
        ),
        "publish": (
            lambda: svc.acceptance_publish(actor=user, acceptance=acceptance),
            _("已在网站公示。"),
        ),
        "finalise": (
            lambda: svc.acceptance_finalise(actor=user, acceptance=acceptance),
            _("验收结果已确定。"),
        ),
    }
    if action not in simple:
        raise DomainError(_("未知的操作。"))
    run, said = simple[action]
    run()  # type: ignore[no-untyped-call]
    return None, str(said)


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def acceptance_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    acceptance = sel.acceptance_get(request.user, pk)
    error = ""
    if request.method == "POST":
        try:
            form, said = _act(request, acceptance)
        except NotFound:
            raise
        except DomainError as exc:
            error = str(exc.message)
        else:
            if form is None:
                messages.success(request, said)
                return redirect("staff:centres:acceptance", acceptance.pk)
            error = "；".join(str(e) for errs in form.errors.values() for e in errs)
    acceptance = sel.acceptance_get(request.user, pk)
    may_manage = permissions.can_manage(request.user, acceptance.centre)
    inspects = permissions.inspects(request.user)
    status = acceptance.status
    return render(
        request,
        "centres/acceptance.html",
        {
            **staff_context(request, "centre_acceptances"),
            "a": acceptance,
            "error": error,
            "checklist": sel.checklist_of(acceptance),
            "self_open": may_manage and status in svc.SELF_EDITABLE,
            "inspect_open": inspects and status == S.SUBMITTED,
            "inspects": inspects,
            "next": ACCEPTANCE_FLOW.next_statuses(status),
            "is_inspector": request.user.pk == acceptance.inspector_id,
            "problems": svc.self_problems(acceptance) if status in svc.SELF_EDITABLE else [],
            "pcts": {
                "hardware": sel.shown(acceptance.hardware_pct),
                "mechanism": sel.shown(acceptance.mechanism_pct),
                "satisfaction": sel.shown(acceptance.satisfaction_pct),
            },
            "rate_missing": acceptance.satisfaction_pct is None,
            "lower_form": LowerForm(),
            "award_form": AwardForm(),
            "report_form": ReportForm(initial={"report": acceptance.self_report}),
            "S": S,
        },
    )


@never_cache
@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def evidence_page(request: AuthenticatedRequest, pk: int, item_pk: int) -> FileResponse:
    item = sel.item_get(request.user, pk, item_pk)
    if not item.evidence_path:
        raise NotFound()
    return files.serve(
        item.acceptance.centre_id, item.evidence_path, item.evidence_type, item.evidence_name
    )


@never_cache
@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def report_file_page(request: AuthenticatedRequest, pk: int) -> FileResponse:
    acceptance = sel.acceptance_get(request.user, pk)
    if not acceptance.self_report_path:
        raise NotFound()
    return files.serve(
        acceptance.centre_id,
        acceptance.self_report_path,
        acceptance.self_report_type,
        acceptance.self_report_name,
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_MANAGE)
def application_new_page(request: AuthenticatedRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or request.GET or None, user=request.user)
    candidates: list[Acceptance] = []
    if form.is_bound and form.is_valid():
        candidates = list(
            sel.applicable(request.user, form.cleaned_data["union"], form.cleaned_data["round"])
        )
        if request.method == "POST":
            wanted = {int(x) for x in request.POST.getlist("acceptances") if x.isdigit()}
            chosen = [a for a in candidates if a.pk in wanted]
            try:
                made = svc.application_submit(
                    actor=request.user,
                    union=form.cleaned_data["union"],
                    round=form.cleaned_data["round"],
                    acceptances=chosen,
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已提交验收申报表。"))
                return redirect("staff:centres:application", made.pk)
    return render(
        request,
        "centres/application_new.html",
        {**staff_context(request, "centre_acceptances"), "form": form, "candidates": candidates},
    )


def _application(request: AuthenticatedRequest, pk: int) -> AcceptanceApplication:
    found = AcceptanceApplication.objects.select_related("union", "round").filter(pk=pk).first()
    # The union's own staff and the city's working group read an application.
    if found is None or not (
        policy.has_perm(request.user, Perm.CENTRE_VIEW, found.union)
        or permissions.inspects(request.user)
    ):
        raise NotFound()
    return found


def _rows(application: AcceptanceApplication) -> list[Acceptance]:
    return list(
        application.acceptances.select_related("centre", "union").order_by("union__path", "pk")
    )


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def application_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return render(
        request,
        "centres/application.html",
        {
            **staff_context(request, "centre_acceptances"),
            "application": application,
            "rows": _rows(application),
        },
    )


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def application_xlsx_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row

    application = _application(request, pk)
    out = io.BytesIO()
    workbook = open_workbook(out)
    sheet = workbook.add_worksheet(_("验收申报表"))
    header = workbook.add_format(HEADER_STYLE)
    write_row(
        sheet,
        0,
        [_("职工服务中心（站）验收申报表"), application.union.name, str(application.round.year)],
        header,
    )
    write_row(
        sheet,
        1,
        [
            _("序号"),
            _("服务中心（站）"),
            _("类别"),
            _("层级"),
            _("所属工会"),
            _("地址"),
            _("服务热线"),
            _("自查报告"),
        ],
        header,
    )
    for n, a in enumerate(_rows(application), start=1):
        c = a.centre
        write_row(
            sheet,
            n + 1,
            [
                n,
                c.name,
                c.get_kind_display(),
                c.get_level_display(),
                a.union.name,
                c.address,
                c.hotline,
                a.self_report[:2000],
            ],
        )
    workbook.close()
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="application-{application.pk}.xlsx"'
    return response


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def figures_page(request: AuthenticatedRequest) -> HttpResponse:
    from zhigong.centres import acceptance_figures, selectors

    union = policy.union_or_top(request.user, Perm.CENTRE_VIEW, request.GET.get("union", ""))
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    whole, parts = selectors.progress(union, selectors.children_of(union))
    return render(
        request,
        "centres/acceptance_figures.html",
        {
            **staff_context(request, "centre_acceptances"),
            "figures": (found := acceptance_figures.figures(union, year)),
            "charts": [(t, mark_safe(t.chart)) for t in found.tables],  # our own SVG
            "years": list(AcceptanceRound.objects.values_list("year", flat=True)),
            "year": year,
            "coverage": whole,
            "coverage_parts": parts,
        },
    )
