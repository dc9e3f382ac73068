"""Route entries of the events app (``tests/test_routes.py`` walks them over the cast).

The cast's events are organised by 大智街道工会 (SA): a published mixer for the members of
SA's subtree (the cast's member at GA among them), and a counselling session that was held.
The mixer's staff pages are for those whose ``event.manage`` covers SA (the city and
district administrators, SA's service centre); the counselling session's for those whose
``event.counsel`` does (SA's centre). Everyone else gets 404."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.events.choices import EventKind, EventStatus
from zhigong.events.models import Event, Signup
from zhigong.events.services.organise import EventInput, event_create, event_move
from zhigong.testing.cast import Cast

# Who holds event.manage or event.counsel somewhere: the workbench's list and new event.
EVENT_STAFF = {
    "city_admin",
    "district_admin",
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}
OVER_SA = {"city_admin", "district_admin", "street_staff"}
COUNSEL_OVER_SA = {"street_staff"}


def _cast(cast: Cast, kind: str, title: str, *, hours: int, capacity: int) -> Event:
    """The cast's event of ``kind`` at SA (made once), published."""
    found = Event.objects.filter(union=cast.unions["SA"], kind=kind).order_by("id").first()
    if found is not None:
        return found
    event = event_create(
        actor=SYSTEM,
        union=cast.unions["SA"],
        data=EventInput(
            kind=kind,
            title=title,
            starts_at=timezone.now() + dt.timedelta(hours=hours),
            place="大智街道职工之家",
            capacity=capacity,
            audience="subtree",
        ),
    )
    return event_move(actor=SYSTEM, event=event, step="publish")


def cast_event(cast: Cast) -> Event:
    return _cast(cast, EventKind.MIXER, "青年职工联谊会", hours=7 * 24, capacity=10)


def cast_counselling(cast: Cast) -> Event:
    """A counselling session that was held."""
    event = _cast(cast, EventKind.COUNSELLING, "婚恋辅导", hours=1, capacity=20)
    if event.status != EventStatus.HELD:
        event = event_move(actor=SYSTEM, event=event, step="held")
    return event


def cast_signup(cast: Cast) -> Signup:
    """The cast's member's place at the mixer."""
    from zhigong.events.services.signups import signup_create

    event = cast_event(cast)
    found = Signup.objects.filter(event=event, member=cast.members["GA"]).first()
    return found or signup_create(actor=cast.users["member"], event=event)
