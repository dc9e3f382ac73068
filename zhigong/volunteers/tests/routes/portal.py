"""Route entries for the applicant's own pages (/me/volunteer/): every logged-in person sees
the page and the form (a non-member is told where to register); the photo and withdrawing
are for the applicant of a registration only (everyone else: 404)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route
from zhigong.volunteers.tests.routes import cast_volunteer


def _with_registration(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_volunteer(cast)
        return reverse(name)

    return url


ROUTES: list[Route] = [
    Route(
        "portal:volunteers:mine",
        _with_registration("portal:volunteers:mine"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:volunteers:apply",
        lambda c: reverse("portal:volunteers:apply"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:volunteers:photo",
        _with_registration("portal:volunteers:photo"),
        {"member"},
        no_store=True,
    ),
    Route(
        "portal:volunteers:honours",
        lambda c: reverse("portal:volunteers:honours"),
        EVERYONE,
        public=True,
    ),
    Route(
        "portal:volunteers:withdraw",
        _with_registration("portal:volunteers:withdraw"),
        {"member"},
        method="post",
        ok=302,
    ),
    Route(  # the cast's registration is not approved: refused with a message, nothing changes
        "portal:volunteers:leave",
        _with_registration("portal:volunteers:leave"),
        {"member"},
        method="post",
        ok=302,
    ),
]
