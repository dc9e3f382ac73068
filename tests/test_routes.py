"""Every page and API route, walked by every member of the shared cast.

``ROUTES`` (gathered from every app's ``tests/routes`` module or package) lists each URL name
with how to build it for the cast and who may reach it;
``test_every_route_has_a_permission_test`` fails when a new URL is added without an entry.
Anyone not allowed gets 404 (out of scope looks exactly like unknown); anonymous users are
sent to log in on pages and get 401 from the API.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhigong.testing.cast import CAST_ACTORS, CAST_MEMBERS, Cast, cast_id_number
from zhigong.testing.routes import Route

# The cast's members' full ID numbers and phones: no answer without no-store may hold one.
PLAIN = [v for _, body, phone in CAST_MEMBERS.values() for v in (cast_id_number(body), phone)]


def _collect() -> list[Route]:
    """Every ``ROUTES`` list of every app: ``<app>.tests.routes``, a module or a package of
    modules (one per area of a large app). A new app's entries are found without a list."""
    routes: list[Route] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zhigong."):
            continue
        try:
            found = importlib.import_module(f"{config.name}.tests.routes")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.routes"):
                raise
            continue
        modules = [found]
        if hasattr(found, "__path__"):
            modules += [
                importlib.import_module(f"{found.__name__}.{info.name}")
                for info in pkgutil.iter_modules(found.__path__)
            ]
        for module in modules:
            routes += getattr(module, "ROUTES", [])
    return routes


ROUTES = _collect()

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
            response = (
                client.post(url, {}, content_type="application/json")
                if route.api
                else client.post(url)
            )
        elif route.method == "delete":
            response = client.delete(url)
        else:
            response = client.get(url)
        status = response.status_code
        if actor in route.allowed:
            assert status == route.ok, f"{actor} should reach {url}: got {status}"
            _assert_cache_control(route, response)
        elif actor == "anonymous" and not route.public:
            expected = 401 if route.api else 302
            assert status == expected, f"anonymous at {url}: got {status}"
            if not route.api:
                assert response["Location"].startswith(reverse("accounts:login"))
        elif route.visitors_only:
            assert status == 302, f"{actor} at {url} should be sent on: got {status}"
        elif route.name == "api:token_obtain":
            assert status in (400, 422)  # empty credentials
        else:
            assert status == 404, f"{actor} must get 404 at {url}: got {status}"


def _assert_cache_control(route: Route, response) -> None:
    """Answers with full personal data or a member's record are ``no-store`` (DESIGN §3.2);
    every API answer is. Any other answer that holds a full number of the cast is a route
    someone forgot to mark."""
    no_store = "no-store" in response.get("Cache-Control", "")
    if route.no_store or route.api:
        assert no_store, f"{route.name}: Cache-Control {response.get('Cache-Control')!r}"
    elif not response.streaming and not no_store:
        text = response.content.decode(errors="replace")
        leaked = [v for v in PLAIN if v in text]
        assert leaked == [], f"{route.name} shows full personal data without no-store"
