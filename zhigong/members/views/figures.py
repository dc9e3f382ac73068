"""Staff page: member figures of a union subtree, with tables and server-side charts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.safestring import mark_safe

from zhigong.accounts.roles import Perm
from zhigong.core.views import staff_context
from zhigong.members import figures
from zhigong.unions import policy
from zhigong.unions.selectors import union_breadcrumbs


@login_required
def member_figures(request: HttpRequest) -> HttpResponse:
    user = request.user
    union = figures.figures_union(user=user, code=request.GET.get("union", "").strip())
    scope = policy.scope_paths(user, Perm.MEMBER_VIEW)
    paths = [*union.ancestor_paths(), union.path]
    crumbs = [
        (crumb, any(p.startswith(s) for s in scope))
        for crumb, p in zip(union_breadcrumbs(user=user, union=union), paths, strict=False)
    ]
    tables = figures.figure_tables(union)
    page = Paginator(figures.children_table(union), 50).get_page(request.GET.get("page"))
    context = {
        **staff_context(request, "member_figures"),
        "union": union,
        "crumbs": crumbs,
        "roots": figures.figures_roots(user),
        "tables": tables,
        "charts": [(t, mark_safe(t.chart)) for t in tables],  # our own SVG
        "total": tables[0].total,
        "active": next((r.count for r in tables[0].rows if r.value == "active"), 0),
        "children": page,
    }
    return render(request, "members/figures.html", context)


staff_urlpatterns: list[URLPattern] = [
    path("members/figures/", member_figures, name="member_figures"),
]
