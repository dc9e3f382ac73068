"""Route entries for the workbench's and the portal's appeal pages."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.appeals.tests.routes import (
    GA_UNION,
    OVER_GA,
    RAISERS,
    VIEWERS,
    cast_appeal,
)
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, Route


def _of(name: str, status: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_appeal(c, status).pk])


def _picture(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        appeal = cast_appeal(cast, "published")
        return reverse(name, args=[appeal.pk, appeal.pictures.get().pk])

    return url


ROUTES: list[Route] = [
    Route("staff:appeals:list", lambda c: reverse("staff:appeals:list"), VIEWERS),
    Route("staff:appeals:waiting", lambda c: reverse("staff:appeals:waiting"), VIEWERS),
    Route("staff:appeals:new", lambda c: reverse("staff:appeals:new"), RAISERS, no_store=True),
    Route("staff:appeals:detail", _of("staff:appeals:detail", "verified"), OVER_GA, no_store=True),
    Route("staff:appeals:edit", _of("staff:appeals:edit", "draft"), GA_UNION, no_store=True),
    Route("staff:appeals:picture", _picture("staff:appeals:picture"), OVER_GA, no_store=True),
    Route("portal:appeals:list", lambda c: reverse("portal:appeals:list"), EVERYONE, public=True),
    Route(
        "portal:appeals:detail", _of("portal:appeals:detail", "published"), EVERYONE, public=True
    ),
    Route(
        "portal:appeals:picture",
        _picture("portal:appeals:picture"),
        EVERYONE,
        public=True,
        no_store=True,
    ),
]
