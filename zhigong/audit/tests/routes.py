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
    Route(
        "staff:audit:access_log",
        lambda c: reverse("staff:audit:access_log"),
        {"auditor"},
    ),
    Route(
        "staff:audit:access_log_xlsx",
        lambda c: reverse("staff:audit:access_log_xlsx"),
        {"auditor"},
        no_store=True,
    ),
]
