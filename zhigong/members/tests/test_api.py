"""The member API: scoped search and detail, masked everywhere, the caller's own record."""

from __future__ import annotations

import json

from django.test import Client

from zhigong.accounts.services import api_token_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

PLAIN = [v for _, body, phone in CAST_MEMBERS.values() for v in (cast_id_number(body), phone)]


def _bearer(cast, name: str) -> dict[str, str]:
    _, key = api_token_create(actor=SYSTEM, user=cast.users[name])
    return {"Authorization": f"Bearer {key}"}


def _assert_masked(text: str) -> None:
    for value in PLAIN:
        assert value not in text


def _lookup(client, body, **headers):
    return client.post(
        "/api/v1/members/lookup", json.dumps(body), content_type="application/json", **headers
    )


def test_lookup_by_id_number_is_scoped(cast):
    # given 张伟's ID number, typed with spaces and a lower-case x where an X would be
    id_number = cast_id_number(CAST_MEMBERS["GA"][1])
    client = Client()
    # when DA's admin and DB's admin look it up with their tokens, the number in the body
    mine = _lookup(client, {"id_number": id_number}, headers=_bearer(cast, "district_admin"))
    theirs = _lookup(client, {"id_number": id_number}, headers=_bearer(cast, "other_admin"))
    # then only DA's admin finds him, masked, in the list's shape
    assert mine.status_code == 200
    assert [m["name"] for m in mine.json()["items"]] == ["张伟"]
    assert mine.json()["items"][0]["id_number"] == cast.members["GA"].id_number_masked
    assert theirs.json() == {"items": [], "count": 0}
    _assert_masked(mine.content.decode())


def test_lookup_by_phone_tolerates_spelling_and_needs_member_view(cast):
    phone = CAST_MEMBERS["GB"][2]
    spelled = f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}"
    found = _lookup(cast.client("city_admin"), {"phone": spelled}).json()
    assert [m["name"] for m in found["items"]] == ["李娜"]
    # both given: both must match
    both = {"phone": phone, "id_number": cast_id_number(CAST_MEMBERS["GA"][1])}
    assert _lookup(cast.client("city_admin"), both).json()["count"] == 0
    # someone without member.view anywhere: 404, as for the list
    refused = _lookup(cast.client("member"), {"phone": phone})
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"


def test_lookup_needs_a_number_and_refuses_unknown_fields(cast):
    client = cast.client("city_admin")
    empty = _lookup(client, {"id_number": "  ", "phone": ""})
    assert empty.status_code == 400
    assert empty.json()["code"] == "lookup_empty"
    # a misspelt field is refused, not ignored (ignoring it would answer every member)
    typo = _lookup(client, {"idnumber": cast_id_number(CAST_MEMBERS["GA"][1])})
    assert typo.status_code == 422
    assert set(typo.json()) == {"code", "message", "fields"}
    assert "idnumber" in typo.json()["fields"]


def test_personal_data_in_the_list_address_is_refused_with_where_to_go(cast):
    # given the old way: the full number in the query string (and so in access logs)
    id_number = cast_id_number(CAST_MEMBERS["GA"][1])
    client = cast.client("district_admin")
    for params in ({"id_number": id_number}, {"phone": CAST_MEMBERS["GA"][2]}):
        response = client.get("/api/v1/members", params)
        # then it is refused in the error shape, pointing to the look-up
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "use_lookup"
        assert "/api/v1/members/lookup" in body["message"]
        assert set(body["fields"]) == set(params)
        _assert_masked(response.content.decode())


def test_search_by_name_union_status(cast):
    client = cast.client("city_admin")
    assert client.get("/api/v1/members?name=张").json()["count"] == 1
    assert client.get("/api/v1/members?union=DA").json()["count"] == 1
    assert client.get("/api/v1/members?status=active").json()["count"] == 2
    assert client.get("/api/v1/members?status=left").json()["count"] == 0
    # a union outside scope answers nothing
    da = cast.client("district_admin")
    assert da.get("/api/v1/members?union=GB").json()["count"] == 0
    _assert_masked(client.get("/api/v1/members").content.decode())


def test_openapi_document_has_no_personal_data_in_addresses():
    # DESIGN §3.2: no query or path parameter may carry an ID number or a phone
    schema = Client().get("/api/v1/openapi.json").json()
    personal = ("id_number", "idnumber", "phone", "mobile", "id_card")
    for path, operations in schema["paths"].items():
        assert not any(p in path.lower() for p in personal), path
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("query", "path"):
                    name = parameter["name"].lower()
                    assert not any(p in name for p in personal), (path, name)


def test_detail_masked_and_out_of_scope_404(cast):
    client = cast.client("district_admin")
    ok = client.get(f"/api/v1/members/{cast.members['GA'].pk}")
    assert ok.status_code == 200
    body = ok.json()
    assert body["union_code"] == "GA"
    assert body["card"]["status"] == "active"
    _assert_masked(ok.content.decode())
    missing = client.get(f"/api/v1/members/{cast.members['GB'].pk}")
    unknown = client.get("/api/v1/members/999999")
    assert missing.status_code == unknown.status_code == 404
    assert missing.json() == unknown.json()
    assert missing.json()["code"] == "not_found"


def test_me_member_and_card(cast):
    client = cast.client("member")
    me = client.get("/api/v1/me/member")
    assert me.status_code == 200
    assert me.json()["name"] == "张伟"
    _assert_masked(me.content.decode())
    card = client.get("/api/v1/me/card").json()
    assert card["status"] == "active"
    assert card["token"] and card["expires_in"] > 0
    _assert_masked(json.dumps(card))
    # someone with no member record gets 404
    assert cast.client("officer").get("/api/v1/me/card").status_code == 404


def test_openapi_schemas_hold_no_plain_personal_fields(cast):
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("MemberOut", "MemberDetailOut", "VerifyOut", "MyCardOut"):
        props = schema[name]["properties"]
        assert "id_number_encrypted" not in props and "phone_encrypted" not in props
    assert set(schema["VerifyOut"]["properties"]) == {"valid", "name", "union"}


def test_search_pages_and_counts(cast):
    # given 60 more members at GA (created directly: only the paging is under test)
    cast.bulk_members("GA", 60)
    client = cast.client("officer")
    first = client.get("/api/v1/members").json()
    second = client.get("/api/v1/members?page=2").json()
    assert (len(first["items"]), first["count"]) == (50, 61)
    assert (len(second["items"]), second["count"]) == (11, 61)
