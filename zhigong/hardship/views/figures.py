"""Staff page: volunteers and hardship figures of a union subtree (issue 13 part 9): the
volunteers by child union (approved, waiting, left), quota use of the year, confirmed service
hours, active pairs, files without a volunteer and visits per month, with charts.

Here rather than in the volunteers app: it counts pairs, files and visits too, and only the
hardship app may import both (``docs/hardship.md``, the architecture table)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from zhigong.core.views import AuthenticatedRequest, staff_context
from zhigong.hardship import figures
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def figures_union(user: object, code: str = "") -> Union:
    """``code`` if the user's ``hardship.view`` covers it, or the top of that scope; else 404."""
    return policy.union_or_top(user, Perm.HARDSHIP_VIEW, code)


@require_GET
@policy.requires(Perm.HARDSHIP_VIEW)
def figures_page(request: AuthenticatedRequest) -> HttpResponse:
    union = figures_union(request.user, request.GET.get("union", "").strip())
    found = figures.of_union(union)
    children = {r.code: r.name for r in found.volunteers if r.code != union.code}
    return render(
        request,
        "hardship/figures.html",
        {
            **staff_context(request, "hardship_figures"),
            "union": union,
            "f": found,
            "children": children,
            "roots": policy.scope_tops(request.user, Perm.HARDSHIP_VIEW),
            "charts": [(t, mark_safe(t.chart)) for t in figures.tables(found)],  # our own SVG
        },
    )
