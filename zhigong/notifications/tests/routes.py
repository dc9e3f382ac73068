"""Route inventory of the user's own notices (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import LOGGED_IN, Route

ROUTES: list[Route] = [
    Route(
        "portal:notifications:notices",
        lambda c: reverse("portal:notifications:notices"),
        LOGGED_IN,
    ),
]
