"""Route inventory of the union tree's pages and API (``tests/test_routes.py`` walks it)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import ADMINS_OVER_DA, LOGGED_IN, STAFF_OVER_DA, Route

ROUTES: list[Route] = [
    Route("staff:unions:union_tree", lambda c: reverse("staff:unions:union_tree"), LOGGED_IN),
    # The picker answers everyone logged in: with the unions of their own scope, or nothing.
    Route(
        "staff:unions:union_pick",
        lambda c: reverse("staff:unions:union_pick") + "?perm=member.view&q=%E6%B1%9F",
        LOGGED_IN,
    ),
    Route(
        "staff:unions:union_new",
        lambda c: reverse("staff:unions:union_new"),
        {"city_admin", "district_admin", "other_admin"},
    ),
    Route(
        "staff:unions:union_import",
        lambda c: reverse("staff:unions:union_import"),
        {"city_admin", "district_admin", "other_admin"},
    ),
    Route(
        "staff:unions:union_import_report",
        lambda c: reverse("staff:unions:union_import_report", args=["0" * 32]),
        set(),
    ),
    Route(
        "staff:unions:union_detail",
        lambda c: reverse("staff:unions:union_detail", args=["DA"]),
        STAFF_OVER_DA,
    ),
    Route(
        "staff:unions:union_children",
        lambda c: reverse("staff:unions:union_children", args=["DA"]),
        STAFF_OVER_DA,
    ),
    Route(
        "staff:unions:union_create",
        lambda c: reverse("staff:unions:union_create", args=["DA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:unions:union_update",
        lambda c: reverse("staff:unions:union_update", args=["DA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:unions:union_move",
        lambda c: reverse("staff:unions:union_move", args=["SA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:unions:union_set_active",
        lambda c: reverse("staff:unions:union_set_active", args=["SA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:unions:department_create",
        lambda c: reverse("staff:unions:department_create", args=["DA"]),
        ADMINS_OVER_DA,
    ),
    Route(
        "staff:unions:centre_create",
        lambda c: reverse("staff:unions:centre_create", args=["SA"]),
        ADMINS_OVER_DA | {"street_staff"},
    ),
    Route("api:union_search", lambda c: "/api/v1/unions", LOGGED_IN, api=True),
    Route("api:union_detail", lambda c: "/api/v1/unions/DA", STAFF_OVER_DA, api=True),
    Route("api:union_children", lambda c: "/api/v1/unions/DA/children", STAFF_OVER_DA, api=True),
]
