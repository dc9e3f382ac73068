"""Route inventory of login, second factor, the workbench home, role pages, tokens and the caller's account (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, ROLE_VIEWERS_OVER_DA, Route
from zhigong.unions.models import RoleGrant


def _revoke_url(cast: Cast) -> str:
    grant = RoleGrant.objects.get(user=cast.users["officer"])
    return reverse("staff:accounts:role_revoke", args=[grant.pk])


ROUTES: list[Route] = [
    Route("accounts:login", lambda c: reverse("accounts:login"), {"anonymous"}, public=True),
    Route(
        "accounts:logout",
        lambda c: reverse("accounts:logout"),
        EVERYONE,
        public=True,
        method="post",
        ok=302,
    ),
    Route("accounts:mfa", lambda c: reverse("accounts:mfa"), LOGGED_IN),
    Route("accounts:landing", lambda c: reverse("accounts:landing"), LOGGED_IN, ok=302),
    Route("staff:accounts:home", lambda c: reverse("staff:accounts:home"), LOGGED_IN),
    Route(
        "staff:accounts:union_roles",
        lambda c: reverse("staff:accounts:union_roles", args=["DA"]),
        ROLE_VIEWERS_OVER_DA,
    ),
    Route("staff:accounts:role_revoke", _revoke_url, ROLE_VIEWERS_OVER_DA),
    Route(
        "api:token_obtain",
        lambda c: "/api/v1/auth/token",
        set(),
        api=True,
        public=True,
        method="post",
    ),
    Route("api:me", lambda c: "/api/v1/me", LOGGED_IN, api=True),
]
