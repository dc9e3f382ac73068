"""Every scoped read of the events app: the workbench's events (those of the unions where
the user runs events), a member's events (their audience's) and sign-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from zhigong.core.errors import NotFound
from zhigong.events import audiences
from zhigong.events.choices import ACTIVE_SIGNUP, SHOWN_TO_MEMBERS, EventKind, SignupStatus
from zhigong.events.models import Event, Signup
from zhigong.members.models import Member
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

# A member's list keeps an event this long after it started (a day-long event, the day's
# check-in), then only "my sign-ups" shows it.
SHOWN_AFTER_START = dt.timedelta(hours=12)


def today_bounds() -> tuple[dt.datetime, dt.datetime]:
    """Today in the site's time: from midnight to the next."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + dt.timedelta(days=1)


def staff_events(user: Any) -> QuerySet[Event]:
    """The events the user runs: others' under ``event.manage``, counselling sessions under
    ``event.counsel``; newest first."""
    manage = policy.path_filter(policy.scope_paths(user, Perm.EVENT_MANAGE), "union__path")
    counsel = policy.path_filter(policy.scope_paths(user, Perm.EVENT_COUNSEL), "union__path")
    return (
        Event.objects.filter(
            (~Q(kind=EventKind.COUNSELLING) & manage) | (Q(kind=EventKind.COUNSELLING) & counsel)
        )
        .select_related("union")
        .order_by("-starts_at", "-id")
    )


def staff_event(user: Any, pk: int) -> Event:
    """One event the user runs; any other is unknown (404)."""
    found = staff_events(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def member_events(member: Member | None) -> QuerySet[Event]:
    """The events a member may see and sign up for: published (or closed for sign-up, or
    under way) events of their audience, soonest first."""
    if member is None:
        return Event.objects.none()
    return (
        Event.objects.filter(
            audiences.events_for(member),
            status__in=SHOWN_TO_MEMBERS,
            starts_at__gte=timezone.now() - SHOWN_AFTER_START,
        )
        .select_related("union")
        .order_by("starts_at", "id")
    )


def member_event(member: Member | None, pk: int) -> Event:
    """An event of the member's audience, or one they signed up for (whatever became of
    it); anything else is unknown (404), drafts included."""
    if member is None:
        raise NotFound()
    shown = Q(audiences.events_for(member), status__in=SHOWN_TO_MEMBERS) | Q(signups__member=member)
    found = Event.objects.filter(shown, pk=pk).select_related("union").distinct().first()
    if found is None:
        raise NotFound()
    return found


def own_signups(member: Member | None) -> QuerySet[Signup]:
    if member is None:
        return Signup.objects.none()
    return (
        Signup.objects.filter(member=member)
        .select_related("event__union")
        .order_by("-event__starts_at", "-id")
    )


def own_signup(member: Member | None, event: Event) -> Signup | None:
    """The member's active sign-up for ``event``, else their latest one."""
    if member is None:
        return None
    mine = Signup.objects.filter(member=member, event=event)
    return mine.filter(status__in=ACTIVE_SIGNUP).first() or mine.order_by("-id").first()


def own_signup_by_pk(member: Member | None, pk: int) -> Signup:
    found = own_signups(member).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def event_signups(event: Event) -> QuerySet[Signup]:
    """Everyone who signed up, places first, then the waiting list in its order."""
    order = {SignupStatus.CONFIRMED: 0, SignupStatus.WAITING: 1, SignupStatus.CANCELLED: 2}
    rank = Case(
        *(When(status=s, then=Value(n)) for s, n in order.items()),
        output_field=IntegerField(),
    )
    return (
        event.signups.select_related("member__union")
        .annotate(rank=rank)
        .order_by("rank", "created_at", "id")
    )


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waiting: int
    attended: int
    male: int
    female: int

    def places_left(self, event: Event) -> int:
        return max(event.capacity - self.confirmed, 0)


def counts(event: Event) -> Counts:
    confirmed = Q(status=SignupStatus.CONFIRMED)
    found = event.signups.aggregate(
        confirmed=Count("id", filter=confirmed),
        waiting=Count("id", filter=Q(status=SignupStatus.WAITING)),
        attended=Count("id", filter=confirmed & Q(attended_at__isnull=False)),
        male=Count("id", filter=confirmed & Q(gender="male")),
        female=Count("id", filter=confirmed & Q(gender="female")),
    )
    return Counts(**found)


def waiting_position(signup: Signup) -> int | None:
    """Where a waiting sign-up stands on the list (1: next in line)."""
    if signup.status != SignupStatus.WAITING:
        return None
    ahead = Signup.objects.filter(event_id=signup.event_id, status=SignupStatus.WAITING).filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, id__lt=signup.id)
    )
    return ahead.count() + 1


def figures_union(*, user: Any, code: str = "") -> Union:
    """``code``, or the top of the user's ``event.manage`` scope (``NotFound`` otherwise)."""
    return policy.union_or_top(user, Perm.EVENT_MANAGE, code)
