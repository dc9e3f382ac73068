"""The centres app on the portal home (``core.home``): where to find a service centre."""

from __future__ import annotations

from django.http import HttpRequest

from zhigong.core.home import HomeSection


def portal_home(request: HttpRequest) -> HomeSection | None:
    return HomeSection("centres/_portal_home.jinja", {}, order=40, fixed=True)
