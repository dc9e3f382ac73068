"""Small bad inputs (issue 8, item 13), over every route: huge page numbers, NUL characters,
unknown JSON fields, and the OpenAPI document listing every error answer in its one shape.

Routes come from the route inventory (``tests/test_routes.py``) and, for the API, from the
OpenAPI document itself, so a route added later is covered without a new line here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.test_routes import ROUTES
from zhigong.core.pagination import MAX_PAGE
from zhigong.testing.cast import Cast

HUGE = str(2**63)
SEARCH_FIELDS = ("q", "name", "union", "status", "kind", "card_number", "token", "field")
ERROR_KEYS = {"code", "message", "fields"}


def _schema() -> dict[str, Any]:
    return Client().get("/api/v1/openapi.json").json()


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in _schema()["paths"].items()
        for method, operation in operations.items()
    ]


def _fill(path: str, cast: Cast) -> str:
    return (
        path.replace("{code}", "CITY")
        .replace("{member_id}", str(cast.members["GA"].pk))
        .replace("{case_id}", "1")  # a body is checked before any case is looked up
        .replace("{volunteer_id}", "1")  # and before any registration is
        .replace("{intro_id}", "1")  # likewise an introduction
        .replace("{pairing_id}", "1")  # and a pair
        .replace("{survey_id}", "1")  # and a survey
        .replace("{project_id}", "1")  # a service project,
        .replace("{hours_id}", "1")  # service hours
        .replace("{offer_id}", "1")  # and a volunteer's offer
        .replace("{appeal_id}", "1")  # and an appeal
        .replace("{acceptance_id}", "1")  # and a centre's acceptance and its item
        .replace("{item_id}", "1")
    )


def _documented(path: str, method: str, status: int) -> bool:
    responses = _schema()["paths"][path][method]["responses"]
    return str(status) in responses


def _first_allowed(route) -> str:
    return sorted(route.allowed)[0] if route.allowed else "anonymous"


# --- page numbers ----------------------------------------------------------------------------


def test_api_lists_refuse_page_numbers_beyond_any_list(cast):
    client = cast.client("city_admin")
    lists = [
        (path, op)
        for path, method, op in _operations()
        if method == "get" and any(p["name"] == "page" for p in op.get("parameters", []))
    ]
    assert len(lists) >= 3  # members, unions, a union's children
    for path, operation in lists:
        page = next(p for p in operation["parameters"] if p["name"] == "page")
        assert page["schema"]["maximum"] == MAX_PAGE
        url = _fill(path, cast)
        for number in (HUGE, str(2**64), str(MAX_PAGE + 1)):
            response = client.get(url, {"page": number})
            assert response.status_code == 422, (url, number, response.status_code)
            assert set(response.json()) == ERROR_KEYS
            assert "page" in response.json()["fields"]
        # the largest page allowed is just empty
        last = client.get(url, {"page": MAX_PAGE})
        assert last.status_code == 200 and last.json()["items"] == []


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.method == "get" and not r.api and r.allowed],
    ids=lambda r: r.name,
)
def test_pages_take_any_page_number(route, cast):
    url = route.url(cast)
    joiner = "&" if "?" in url else "?"
    client = cast.client(_first_allowed(route))
    for number in (HUGE, str(2**64), "-1", "1e400", "abc"):
        response = client.get(f"{url}{joiner}page={number}")
        assert response.status_code == route.ok, (url, number, response.status_code)


# --- NUL characters ---------------------------------------------------------------------------


@pytest.mark.parametrize("route", [r for r in ROUTES if r.method == "get"], ids=lambda r: r.name)
def test_a_nul_in_any_query_field_is_a_400_in_the_right_shape(route, cast):
    url = route.url(cast)
    joiner = "&" if "?" in url else "?"
    client = cast.client(_first_allowed(route))
    for field in (*SEARCH_FIELDS, "page"):
        response = client.get(f"{url}{joiner}{field}=a%00b")
        assert response.status_code == 400, (url, field, response.status_code)
        if route.api:
            assert response.json()["code"] == "nul_character"
        else:
            assert "空字符" in response.content.decode()


def test_a_nul_in_a_path_form_or_json_body_is_a_400(cast):
    admin = cast.client("city_admin")
    for url in ("/api/v1/unions/CI%00TY", "/staff/unions/CI%00TY/"):
        assert admin.get(url).status_code == 400, url
    # a form field (the search form posts) and a form field's name
    assert admin.post("/staff/members/", {"name": "张\x00"}).status_code == 400
    assert admin.post("/staff/members/", {"na\x00me": "张"}).status_code == 400
    # an escaped NUL in any string of a JSON body, for every POST route of the API
    posts = [(path, op) for path, method, op in _operations() if method == "post"]
    for path, _operation in posts:
        body = json.dumps({"username": "a\x00", "fields": ["phone\x00"], "id_number": "\x00"})
        response = admin.post(_fill(path, cast), body, content_type="application/json")
        assert response.status_code == 400, path
        assert response.json()["code"] == "nul_character"
        assert _documented(path, "post", 400)
    # text that only looks like an escape is not a NUL
    looks = json.dumps({"phone": "\\u0000"})
    ok = admin.post("/api/v1/members/lookup", looks, content_type="application/json")
    assert ok.status_code == 200


# --- unknown fields, and answers outside the document ---------------------------------------


def test_unknown_json_fields_are_refused_on_every_body(cast):
    client = cast.client("city_admin")
    bodies = [
        (path, method)
        for path, method, op in _operations()
        if "requestBody" in op and method in ("post", "put", "patch")
    ]
    assert len(bodies) >= 3  # token, reveal, lookup
    for path, method in bodies:
        body = json.dumps({"zz_unknown": 1})
        response = getattr(client, method)(_fill(path, cast), body, content_type="application/json")
        assert response.status_code == 422, (path, response.status_code)
        assert set(response.json()) == ERROR_KEYS
        assert "zz_unknown" in response.json()["fields"]


def test_every_operation_documents_its_error_answers():
    schema = _schema()
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == ERROR_KEYS
    for path, method, operation in _operations():
        responses = operation["responses"]
        expected = {"400", "404", "422"} | ({"401"} if operation.get("security") else set())
        assert expected <= set(responses), (path, method, sorted(responses))
        for status in expected:
            content = responses[status]["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
    assert "429" in schema["paths"]["/api/v1/auth/token"]["post"]["responses"]


def test_schema_valid_requests_get_documented_answers(cast):
    # an empty username: a 400 in the error shape, and the document says so
    token = Client().post(
        "/api/v1/auth/token",
        json.dumps({"username": "", "password": ""}),
        content_type="application/json",
    )
    assert token.status_code == 400 and set(token.json()) == ERROR_KEYS
    assert _documented("/api/v1/auth/token", "post", 400)
    # {} for reveal: 400 (choose a field, give a reason), documented
    url = f"/api/v1/members/{cast.members['GA'].pk}/reveal"
    reveal = cast.client("city_org").post(url, "{}", content_type="application/json")
    assert reveal.status_code == 400 and set(reveal.json()) == ERROR_KEYS
    assert _documented("/api/v1/members/{member_id}/reveal", "post", 400)
    # a body that is not JSON at all
    broken = cast.client("city_org").post(url, "{", content_type="application/json")
    assert broken.status_code in (400, 422) and set(broken.json()) == ERROR_KEYS


def test_unknown_api_addresses_are_json_404s(cast):
    # a path parameter of the wrong type, an address no route takes, a POST with a session
    client = cast.client("city_admin")
    for method, url in (
        ("get", "/api/v1/members/null,null"),
        ("get", "/api/v2/members"),
        ("post", "/api/v1/members/abc/reveal"),
        ("post", "/api/v1/nothing-here"),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert response["Content-Type"].startswith("application/json"), (method, url)
        assert response.json()["code"] == "not_found"


def test_the_document_says_text_inputs_hold_no_nul():
    schema = _schema()
    components = schema["components"]["schemas"]
    for name in ("LookupIn", "RevealIn", "TokenIn"):
        for prop, spec in components[name]["properties"].items():
            strings = [spec] if spec.get("type") == "string" else [spec.get("items", {})]
            for s in strings:
                assert s.get("pattern") == "^[^\\x00]*$", (name, prop)
    union = schema["paths"]["/api/v1/unions/{code}"]["get"]["parameters"][0]
    assert union["schema"]["pattern"] == "^[^\\x00]*$"
