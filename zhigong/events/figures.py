"""The events topic of the figures kit (DESIGN §3.5): what an event and its sign-ups count
towards, under the organising union, for any union subtree:

- ``status`` and ``kind``: events by where they stand and by kind (held = ``held`` +
  ``closed``);
- ``signups``: sign-ups by their current status (confirmed, waiting, cancelled);
- ``held``: of the events held, the places taken (``places``) and the people checked in
  (``attended``): the attendance rate is attended / places.

The services adjust the counts as they change what is counted (explicit calls); ``rebuild``
recounts the topic from the tables (nightly, ``periodic.py``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from zhigong.events.choices import EventStatus, SignupStatus
from zhigong.events.models import Event, Signup
from zhigong.unions import figures
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

TOPIC = "events"
DIMENSIONS = ("status", "kind", "signups", "held")
HELD = (EventStatus.HELD, EventStatus.CLOSED)


def event_created(event: Event) -> None:
    figures.adjust(
        TOPIC,
        {(event.union_id, "status", event.status): 1, (event.union_id, "kind", event.kind): 1},
    )


def event_moved(event: Event, old: str) -> None:
    """A new status; on becoming held, its places and check-ins so far join ``held``."""
    deltas: dict[Key, int] = {
        (event.union_id, "status", old): -1,
        (event.union_id, "status", event.status): 1,
    }
    if event.status in HELD and old not in HELD:
        confirmed = event.signups.filter(status=SignupStatus.CONFIRMED)
        deltas[(event.union_id, "held", "places")] = confirmed.count()
        deltas[(event.union_id, "held", "attended")] = confirmed.filter(
            attended_at__isnull=False
        ).count()
    figures.adjust(TOPIC, deltas)


def signup_moved(signup: Signup, old: str | None) -> None:
    """A sign-up made (``old`` None) or moved to another status."""
    deltas: dict[Key, int] = defaultdict(int)
    union_id = signup.event.union_id
    if old is not None:
        deltas[(union_id, "signups", old)] -= 1
    deltas[(union_id, "signups", signup.status)] += 1
    figures.adjust(TOPIC, deltas)


def checked_in(signup: Signup, *, new_place: bool) -> None:
    """A check-in at an event already held counts at once (before, the move to held counts
    it); ``new_place``: a walk-in took a place at the door."""
    event = signup.event
    if event.status not in HELD:
        return
    deltas: dict[Key, int] = {(event.union_id, "held", "attended"): 1}
    if new_place:
        deltas[(event.union_id, "held", "places")] = 1
    figures.adjust(TOPIC, deltas)


def of_union(union: Union) -> dict[str, dict[str, int]]:
    found = figures.counts(TOPIC, union)
    return {dim: found.get(dim, {}) for dim in DIMENSIONS}


def summaries(unions: list[Union]) -> list[tuple[Union, Summary]]:
    """Each union's summary (a page of child unions), from one query."""
    each = figures.counts_of_each(TOPIC, unions)
    return [(u, summary(each[u.pk])) for u in unions]


@dataclass(frozen=True)
class Summary:
    events: int
    held: int
    cancelled: int
    open: int  # published or sign-up closed: still to come
    signups: int  # places taken now
    waiting: int
    places_held: int
    attended: int

    @property
    def attendance_rate(self) -> float | None:
        return round(self.attended / self.places_held, 3) if self.places_held else None


def summary(counts: dict[str, dict[str, int]]) -> Summary:
    status, held = counts.get("status", {}), counts.get("held", {})
    signups = counts.get("signups", {})
    return Summary(
        events=sum(status.values()),
        held=sum(status.get(s, 0) for s in HELD),
        cancelled=status.get(EventStatus.CANCELLED, 0),
        open=status.get(EventStatus.PUBLISHED, 0) + status.get(EventStatus.SIGNUP_CLOSED, 0),
        signups=signups.get(SignupStatus.CONFIRMED, 0),
        waiting=signups.get(SignupStatus.WAITING, 0),
        places_held=held.get("places", 0),
        attended=held.get("attended", 0),
    )


def direct_counts() -> dict[Key, int]:
    """Counts per organising union from the events and sign-ups tables."""
    direct: dict[Key, int] = defaultdict(int)
    events = Event.objects.order_by()
    for dim in ("status", "kind"):
        for uid, value, n in events.values_list("union_id", dim).annotate(n=Count("id")):
            direct[(uid, dim, value)] += n
    signups = Signup.objects.order_by()
    for uid, value, n in signups.values_list("event__union_id", "status").annotate(n=Count("id")):
        direct[(uid, "signups", value)] += n
    held = signups.filter(event__status__in=HELD, status=SignupStatus.CONFIRMED)
    for uid, places, attended in held.values_list("event__union_id").annotate(
        places=Count("id"), attended=Count("id", filter=Q(attended_at__isnull=False))
    ):
        direct[(uid, "held", "places")] += places
        direct[(uid, "held", "attended")] += attended
    return {key: n for key, n in direct.items() if n}


def rebuild() -> int:
    """Recount the events topic; returns how many rows it holds."""
    return figures.rebuild(TOPIC, direct_counts)
