"""Route inventory of login, second factor, the workbench home, role pages, tokens and the caller's account (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.accounts.services import api_token_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, ROLE_VIEWERS_OVER_DA, Route
from zhigong.unions.models import RoleGrant


def _revoke_url(cast: Cast) -> str:
    grant = RoleGrant.objects.get(user=cast.users["officer"])
    return reverse("staff:accounts:role_revoke", args=[grant.pk])


def _officer_token(cast: Cast) -> int:
    token, _key = api_token_create(actor=SYSTEM, user=cast.users["officer"])
    return token.pk


# Administrators over the officer's grant at GA (role.grant there, rank at least the officer's).
OFFICER_ADMINS = {"city_admin", "district_admin"}


ROUTES: list[Route] = [
    Route(
        "accounts:login",
        lambda c: reverse("accounts:login"),
        {"anonymous"},
        public=True,
        visitors_only=True,
    ),
    # Registering and a forgotten password: for visitors; the number typed is shown back.
    Route(
        "accounts:register",
        lambda c: reverse("accounts:register"),
        {"anonymous"},
        public=True,
        visitors_only=True,
        no_store=True,
    ),
    Route(
        "accounts:password_reset",
        lambda c: reverse("accounts:password_reset"),
        {"anonymous"},
        public=True,
        visitors_only=True,
        no_store=True,
    ),
    Route(
        "accounts:logout",
        lambda c: reverse("accounts:logout"),
        EVERYONE,
        public=True,
        method="post",
        ok=302,
    ),
    Route("accounts:mfa", lambda c: reverse("accounts:mfa"), LOGGED_IN),
    # Without a second factor set up (nobody in the cast has one): on to set it up.
    Route(
        "accounts:recovery_codes", lambda c: reverse("accounts:recovery_codes"), LOGGED_IN, ok=302
    ),
    Route("accounts:password_change", lambda c: reverse("accounts:password_change"), LOGGED_IN),
    Route("accounts:tokens", lambda c: reverse("accounts:tokens"), LOGGED_IN),
    # Only the owner revokes their token (then sent back to the list); anyone else: 404.
    Route(
        "accounts:token_revoke",
        lambda c: reverse("accounts:token_revoke", args=[_officer_token(c)]),
        {"officer"},
        method="post",
        ok=302,
    ),
    Route(
        "staff:accounts:user_tokens",
        lambda c: reverse("staff:accounts:user_tokens", args=[c.users["officer"].pk]),
        OFFICER_ADMINS,
    ),
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
    Route("api:my_tokens", lambda c: "/api/v1/me/tokens", LOGGED_IN, api=True),
    Route(
        "api:my_token_revoke",
        lambda c: f"/api/v1/me/tokens/{_officer_token(c)}",
        {"officer"},
        api=True,
        method="delete",
        ok=204,
    ),
]
