"""Staff page: a federation's routing rules (CASE-1). Its administrators name the service
centre that receives the federation's new cases, per kind or for every kind; the page shows
the rule and where a new case of each kind goes now, and the federations they may set."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.cases import permissions, routing
from zhigong.cases.choices import CaseKind
from zhigong.cases.forms import RoutingRuleForm
from zhigong.cases.models import RoutingRule
from zhigong.cases.services.configure import routing_rule_set
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.roles import Perm


def _federations(user: Any) -> QuerySet[Union]:
    return (
        policy.unions_with_perm(user, Perm.CASE_CONFIGURE)
        .filter(kind=UnionKind.FEDERATION, is_active=True)
        .order_by("path")
    )


def _federation(request: AuthenticatedRequest) -> Union:
    """The federation asked for by ``?union=`` (an unknown code, one out of scope and a union
    that is not a federation are all the same 404), else the first the user may set."""
    code = request.GET.get("union", "")
    if code:
        union = policy.union_for(request.user, Perm.CASE_CONFIGURE, code)
        if union is None or not permissions.can_configure_routing(request.user, union):
            raise NotFound()
        return union
    first = _federations(request.user).first()
    if first is None:
        raise NotFound()
    return first


def _rows(federation: Union) -> list[dict[str, Any]]:
    """Each kind ("" first): the rule set for it, and where a new case goes now."""
    rules = {
        r.kind: r
        for r in RoutingRule.objects.filter(union=federation).select_related("centre__union")
    }
    rows: list[dict[str, Any]] = [{"kind": "", "label": _("所有类型"), "rule": rules.get("")}]
    for kind in CaseKind:
        rows.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "rule": rules.get(kind.value),
                "goes_to": routing.route(federation, kind.value).label,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CASE_CONFIGURE)
def case_routing_page(request: AuthenticatedRequest) -> HttpResponse:
    federation = _federation(request)
    centres = routing.rule_centres(federation)
    form = RoutingRuleForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            routing_rule_set(
                actor=request.user,
                union=federation,
                kind=form.cleaned_data["kind"],
                centre=form.cleaned_data["centre"],
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            form_error(form, exc)
        else:
            messages.success(request, _("分派规则已保存。"))
            return redirect(f"{request.path}?{urlencode({'union': federation.code})}")
    return render(
        request,
        "cases/routing.html",
        {
            **staff_context(request, "case_routing"),
            "federation": federation,
            "rows": _rows(federation),
            "form": form,
            "has_centres": bool(centres),
            "page": page_of(request, _federations(request.user), 50),
            "query": urlencode({"union": federation.code}),
        },
    )
