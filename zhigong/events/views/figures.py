"""Staff page: event figures of a union subtree (events held, sign-ups, attendance rate), by
kind and status, and for each union directly below."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zhigong.core.views import AuthenticatedRequest, page_of, staff_context
from zhigong.events import figures
from zhigong.events.choices import EventKind, EventStatus, SignupStatus
from zhigong.events.forms import FiguresForm
from zhigong.events.selectors import figures_union
from zhigong.unions import policy
from zhigong.unions.charts import Table, dimension_table
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def _table(dim: str, title: str, counts: dict[str, int], choices: list[tuple[str, Any]]) -> Table:
    labels = {value: str(label) for value, label in choices}
    return dimension_table(dim, title, labels, counts, chart_key=f"events-{dim}")


@policy.requires(Perm.EVENT_MANAGE)
def event_figures_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form = FiguresForm(request.GET or None, user=user)
    chosen = form.cleaned_data.get("union") if form.is_bound and form.is_valid() else None
    union = chosen or figures_union(user=user)
    if not form.is_bound or form.is_valid():
        form = FiguresForm(initial={"union": union.code}, user=user)
    counts = figures.of_union(union)
    children = Union.objects.filter(path__startswith=union.path, depth=union.depth + 1).order_by(
        "path"
    )
    page = page_of(request, children, 50)
    return render(
        request,
        "events/figures.html",
        {
            **staff_context(request, "event_figures"),
            "union": union,
            "form": form,
            "summary": figures.summary(counts),
            "charts": [
                (t, mark_safe(t.chart))  # our own SVG
                for t in (
                    _table("kind", _("活动类型"), counts["kind"], EventKind.choices),
                    _table("status", _("活动状态"), counts["status"], EventStatus.choices),
                    _table("signups", _("报名状态"), counts["signups"], SignupStatus.choices),
                )
            ],
            "children": page,
            "child_rows": figures.summaries(list(page)),
        },
    )
