"""Notices on the portal home (``core.home``): how many are unread, for a logged-in person
who has any."""

from __future__ import annotations

from django.http import HttpRequest

from zhigong.core.home import HomeSection
from zhigong.notifications.models import Notification


def portal_home(request: HttpRequest) -> HomeSection | None:
    if not request.user.is_authenticated:
        return None
    notices = Notification.objects.filter(user=request.user)
    latest = notices.first()
    if latest is None:
        return None
    unread = notices.filter(read_at__isnull=True).count()
    return HomeSection(
        "notifications/_portal_home.jinja", {"latest": latest, "unread": unread}, order=50
    )
