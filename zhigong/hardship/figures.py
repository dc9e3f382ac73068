"""Figures of volunteers and hardship for a union subtree (issue 13 part 9).

One page for both apps, kept here because the hardship app may import the volunteers app and
never the other way round (``docs/hardship.md``): the volunteers' numbers (by union, quota
use, confirmed hours) are read from the volunteers' tables, the pairs', files' and visits'
from ours.

Every number is counted by the database, grouped by the *child union* the counted row falls
under: the first ``len(union.path) + steplen`` characters of its union's tree path (a row of
the chosen union itself is grouped under the union, shown as 本级). So the page runs the same
few queries (one per block) whatever the size of the archive; nothing loops over the rows in
Python. These tables are small and indexed by union, so they are read directly rather than
kept as a topic of ``unions.figures`` (whose counts hold whole-subtree totals per union).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.hardship.choices import FileStatus, PairingStatus
from zhigong.hardship.models import HardshipFile, Pairing, Visit
from zhigong.unions.charts import BARS, LYING, Table, dimension_table
from zhigong.unions.models import Union
from zhigong.volunteers.choices import COUNTED, VolunteerStatus
from zhigong.volunteers.levels import holds_quota
from zhigong.volunteers.models import Volunteer, VolunteerQuota
from zhigong.volunteers.service_choices import HoursStatus
from zhigong.volunteers.service_models import ServiceHours

S = VolunteerStatus
WAITING = (S.SUBMITTED, S.UNIT_APPROVED, S.DISTRICT_APPROVED)
MONTHS = 12


@dataclass(frozen=True)
class VolunteerRow:
    code: str
    name: str
    approved: int
    waiting: int
    left: int


@dataclass(frozen=True)
class QuotaRow:
    code: str
    name: str
    quota: int | None
    used: int

    @property
    def left(self) -> int | None:
        return None if self.quota is None else self.quota - self.used


@dataclass(frozen=True)
class Figures:
    union: Union
    year: int
    volunteers: list[VolunteerRow]
    quotas: list[QuotaRow]
    hours: dict[str, Decimal]  # confirmed hours of the year per child union code
    pairs: dict[str, int]  # active pairs per child union code
    unpaired: dict[str, int]  # open files without an active pair per child union code
    visits: dict[str, int]  # visits per month "YYYY-MM", the last twelve, oldest first
    labels: dict[str, str]  # child union code → name (本级 for the union itself)

    @property
    def active_pairs(self) -> int:
        return sum(self.pairs.values())

    @property
    def files_without_volunteer(self) -> int:
        return sum(self.unpaired.values())

    @property
    def confirmed_hours(self) -> Decimal:
        return sum(self.hours.values(), Decimal(0))


def _grouped(rows: QuerySet[Any], union: Union, field: str, **aggregates: Any) -> QuerySet[Any]:
    """``rows`` of the union's subtree, grouped by the child union they fall under
    (``branch``: a tree path one step below the union, or the union's own path)."""
    width = len(union.path) + Union.steplen
    grouped: QuerySet[Any] = (
        rows.filter(**{f"{field}__startswith": union.path})
        .annotate(branch=Substr(field, 1, width))
        .values("branch")
        .annotate(**aggregates)
        .order_by()
    )
    return grouped


def _months(today: dt.date) -> list[str]:
    """The last ``MONTHS`` months as "YYYY-MM", oldest first."""
    y, m = today.year, today.month
    out = []
    for _i in range(MONTHS):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def of_union(union: Union, year: int | None = None, today: dt.date | None = None) -> Figures:
    today = today or timezone.localdate()
    year = year or today.year
    children = list(
        Union.objects.filter(path__startswith=union.path, depth=union.depth + 1)
        .order_by("path")
        .only("path", "code", "name", "short_name", "kind", "level")
    )
    code_of = {c.path: c.code for c in children} | {union.path: union.code}
    labels = {union.code: _("本级"), **{c.code: c.short_name or c.name for c in children}}

    def by_code(rows: QuerySet[Any], key: str) -> dict[str, Any]:
        return {code_of[r["branch"]]: r[key] for r in rows if r["branch"] in code_of}

    volunteer_counts = {
        code_of[r["branch"]]: r
        for r in _grouped(
            Volunteer.objects.all(),
            union,
            "union__path",
            approved=Count("id", filter=Q(status=S.APPROVED)),
            waiting=Count("id", filter=Q(status__in=WAITING)),
            left=Count("id", filter=Q(status=S.LEFT)),
        )
        if r["branch"] in code_of
    }
    volunteers = [
        VolunteerRow(
            code,
            labels[code],
            volunteer_counts.get(code, {}).get("approved", 0),
            volunteer_counts.get(code, {}).get("waiting", 0),
            volunteer_counts.get(code, {}).get("left", 0),
        )
        for code in [*code_of.values()]
        if code != union.code or code in volunteer_counts
    ]

    # 附件1's unions in the subtree (the union itself and its children, which is where a
    # city's or a district's quotas are), each with its quota and places taken in the year.
    quota_unions = [u for u in [union, *children] if holds_quota(u)]
    ids = [u.pk for u in quota_unions]
    quota_of = dict(
        VolunteerQuota.objects.filter(union_id__in=ids, year=year).values_list("union", "count")
    )
    used_of = dict(
        Volunteer.objects.filter(quota_union_id__in=ids, quota_year=year, status__in=COUNTED)
        .values("quota_union")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("quota_union", "n")
    )
    quotas = [
        QuotaRow(u.code, u.short_name or u.name, quota_of.get(u.pk), used_of.get(u.pk, 0))
        for u in quota_unions
    ]

    hours = by_code(
        _grouped(
            ServiceHours.objects.filter(status=HoursStatus.CONFIRMED, served_on__year=year),
            union,
            "volunteer__union__path",
            total=Sum("hours"),
        ),
        "total",
    )
    pairs = by_code(
        _grouped(
            Pairing.objects.filter(status=PairingStatus.ACTIVE),
            union,
            "file__union__path",
            n=Count("id"),
        ),
        "n",
    )
    unpaired = by_code(
        _grouped(
            HardshipFile.objects.filter(status=FileStatus.OPEN).exclude(
                pairings__status=PairingStatus.ACTIVE
            ),
            union,
            "union__path",
            n=Count("id", distinct=True),
        ),
        "n",
    )
    months = _months(today)
    first = dt.date(int(months[0][:4]), int(months[0][5:]), 1)
    per_month = {
        r["month"].strftime("%Y-%m"): r["n"]
        for r in Visit.objects.filter(
            pairing__file__union__path__startswith=union.path, visited_on__gte=first
        )
        .annotate(month=TruncMonth("visited_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    }
    return Figures(
        union=union,
        year=year,
        volunteers=volunteers,
        quotas=quotas,
        hours={k: v or Decimal(0) for k, v in hours.items()},
        pairs=pairs,
        unpaired=unpaired,
        visits={m: per_month.get(m, 0) for m in months},
        labels=labels,
    )


def _table(
    dim: str, title: str, labels: Mapping[str, str], counts: Mapping[str, int], shape: str = BARS
) -> Table:
    return dimension_table(dim, title, labels, counts, chart_key=f"vh-{dim}", shape=shape)


def tables(f: Figures) -> list[Table]:
    """The charts and tables of the page, through the figures kit."""
    own = f.union.code
    # The union's own row (本级) only when something is counted there.
    counted_here = any(own in d for d in (f.pairs, f.unpaired, f.hours)) or any(
        r.code == own for r in f.volunteers
    )
    child_labels = {k: v for k, v in f.labels.items() if k != own or counted_here}
    return [
        _table(
            "approved",
            _("已批准的志愿者"),
            child_labels,
            {r.code: r.approved for r in f.volunteers},
        ),
        _table(
            "hours",
            _("%(year)d 年确认的服务时长（小时）") % {"year": f.year},
            child_labels,
            {k: round(v) for k, v in f.hours.items()},
        ),
        _table("pairs", _("进行中的一助一结对"), child_labels, f.pairs),
        _table("unpaired", _("无结对志愿者的困难职工档案"), child_labels, f.unpaired),
        # Twelve months lie down: their labels would overlap under upright bars.
        _table("visits", _("近 12 个月每月走访次数"), {m: m for m in f.visits}, f.visits, LYING),
    ]


def as_dict(f: Figures) -> dict[str, Any]:
    return {
        "union": f.union.code,
        "year": f.year,
        "volunteers": [
            {
                "union": r.code,
                "name": r.name,
                "approved": r.approved,
                "waiting": r.waiting,
                "left": r.left,
            }
            for r in f.volunteers
        ],
        "quotas": [
            {"union": q.code, "name": q.name, "quota": q.quota, "used": q.used, "left": q.left}
            for q in f.quotas
        ],
        "confirmed_hours": {k: str(v) for k, v in f.hours.items()},
        "active_pairs": f.pairs,
        "files_without_volunteer": f.unpaired,
        "visits_per_month": f.visits,
    }
