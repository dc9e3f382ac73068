"""Scoped reads of cases: the workbench's queues, one case for staff or for its requester,
its timeline and attachments.

Staff see the cases held in the subtrees where they hold ``case.view``, and the cases
assigned to them where they hold ``case.handle`` (a legal volunteer: those only). A requester
sees their own. Anything else is answered like an unknown case: ``NotFound``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zhigong.cases import permissions
from zhigong.cases.choices import ON_THE_CLOCK, OPEN, PUBLIC_STEPS, CaseStatus
from zhigong.cases.models import Case, CaseAttachment, CaseStep, Referral
from zhigong.core.calendar import add_working_days
from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

# Working days ahead that count as "due soon".
DUE_SOON_DAYS = 2

QUEUES = ("mine", "open", "unassigned", "due_soon", "overdue", "all")


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


# Up to this many unions, a scope's unions are named by id in the cases' query (the planner
# then estimates each union's cases well); a larger scope is a subquery.
LISTED_UNIONS = 2000


def held_in(paths: list[str], *, listed: bool = True) -> Q:
    """Cases held in the subtrees of ``paths``: the unions there first (a range on the unique
    path index, on both databases), then the cases by their open-queue index. ``listed=False``
    keeps the unions a subquery (one query less, for a count that reads few rows anyway)."""
    if not paths:
        return Q(pk__in=[])
    unions = Q()
    for path in paths:
        unions |= Q(path__gte=path, path__lt=path + "~")  # paths are digits and capitals
    found = Union.objects.filter(unions).values_list("pk", flat=True)
    if not listed:
        return Q(union_id__in=found)
    ids = list(found[: LISTED_UNIONS + 1])
    if len(ids) <= LISTED_UNIONS:
        return Q(union_id__in=ids)
    return Q(union_id__in=found)


def staff_scope(user: Any, *, listed: bool = True) -> QuerySet[Case]:
    """Every case the user sees as staff: held where they hold ``case.view``, or assigned to
    them where they hold ``case.handle`` (only where ``case.view`` does not cover already)."""
    return Case.objects.filter(_scope(user, listed=listed))


def _scope(user: Any, *, listed: bool) -> Q:
    viewing = policy.scope_paths(user, Perm.CASE_VIEW)
    handling = [
        p
        for p in policy.scope_paths(user, Perm.CASE_HANDLE)
        if not any(p.startswith(v) for v in viewing)
    ]
    scope = held_in(viewing, listed=listed)
    if handling and getattr(user, "pk", None):
        scope |= Q(handler_id=user.pk) & held_in(handling, listed=listed)
    return scope


def sees_all_in_scope(user: Any) -> bool:
    """Supervisors and handlers of a union (``case.view``), as opposed to legal volunteers
    who see only their own cases."""
    return policy.holds(user, Perm.CASE_VIEW)


@dataclass(frozen=True)
class QueueFilter:
    q: str = ""  # a reference number, or part of one
    kind: str = ""
    category: str = ""
    status: str = ""
    channel: str = ""


def overdue_q(today: dt.date) -> Q:
    """Past its deadline and not answered, or escalated for it and not yet taken up."""
    return Q(status__in=ON_THE_CLOCK, due_date__lt=today) | Q(
        status__in=OPEN, overdue_at__isnull=False
    )


def due_soon_until(today: dt.date) -> dt.date:
    return add_working_days(today, DUE_SOON_DAYS).date


def case_queue(
    user: Any,
    queue: str,
    filters: QueueFilter | None = None,
    *,
    today: dt.date | None = None,
    scope: QuerySet[Case] | None = None,
) -> QuerySet[Case]:
    """One queue of the workbench, filtered; the most urgent first. ``scope`` is the user's
    ``staff_scope`` when the caller has it already (it costs a query to build)."""
    today = today or timezone.localdate()
    filters = filters or QueueFilter()
    qs = staff_scope(user) if scope is None else scope
    if queue == "mine" or not sees_all_in_scope(user):
        qs = qs.filter(handler_id=getattr(user, "pk", None))
    if queue in ("mine", "open"):
        qs = qs.filter(status__in=OPEN)
    elif queue == "unassigned":
        qs = qs.filter(status__in=(CaseStatus.SUBMITTED, CaseStatus.ACCEPTED))
    elif queue == "due_soon":
        qs = qs.filter(
            status__in=ON_THE_CLOCK, due_date__gte=today, due_date__lte=due_soon_until(today)
        )
    elif queue == "overdue":
        qs = qs.filter(overdue_q(today))
    if reference := "".join((filters.q or "").split()).upper():
        qs = (
            qs.filter(reference=reference)
            if len(reference) >= 15
            else qs.filter(reference__contains=reference)
        )
    for field in ("kind", "category", "status", "channel"):
        if value := getattr(filters, field):
            qs = qs.filter(**{field: value})
    order = ("due_date", "id") if queue in ("due_soon", "overdue", "mine") else ("-id",)
    # The page's unions, centres and handlers come after it is cut (a join would be made for
    # every case of the queue before the sort picks the page).
    return qs.prefetch_related("union", "centre", "handler").order_by(*order)


def queue_counts(
    user: Any, *, today: dt.date | None = None, scope: QuerySet[Case] | None = None
) -> dict[str, int]:
    """How many cases each queue (but "all") holds, in one query over the open cases of the
    user's scope; the same conditions as ``case_queue`` (``scope`` as there)."""
    today = today or timezone.localdate()
    everything = sees_all_in_scope(user)
    mine = Q(handler_id=getattr(user, "pk", None))
    cases = (staff_scope(user) if scope is None else scope).filter(status__in=OPEN)
    if not everything:
        cases = cases.filter(mine)
    # Counted over a column of the open-queue index (never null): index-only on PostgreSQL.
    counts = cases.aggregate(
        mine=Count("union_id", filter=mine),
        open=Count("union_id"),
        unassigned=Count(
            "union_id", filter=Q(status__in=(CaseStatus.SUBMITTED, CaseStatus.ACCEPTED))
        ),
        due_soon=Count(
            "id",
            filter=Q(
                status__in=ON_THE_CLOCK,
                due_date__gte=today,
                due_date__lte=due_soon_until(today),
            ),
        ),
        overdue=Count(
            "id",
            filter=Q(status__in=ON_THE_CLOCK, due_date__lt=today) | Q(overdue_at__isnull=False),
        ),
    )
    names = QUEUES[:-1] if everything else ("mine", "due_soon", "overdue")
    return {name: int(counts[name]) for name in names}


