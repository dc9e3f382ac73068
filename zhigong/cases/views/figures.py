"""Staff page: case figures of a union subtree (received, answered on time, overdue,
escalated, median time to the first answer, satisfaction), with charts and the children."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from zhigong.cases import figure_tables, figures
from zhigong.cases.forms import FiguresForm
from zhigong.core.views import AuthenticatedRequest, page_of, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import union_breadcrumbs


@login_required
def case_figures_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    top = figure_tables.figures_union(user=user)  # 404 for whoever holds case.view nowhere
    form = FiguresForm(request.GET or None, user=user)
    union = (form.cleaned_data.get("union") if form.is_bound and form.is_valid() else None) or top
    if not form.is_bound or form.is_valid():
        form = FiguresForm(initial={"union": union.code}, user=user)
    scope = policy.scope_paths(user, Perm.CASE_VIEW)
    paths = [*union.ancestor_paths(), union.path]
    crumbs = [
        (crumb, any(p.startswith(s) for s in scope))
        for crumb, p in zip(union_breadcrumbs(user=user, union=union), paths, strict=False)
    ]
    counts = figures.of_union(union)
    tables = figure_tables.tables(counts)
    page = page_of(request, figure_tables.children(union), 50)
    return render(
        request,
        "cases/figures.html",
        {
            **staff_context(request, "case_figures"),
            "union": union,
            "form": form,
            "crumbs": crumbs,
            "roots": policy.scope_tops(user, Perm.CASE_VIEW),
            "summary": figure_tables.summary(counts),
            "charts": [(t, mark_safe(t.chart)) for t in tables],  # our own SVG
            "children": page,
            "child_rows": figure_tables.child_rows(list(page)),
        },
    )
