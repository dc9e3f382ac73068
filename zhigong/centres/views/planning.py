"""The city's planning pages: the year's standards per level (seen by every centre.view
holder, edited by the city's operators), coverage against the targets per subtree (CTR-6)
and the model centres of the year (CTR-9)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.centres import catalogue, permissions, selectors
from zhigong.centres.forms import StandardForm, TargetForm, YearForm
from zhigong.centres.models import CentreStandard, CoverageTarget
from zhigong.centres.services.standards import standard_update, standards_start_year, target_set
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.unions import policy
from zhigong.unions.charts import Row, chart_svg, share
from zhigong.unions.roles import Perm


def _year(request: AuthenticatedRequest) -> int:
    form = YearForm(request.GET)
    return int(form.cleaned_data["year"]) if form.is_valid() else selectors.this_year()


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def standards_page(request: AuthenticatedRequest) -> HttpResponse:
    may_set = permissions.can_set_standards(request.user)
    form = YearForm(request.POST or None)
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied()
        if form.is_valid():
            try:
                standards_start_year(actor=request.user, year=form.cleaned_data["year"])
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已建立该年度的建设标准。"))
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    year = _year(request)
    standards = list(CentreStandard.objects.filter(year=year).order_by("level"))
    years = sorted(set(CentreStandard.objects.values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "centres/standards.html",
        {
            **staff_context(request, "centre_standards"),
            "year": year,
            "years": years,
            "standards": [
                (
                    s,
                    {
                        name: [catalogue.label(cat, k) for k in getattr(s, name)]
                        for name, cat in (
                            ("basic_services", "services"),
                            ("optional_services", "services"),
                            ("essentials", "essentials"),
                            ("notices", "notices"),
                            ("rules", "rules"),
                        )
                    },
                )
                for s in standards
            ],
            "form": form,
            "may_set": may_set,
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_STANDARDS)
def standard_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not permissions.can_set_standards(request.user):
        raise NotFound()
    standard = CentreStandard.objects.filter(pk=pk).first()
    if standard is None:
        raise NotFound()
    initial = {
        name: getattr(standard, name)
        for name in (
            "min_area",
            "min_hall_area",
            "basic_services",
            "optional_services",
            "essentials",
            "notices",
            "rules",
        )
    }
    form = StandardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            standard_update(actor=request.user, standard=standard, data=form.as_input())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(f"{_url('staff:centres:standards')}?year={standard.year}")
    return render(
        request,
        "centres/standard_edit.html",
        {**staff_context(request, "centre_standards"), "form": form, "standard": standard},
    )


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def coverage_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    union = policy.union_or_top(user, Perm.CENTRE_VIEW, request.GET.get("union", ""))
    year = _year(request)
    cities = permissions.city_unions(user)
    target_form = TargetForm(request.POST or None, initial={"year": year}) if cities else None
    if request.method == "POST":
        if target_form is None:
            raise PermissionDenied()
        if target_form.is_valid():
            data = target_form.cleaned_data
            try:
                target_set(
                    actor=user,
                    union=cities[0],
                    year=data["year"],
                    measure=data["measure"],
                    value=data["value"],
                )
            except DomainError as exc:
                form_error(target_form, exc)
            else:
                messages.success(request, _("已设置目标。"))
                return redirect(f"{request.path}?year={data['year']}")
    children = selectors.children_of(union)
    whole, parts = selectors.progress(union, children)
    targets = selectors.targets_for(union, year)
    rows = [
        Row(p.union.code, p.union.name, p.streets_covered, share(p.streets_covered, p.streets))
        for p in parts
        if p.streets
    ]
    chart = (
        chart_svg(
            f"centres-coverage-{union.pk}",
            _("建成服务中心（站）的街道、开发区数"),
            rows,
            shape="lying",
        )
        if any(r.count for r in rows)
        else ""
    )
    return render(
        request,
        "centres/coverage.html",
        {
            **staff_context(request, "centre_coverage"),
            "union": union,
            "year": year,
            "whole": whole,
            "parts": parts,
            "targets": targets,
            "measures": CoverageTarget.Measure,
            "chart": chart,
            "missing": selectors.without_centre(union)[:200],
            "target_form": target_form,
        },
    )


@require_http_methods(["GET"])
@policy.requires(Perm.CENTRE_VIEW)
def model_centres_page(request: AuthenticatedRequest) -> HttpResponse:
    union = policy.union_or_top(request.user, Perm.CENTRE_VIEW, request.GET.get("union", ""))
    year = _year(request)
    return render(
        request,
        "centres/models.html",
        {
            **staff_context(request, "centre_models"),
            "union": union,
            "year": year,
            "named": selectors.model_centres(union, year),
            "missing": selectors.without_model_centre(union, year),
        },
    )
