"""Every page and API route, walked by every member of the shared cast.

``ROUTES`` lists each URL name with how to build it for the cast and who may reach it;
``test_every_route_has_a_permission_test`` fails when a new URL is added without an entry.
Anyone not allowed gets 404 (out of scope looks exactly like unknown); anonymous users are
sent to log in on pages and get 401 from the API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhigong.accounts.models import RoleGrant
from zhigong.testing.cast import CAST_ACTORS, Cast

ADMINS_OVER_DA = {"city_admin", "district_admin"}
STAFF_OVER_DA = ADMINS_OVER_DA | {"city_org", "dept_legal", "volunteer"}
LOGGED_IN = set(CAST_ACTORS) - {"anonymous"}
EVERYONE = set(CAST_ACTORS)


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[Cast], str]
    allowed: set[str]
    public: bool = False  # reachable without login
    api: bool = False
    method: str = "get"
    ok: int = 200


def _revoke_url(cast: Cast) -> str:
    grant = RoleGrant.objects.get(user=cast.users["officer"])
    return reverse("staff:role_revoke", args=[grant.pk])


ROUTES: list[Route] = [
    Route("portal:home", lambda c: reverse("portal:home"), EVERYONE, public=True),
    Route("healthz", lambda c: reverse("healthz"), EVERYONE, public=True),
    Route("accounts:login", lambda c: reverse("accounts:login"), {"anonymous"}, public=True),
    Route("accounts:logout", lambda c: reverse("accounts:logout"), EVERYONE, public=True,
          method="post", ok=302),
    Route("accounts:mfa", lambda c: reverse("accounts:mfa"), LOGGED_IN),
    Route("staff:home", lambda c: reverse("staff:home"), LOGGED_IN),
    Route("staff:union_tree", lambda c: reverse("staff:union_tree"), LOGGED_IN),
    Route("staff:union_import", lambda c: reverse("staff:union_import"),
          {"city_admin", "district_admin", "other_admin"}),
    Route("staff:union_import_report",
          lambda c: reverse("staff:union_import_report", args=["0" * 32]), set()),
    Route("staff:union_detail", lambda c: reverse("staff:union_detail", args=["DA"]),
          STAFF_OVER_DA),
    Route("staff:union_children", lambda c: reverse("staff:union_children", args=["DA"]),
          STAFF_OVER_DA),
    Route("staff:union_create", lambda c: reverse("staff:union_create", args=["DA"]),
          ADMINS_OVER_DA),
    Route("staff:union_update", lambda c: reverse("staff:union_update", args=["DA"]),
          ADMINS_OVER_DA),
    Route("staff:union_move", lambda c: reverse("staff:union_move", args=["SA"]),
          ADMINS_OVER_DA),
    Route("staff:union_set_active", lambda c: reverse("staff:union_set_active", args=["SA"]),
          ADMINS_OVER_DA),
    Route("staff:department_create", lambda c: reverse("staff:department_create", args=["DA"]),
          ADMINS_OVER_DA),
    Route("staff:centre_create", lambda c: reverse("staff:centre_create", args=["SA"]),
          ADMINS_OVER_DA | {"street_staff"}),
    Route("staff:union_roles", lambda c: reverse("staff:union_roles", args=["DA"]),
          ADMINS_OVER_DA | {"city_org", "dept_legal"}),
    Route("staff:role_revoke", _revoke_url, ADMINS_OVER_DA | {"city_org", "dept_legal"}),
    Route("staff:audit", lambda c: reverse("staff:audit"),
          {"city_admin", "district_admin", "other_admin"}),
    # API
    Route("api:api-root", lambda c: "/api/v1/", set(), api=True, public=True),
    Route("api:token_obtain", lambda c: "/api/v1/auth/token", set(), api=True, public=True,
          method="post"),
    Route("api:me", lambda c: "/api/v1/me", LOGGED_IN, api=True),
    Route("api:union_search", lambda c: "/api/v1/unions", LOGGED_IN, api=True),
    Route("api:union_detail", lambda c: "/api/v1/unions/DA", STAFF_OVER_DA, api=True),
    Route("api:union_children", lambda c: "/api/v1/unions/DA/children", STAFF_OVER_DA,
          api=True),
    Route("api:openapi-json", lambda c: "/api/v1/openapi.json", EVERYONE, api=True,
          public=True),
    Route("api:openapi-view", lambda c: "/api/v1/docs", EVERYONE, api=True, public=True),
]

# Routes of third-party apps we mount but do not own: Django's admin (operators only,
# its own permission system) and the language switch.
IGNORED_PREFIXES = ("admin:", "set_language")


def _all_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _all_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_route_has_a_permission_test():
    names = {n for n in _all_names(get_resolver()) if not n.startswith(IGNORED_PREFIXES)}
    tested = {r.name for r in ROUTES}
    assert names - tested == set(), "routes without a permission test"
    assert tested - names == set(), "tests for routes that no longer exist"


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_route_permissions_over_the_cast(route: Route, cast: Cast):
    url = route.url(cast)
    for actor in CAST_ACTORS:
        client = cast.client(actor)
        if route.method == "post":
            response = client.post(url, {}, content_type="application/json") if route.api \
                else client.post(url)
        else:
            response = client.get(url)
        status = response.status_code
        if actor in route.allowed:
            assert status == route.ok, f"{actor} should reach {url}: got {status}"
        elif actor == "anonymous" and not route.public:
            expected = 401 if route.api else 302
            assert status == expected, f"anonymous at {url}: got {status}"
            if not route.api:
                assert response["Location"].startswith(reverse("accounts:login"))
        elif route.name == "accounts:login":
            assert status == 302  # logged-in users are sent on to the workbench
        elif route.name == "api:token_obtain":
            assert status in (400, 422)  # empty credentials
        else:
            assert status == 404, f"{actor} must get 404 at {url}: got {status}"
