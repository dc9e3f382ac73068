"""Scoped reads of the acceptance round: the staff list (filtered by round, grade, status and
subtree, paginated in a fixed number of queries), one acceptance with its checklist, the
application form's rows, and the portal's published results (nothing private)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from zhigong.centres import checklist, grading, permissions
from zhigong.centres.models import (
    Acceptance,
    AcceptanceItem,
    AcceptanceRound,
    AcceptanceStatus,
)
from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

PUBLIC = (AcceptanceStatus.PUBLISHED, AcceptanceStatus.FINAL)


@dataclass(frozen=True)
class AcceptanceFilter:
    round: AcceptanceRound | None = None
    grade: str = ""
    status: str = ""
    union: Union | None = None
    q: str = ""


def acceptance_list(user: Any, filters: AcceptanceFilter) -> QuerySet[Acceptance]:
    paths = policy.scope_paths(user, Perm.CENTRE_VIEW)
    found = Acceptance.objects.filter(policy.path_filter(paths, "union__path"))
    if filters.round is not None:
        found = found.filter(round=filters.round)
    if filters.union is not None:
        found = found.filter(union__path__startswith=filters.union.path)
    if filters.grade:
        found = found.filter(grade=filters.grade)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.q.strip():
        found = found.filter(centre__name__contains=filters.q.strip())
    return found.select_related("round", "centre", "union").order_by(
        "-round__year", "union__path", "pk"
    )


def acceptance_get(user: Any, pk: int) -> Acceptance:
    found = (
        Acceptance.objects.select_related("round", "centre", "centre__union", "union", "inspector")
        .filter(pk=pk)
        .first()
    )
    if found is None or not permissions.can_view(user, found.centre):
        raise NotFound()
    return found


def item_get(user: Any, pk: int, item_pk: int) -> AcceptanceItem:
    acceptance = acceptance_get(user, pk)
    item = AcceptanceItem.objects.filter(acceptance=acceptance, pk=item_pk).first()
    if item is None:
        raise NotFound()
    item.acceptance = acceptance
    return item


@dataclass
class Row:
    item: AcceptanceItem
    label: str


@dataclass
class Checklist:
    groups: list[tuple[str, list[Row]]]
    self_total: Decimal
    inspected_total: Decimal | None
    points_total: Decimal

    @property
    def difference(self) -> Decimal | None:
        if self.inspected_total is None:
            return None
        return self.inspected_total - self.self_total


def checklist_of(acceptance: Acceptance) -> Checklist:
    items = list(acceptance.items.all())
    groups = [
        (str(label), [Row(i, checklist.label(i.key)) for i in items if i.group == value])
        for value, label in AcceptanceItem.Group.choices
    ]
    inspected = [i.inspected_points for i in items]
    return Checklist(
        groups=groups,
        self_total=sum((i.self_points for i in items), Decimal(0)),
        inspected_total=(
            sum((p for p in inspected if p is not None), Decimal(0))
            if any(p is not None for p in inspected)
            else None
        ),
        points_total=sum((i.points for i in items), Decimal(0)),
    )


def shown(value: Decimal | None) -> Decimal | None:
    return grading.for_display(value) if value is not None else None


def published_results(year: int | None = None) -> QuerySet[Acceptance]:
    """What the portal shows: published and final results only (year, centre, grade, the
    three percentages; the template shows nothing else)."""
    found = Acceptance.objects.filter(status__in=PUBLIC)
    if year:
        found = found.filter(round__year=year)
    return found.select_related("round", "centre").order_by("-round__year", "grade", "centre__name")


def result_years() -> list[int]:
    return sorted(
        set(Acceptance.objects.filter(status__in=PUBLIC).values_list("round__year", flat=True)),
        reverse=True,
    )


def applicable(user: Any, union: Union, round_: AcceptanceRound) -> QuerySet[Acceptance]:
    """The acceptances a union may propose in its application: its subtree's, not yet
    submitted."""
    return acceptance_list(user, AcceptanceFilter(round=round_, union=union)).filter(
        status__in=(AcceptanceStatus.SELF_INSPECTING, AcceptanceStatus.RETURNED)
    )


def centres_without(user: Any, round_: AcceptanceRound) -> Any:
    """The user's manageable centres not yet in the round (to start one)."""
    from zhigong.centres.selectors import staff_scope

    paths = policy.scope_paths(user, Perm.CENTRE_MANAGE)
    return (
        staff_scope(user)
        .filter(policy.path_filter(paths, "union__path"), is_active=True)
        .exclude(acceptances__round=round_)
        .order_by("name")
    )
