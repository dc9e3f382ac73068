"""The appeals on the portal home (``core.home``): up to three featured stories, one query."""

from __future__ import annotations

from django.http import HttpRequest

from zhigong.appeals import selectors
from zhigong.core.home import HomeSection


def portal_home(request: HttpRequest) -> HomeSection | None:
    return HomeSection(
        "appeals/_portal_home.jinja", {"featured": selectors.featured_stories(3)}, order=40
    )
