"""Route entries for the foundation: pages and API of accounts, unions, audit."""

from __future__ import annotations

from django.urls import reverse

from tests.routes.base import (
    ADMINS_OVER_DA,
    EVERYONE,
    LOGGED_IN,
    STAFF_OVER_DA,
    Route,
)
from zhigong.accounts.models import RoleGrant
from zhigong.testing.cast import Cast


def _revoke_url(cast: Cast) -> str:
    grant = RoleGrant.objects.get(user=cast.users["officer"])
    return reverse("staff:role_revoke", args=[grant.pk])


ROUTES: list[Route] = [
    Route("portal:home", lambda c: reverse("portal:home"), EVERYONE, public=True),
    Route("healthz", lambda c: reverse("healthz"), EVERYONE, public=True),
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
    Route("staff:home", lambda c: reverse("staff:home"), LOGGED_IN),
    Route("staff:union_tree", lambda c: reverse("staff:union_tree"), LOGGED_IN),
    Route(
        "staff:union_import",
        lambda c: reverse("staff:union_import"),
        {"city_admin", "district_admin", "other_admin"},
    ),
    Route(
        "staff:union_import_report",
        lambda c: reverse("staff:union_import_report", args=["0" * 32]),
        set(),
    ),
    Route(
        "staff:union_detail", lambda c: reverse("staff:union_detail", args=["DA"]), STAFF_OVER_DA
    ),
    Route(
        "staff:union_children",
        lambda c: reverse("staff:union_children", args=["DA"]),
        STAFF_OVER_DA,
    ),
    Route(
        "staff:union_create", lambda c: reverse("staff:union_create", args=["DA"]), ADMINS_OVER_DA
    ),
    Route(
        "staff:union_update", lambda c: reverse("staff:union_update", args=["DA"]), ADMINS_OVER_DA
    ),
    Route("staff:union_move", lambda c: reverse("staff:union_move", args=["SA"]), ADMINS_OVER_DA),
    Route(
        "staff:union_set_active",
        lambda c: reverse("staff:union_set_active", args=["SA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:department_create",
        lambda c: reverse("staff:department_create", args=["DA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:centre_create",
        lambda c: reverse("staff:centre_create", args=["SA"]),
        ADMINS_OVER_DA | {"street_staff"},
    ),
    Route(
        "staff:union_roles",
        lambda c: reverse("staff:union_roles", args=["DA"]),
        ADMINS_OVER_DA | {"city_org", "dept_legal"},
    ),
    Route("staff:role_revoke", _revoke_url, ADMINS_OVER_DA | {"city_org", "dept_legal"}),
    Route(
        "staff:audit",
        lambda c: reverse("staff:audit"),
        {"city_admin", "district_admin", "other_admin"},
    ),
    # API
    Route("api:api-root", lambda c: "/api/v1/", set(), api=True, public=True),
    Route(
        "api:token_obtain",
        lambda c: "/api/v1/auth/token",
        set(),
        api=True,
        public=True,
        method="post",
    ),
    Route("api:me", lambda c: "/api/v1/me", LOGGED_IN, api=True),
    Route("api:union_search", lambda c: "/api/v1/unions", LOGGED_IN, api=True),
    Route("api:union_detail", lambda c: "/api/v1/unions/DA", STAFF_OVER_DA, api=True),
    Route("api:union_children", lambda c: "/api/v1/unions/DA/children", STAFF_OVER_DA, api=True),
    Route("api:openapi-json", lambda c: "/api/v1/openapi.json", EVERYONE, api=True, public=True),
    Route("api:openapi-view", lambda c: "/api/v1/docs", EVERYONE, api=True, public=True),
]
