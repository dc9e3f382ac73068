"""What members are told about events, through the notifications app (``notify``): a
cancelled event, a place given from the waiting list."""

from __future__ import annotations

from django.urls import reverse

from zhigong.events.choices import ACTIVE_SIGNUP
from zhigong.events.models import Event, Signup
from zhigong.notifications.services import notify


def portal_url(event: Event) -> str:
    return reverse("portal:events:detail", args=[event.pk])


def tell_member(signup: Signup, *, title: str, body: str = "") -> None:
    """Tell the member of ``signup`` (if they have an account to be told on)."""
    notify(signup.member.user, title=title, body=body, url=portal_url(signup.event))


def tell_members(event: Event, *, title: str, body: str = "") -> int:
    """Tell every member signed up or waiting for ``event``; returns how many were told."""
    told = 0
    signups = event.signups.filter(status__in=ACTIVE_SIGNUP, member__user__isnull=False)
    for signup in signups.select_related("member__user", "event"):
        tell_member(signup, title=title, body=body)
        told += 1
    return told
