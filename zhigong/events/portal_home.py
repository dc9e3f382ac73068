"""The events app on the portal home (``core.home``): the events a member may sign up for,
and their own coming sign-ups; for a visitor, what the service is."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from zhigong.core.home import HomeSection
from zhigong.events import selectors
from zhigong.events.choices import ACTIVE_SIGNUP, EventStatus
from zhigong.events.services.signups import active_member_of

SHOWN = 3


def portal_home(request: HttpRequest) -> HomeSection | None:
    user = request.user
    if not user.is_authenticated:
        return HomeSection("events/_portal_home.jinja", {"anonymous": True}, order=30, fixed=True)
    member = active_member_of(user)
    if member is None:
        return None
    mine = list(
        selectors.own_signups(member)
        .filter(
            status__in=ACTIVE_SIGNUP,
            event__status__in=[EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED],
            event__starts_at__gte=timezone.now(),
        )
        .order_by("event__starts_at")[:SHOWN]
    )
    return HomeSection(
        "events/_portal_home.jinja",
        {"mine": mine, "open": selectors.member_events(member).count()},
        order=30,
    )
