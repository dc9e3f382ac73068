"""Route inventory of the audit log (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import Route

ROUTES: list[Route] = [
    Route(
        "staff:audit:events",
        lambda c: reverse("staff:audit:events"),
        {"auditor"},
    ),
]
