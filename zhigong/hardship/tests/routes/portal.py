"""Route entries for the volunteer's pairing pages (/me/pairing/): everyone logged in sees
their pairs (none, for most); the offers and a visit are the approved volunteer's only."""

from __future__ import annotations

from django.urls import reverse

from zhigong.hardship.tests.routes import cast_pair, offered_file
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route


def _mine(cast: Cast) -> str:
    cast_pair(cast)
    return reverse("portal:hardship:mine")


def _offers(cast: Cast) -> str:
    cast_pair(cast)
    return reverse("portal:hardship:offers")


ROUTES: list[Route] = [
    Route("portal:hardship:mine", _mine, LOGGED_IN, no_store=True),
    Route("portal:hardship:offers", _offers, {"member"}),
    Route(
        "portal:hardship:offer",
        lambda c: reverse("portal:hardship:offer", args=[offered_file(c).pk]),
        {"member"},
    ),
    Route(
        "portal:hardship:visit",
        lambda c: reverse("portal:hardship:visit", args=[cast_pair(c).pk]),
        {"member"},
        no_store=True,
    ),
]
