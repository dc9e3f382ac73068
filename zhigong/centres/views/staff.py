"""The workbench's centre pages at /staff/centres/: the registry (list with filters, one
centre with what it lacks against the year's standard, register, edit, the six essentials'
photos and the rules' documents), the year's standards, coverage against the targets and the
model centres."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.centres import catalogue, files, permissions, selectors
from zhigong.centres.forms import (
    CentreForm,
    EssentialForm,
    FilterForm,
    ModelCentreForm,
    RuleForm,
    initial_of,
)
from zhigong.centres.models import CentreEssential, CentreRule
from zhigong.centres.services.registry import (
    centre_register,
    centre_update,
    essential_record,
    rule_upload,
)
from zhigong.centres.services.standards import model_centre_name
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def centre_list_page(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, user=request.user)
    filters = selectors.CentreFilter()
    if form.is_valid():
        filters = selectors.CentreFilter(**form.cleaned_data)
    return render(
        request,
        "centres/list.html",
        {
            **staff_context(request, "centres"),
            "form": form,
            "page": page_of(request, selectors.centre_list(request.user, filters)),
            "query": query_without_page(request),
            "can_register": policy.holds(request.user, Perm.CENTRE_MANAGE),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_MANAGE)
def centre_register_page(request: AuthenticatedRequest) -> HttpResponse:
    form = CentreForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            centre = centre_register(
                actor=request.user, union=form.cleaned_data["union"], data=form.as_input()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已登记服务中心（站）。"))
            return redirect("staff:centres:detail", centre.pk)
    return render(
        request,
        "centres/form.html",
        {**staff_context(request, "centres"), "form": form, "title": _("登记服务中心（站）")},
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def centre_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    centre = selectors.centre_get(request.user, pk)
    permissions.require(
        permissions.can_manage(request.user, centre), user=request.user, centre=centre
    )
    form = CentreForm(
        request.POST or None, user=request.user, editing=True, initial=initial_of(centre)
    )
    if request.method == "POST" and form.is_valid():
        try:
            centre_update(actor=request.user, centre=centre, data=form.as_input())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:centres:detail", centre.pk)
    return render(
        request,
        "centres/form.html",
        {
            **staff_context(request, "centres"),
            "form": form,
            "centre": centre,
            "title": _("修改服务中心（站）"),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CENTRE_VIEW)
def centre_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    centre = selectors.centre_get(user, pk)
    may_manage = permissions.can_manage(user, centre)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action:
        permissions.require(may_manage, user=user, centre=centre)
    rule_form = RuleForm(request.POST if action == "rule" else None, request.FILES or None)
    model_form = ModelCentreForm(request.POST if action == "model" else None, user=user)
    essential_form = EssentialForm(
        request.POST if action == "essential" else None, request.FILES or None
    )
    done = False
    try:
        if action == "essential" and essential_form.is_valid():
            data = essential_form.cleaned_data
            essential_record(
                actor=user,
                centre=centre,
                key=data["key"],
                present=data["present"],
                photo=data.get("photo"),
            )
            done = True
        elif action == "rule" and rule_form.is_valid():
            rule_upload(
                actor=user,
                centre=centre,
                key=rule_form.cleaned_data["key"],
                document=rule_form.cleaned_data["document"],
            )
            done = True
        elif action == "model" and model_form.is_valid():
            data = model_form.cleaned_data
            model_centre_name(
                actor=user,
                union=data["union"],
                centre=centre,
                year=data["year"],
                note=data["note"],
            )
            done = True
    except DomainError as exc:
        target = {"essential": essential_form, "rule": rule_form, "model": model_form}[action]
        form_error(target, exc)
    if done:
        messages.success(request, _("已保存。"))
        return redirect("staff:centres:detail", centre.pk)
    year = selectors.this_year()
    essentials = {e.key: e for e in centre.essentials.all()}
    return render(
        request,
        "centres/detail.html",
        {
            **staff_context(request, "centres"),
            "centre": centre,
            "year": year,
            "lacks": selectors.shortfall(centre, year),
            "funding_warning": selectors.funding_warning(centre),
            "essentials": [
                (key, label, essentials.get(key)) for key, label in catalogue.ESSENTIALS.items()
            ],
            "services": [catalogue.label("services", k) for k in centre.services],
            "notices": [catalogue.label("notices", k) for k in centre.notices],
            "rules": [
                (r, catalogue.label("rules", r.key)) for r in centre.rules.order_by("key", "id")
            ],
            "model_years": centre.model_years.select_related("union").order_by("-year"),
            "may_manage": may_manage,
            "rule_form": rule_form,
            "model_form": model_form,
            "essential_errors": essential_form.errors if action == "essential" else None,
        },
    )


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def essential_photo_page(request: AuthenticatedRequest, pk: int, key: str) -> FileResponse:
    centre = selectors.centre_get(request.user, pk)
    row = CentreEssential.objects.filter(centre=centre, key=key).exclude(photo_path="").first()
    if row is None:
        raise NotFound()
    return files.serve(centre.pk, row.photo_path, row.photo_type, f"{key}")


@require_GET
@policy.requires(Perm.CENTRE_VIEW)
def rule_file_page(request: AuthenticatedRequest, pk: int, rule_pk: int) -> FileResponse:
    centre = selectors.centre_get(request.user, pk)
    rule = CentreRule.objects.filter(centre=centre, pk=rule_pk).first()
    if rule is None:
        raise NotFound()
    return files.serve(centre.pk, rule.file_path, rule.file_type, rule.file_name)