def case_get_for_staff(user: Any, pk: Any) -> Case:
    case = (
        Case.objects.select_related("union", "centre", "handler", "origin", "member")
        .filter(pk=_pk(pk))
        .first()
    )
    if case is None or not permissions.can_view_as_staff(user, case):
        raise NotFound()
    return case


def case_get_own(user: Any, pk: Any) -> Case:
    case = Case.objects.select_related("union", "centre").filter(pk=_pk(pk)).first()
    if case is None or not getattr(user, "is_authenticated", False):
        raise NotFound()
    if not permissions.is_requester(user, case):
        raise NotFound()
    return case


def own_cases(user: Any) -> QuerySet[Case]:
    if not getattr(user, "pk", None):
        return Case.objects.none()
    return (
        Case.objects.filter(requester_id=user.pk).select_related("union", "centre").order_by("-id")
    )


def timeline(case: Case, *, for_requester: bool = False) -> QuerySet[CaseStep]:
    steps = case.steps.select_related("union", "to_union").prefetch_related("attachments")
    if for_requester:
        steps = steps.filter(kind__in=PUBLIC_STEPS)
    return steps.order_by("at", "id")


def attachment_of(case: Case, pk: Any) -> CaseAttachment:
    found = case.attachments.filter(pk=_pk(pk)).first()
    if found is None:
        raise NotFound()
    return found


def referrals_of(case: Case) -> QuerySet[Referral]:
    return (
        case.referrals.select_related("department")
        .prefetch_related("chases")
        .order_by("referred_on", "id")
    )


def referral_of(case: Case, pk: Any) -> Referral:
    found = case.referrals.select_related("department", "case").filter(pk=_pk(pk)).first()
    if found is None:
        raise NotFound()
    return found


def earlier_cases_of_phone(user: Any, phone_index: str, *, limit: int = 5) -> QuerySet[Case]:
    """A caller's earlier cases the user may see (the hotline form shows them)."""
    if not phone_index:
        return Case.objects.none()
    return staff_scope(user).filter(phone_index=phone_index).order_by("-id")[:limit]
