"""Staff page: member figures of a union subtree, with tables and server-side charts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from zhigong.core.views import AuthenticatedRequest, page_of, staff_context
from zhigong.members.figures import tables as figures
from zhigong.members.forms import FiguresForm
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import union_breadcrumbs


@login_required
def member_figures_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    top = figures.figures_union(user=user)  # 404 for whoever holds member.view nowhere
    form = FiguresForm(request.GET or None, user=user)
    union = (form.cleaned_data.get("union") if form.is_bound and form.is_valid() else None) or top
    if not form.is_bound or form.is_valid():
        form = FiguresForm(initial={"union": union.code}, user=user)
    scope = policy.scope_paths(user, Perm.MEMBER_VIEW)
    paths = [*union.ancestor_paths(), union.path]
    crumbs = [
        (crumb, any(p.startswith(s) for s in scope))
        for crumb, p in zip(union_breadcrumbs(user=user, union=union), paths, strict=False)
    ]
    tables = figures.figure_tables(union)
    page = page_of(request, figures.children_table(union), 50)
    context = {
        **staff_context(request, "member_figures"),
        "union": union,
        "form": form,
        "crumbs": crumbs,
        "roots": policy.scope_tops(user, Perm.MEMBER_VIEW),
        "tables": tables,
        "charts": [(t, mark_safe(t.chart)) for t in tables],  # our own SVG
        "total": tables[0].total,
        "active": next((r.count for r in tables[0].rows if r.value == "active"), 0),
        "children": page,
    }
    return render(request, "members/figures.html", context)
