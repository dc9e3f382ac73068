"""Route inventory of the platform's own pages: portal home, health check, the API's root and schema (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import EVERYONE, Route

ROUTES: list[Route] = [
    Route("portal:home", lambda c: reverse("portal:home"), EVERYONE, public=True),
    Route("healthz", lambda c: reverse("healthz"), EVERYONE, public=True, no_store=True),
    Route("api:api-root", lambda c: "/api/v1/", set(), api=True, public=True),
    Route("api:openapi-json", lambda c: "/api/v1/openapi.json", EVERYONE, api=True, public=True),
    Route("api:openapi-view", lambda c: "/api/v1/docs", EVERYONE, api=True, public=True),
]
