"""Staff page: matchmaking figures of a union subtree (registrations by state, introductions,
accept and meet rates, time to the first introduction, the share of active members screened
in 30 days, exposure concentration, outcomes), with charts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from zhigong.core.errors import NotFound
from zhigong.core.views import AuthenticatedRequest, staff_context
from zhigong.matchmaking import figures
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def figures_union(user: object, code: str = "") -> Union:
    """``code``, or the top of the user's ``matchmaking.serve`` scope; else 404."""
    if code:
        union = policy.union_for(user, Perm.MATCH_SERVE, code)
    else:
        union = policy.scope_tops(user, Perm.MATCH_SERVE).first()
    if union is None:
        raise NotFound()
    return union


@require_GET
@policy.requires(Perm.MATCH_SERVE)
def figures_page(request: AuthenticatedRequest) -> HttpResponse:
    union = figures_union(request.user, request.GET.get("union", "").strip())
    counts = figures.of_union(union)
    return render(
        request,
        "matchmaking/figures.html",
        {
            **staff_context(request, "matchmaking_figures"),
            "union": union,
            "roots": policy.scope_tops(request.user, Perm.MATCH_SERVE),
            "summary": figures.summary(union, counts),
            "charts": [(t, mark_safe(t.chart)) for t in figures.tables(counts)],  # our own SVG
        },
    )
