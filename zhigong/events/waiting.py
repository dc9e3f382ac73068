"""The waiting list: whether a place is free for someone (within the gender cap, if the
event has one), and giving freed places to those waiting, in the order they signed up.
Both run inside a service that has locked the event's row and authorised the step (a
cancellation, more places, sign-up reopened)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.workflow import transition
from zhigong.events import figures
from zhigong.events.choices import EventStatus, SignupStatus
from zhigong.events.models import SIGNUP_FLOW, Event, Signup
from zhigong.events.notices import tell_member


def has_place(event: Event, gender: str) -> bool:
    """Whether a confirmed place is free for someone of ``gender`` (call under the lock)."""
    confirmed = event.signups.filter(status=SignupStatus.CONFIRMED)
    if confirmed.count() >= event.capacity:
        return False
    cap = event.cap_for(gender)
    return cap is None or confirmed.filter(gender=gender).count() < cap


def promote_waiting(*, actor: Actor, event: Event) -> list[Signup]:
    """Give free places to the waiting list in the order they signed up, skipping those
    whose gender's cap is full (they keep their turn for a place that fits). Call with the
    event locked, inside the caller's service."""
    if event.status not in (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED):
        return []
    promoted = []
    waiting = event.signups.filter(status=SignupStatus.WAITING).order_by("created_at", "id")
    for signup in waiting.select_related("member__user"):
        if not has_place(event, signup.gender):
            if not has_place(event, ""):
                break  # no place at all: nobody further down fits either
            continue
        transition(
            signup,
            SIGNUP_FLOW,
            SignupStatus.CONFIRMED,
            actor=actor,
            union=event.union,
            action="event_signup.promote",
        )
        signup.event = event
        figures.signup_moved(signup, SignupStatus.WAITING)
        tell_member(
            signup,
            title=_("候补成功：%(title)s") % {"title": event.title},
            body=_("有名额空出，您已从候补转为正式报名。如不能参加，请及时取消报名。"),
        )
        promoted.append(signup)
    return promoted
