"""The acceptance figures (issue 14 part 8): centres per subtree by kind and by grade, and
satisfaction per child union, in one grouped query over the subtree's acceptances of a year;
coverage against the targets is the coverage page's own (``selectors.progress``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from zhigong.centres import grading, selectors
from zhigong.centres.models import Acceptance, AcceptanceGrade
from zhigong.unions.charts import Table, dimension_tables
from zhigong.unions.models import ServiceCentre, Union

NO_GRADE = "none"


@dataclass
class ChildRow:
    union: Union
    centres: int
    passed: int
    satisfaction: Decimal | None


@dataclass
class Figures:
    union: Union
    year: int | None
    tables: list[Table]
    children: list[ChildRow]


def figures(union: Union, year: int | None) -> Figures:
    found = Acceptance.objects.filter(union__path__startswith=union.path)
    if year:
        found = found.filter(round__year=year)
    rows = found.values("union__path", "centre__kind", "grade").annotate(
        n=Count("id"), sat=Avg("satisfaction_pct")
    )
    counts: dict[str, dict[str, int]] = {"kind": defaultdict(int), "grade": defaultdict(int)}
    children = selectors.children_of(union)
    per: dict[int, list[tuple[int, bool, Decimal | None]]] = defaultdict(list)
    for r in rows:
        counts["kind"][r["centre__kind"]] += r["n"]
        counts["grade"][r["grade"] or NO_GRADE] += r["n"]
        for child in children:
            if r["union__path"].startswith(child.path):
                passed = r["grade"] not in ("", AcceptanceGrade.NOT_PASSED)
                per[child.pk].append((r["n"], passed, r["sat"]))
    grades: dict[str, str] = {
        **{k: str(v) for k, v in AcceptanceGrade.choices},
        NO_GRADE: _("未评定"),
    }
    tables = dimension_tables(
        {
            "kind": (_("按类别"), {k: str(v) for k, v in ServiceCentre.Kind.choices}),
            "grade": (_("按等级"), grades),
        },
        counts,
        chart_prefix=f"acceptance-{union.pk}-{year}",
    )
    out = []
    for child in children:
        parts = per.get(child.pk, [])
        weighted = [(n, s) for n, _p, s in parts if s is not None]
        weight = sum(n for n, _s in weighted)
        rate = (
            sum((Decimal(n) * Decimal(s) for n, s in weighted), Decimal(0)) / weight
            if weight
            else None
        )
        out.append(
            ChildRow(
                child,
                sum(n for n, _p, _s in parts),
                sum(n for n, p, _s in parts if p),
                grading.for_display(rate) if rate is not None else None,
            )
        )
    return Figures(union, year, tables, out)
