"""The API's fast paths answer exactly what the slow ones did (issue 10).

The member lists build their rows as plain values (``api.members.member_out``) and skip
ninja's validation of each field: the answer must be, byte for byte, what ``MemberOut``
gives for the same members, masked, with the label in the request's language. The bearer
token, the grants, the verifier key and the card are read with queries compiled once
(``core.compiled``): a revoked, expired or stale credential still fails on the next request.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from ninja.responses import NinjaJSONEncoder

from zhigong.accounts.models import ApiToken
from zhigong.accounts.services import api_token_create
from zhigong.core.actors import SYSTEM
from zhigong.members import selectors
from zhigong.members.api.members import MemberOut
from zhigong.members.choices import MemberStatus
from zhigong.members.models import CardVerifier, Member
from zhigong.members.services import cards, registry, selfservice
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

PLAIN = [v for _, body, phone in CAST_MEMBERS.values() for v in (cast_id_number(body), phone)]


def _bearer(cast: Cast, name: str) -> dict[str, str]:
    _, key = api_token_create(actor=SYSTEM, user=cast.users[name])
    return {"Authorization": f"Bearer {key}"}


def _as_the_schema_gives(members: list[Member], count: int, language: str) -> str:
    """What ninja answered before: each member validated through ``MemberOut``, dumped, and
    rendered by the API's renderer."""
    with translation.override(language):
        items = [MemberOut.from_orm(m).model_dump() for m in members]
    return json.dumps({"items": items, "count": count}, cls=NinjaJSONEncoder)


def test_member_rows_are_what_the_schema_gives_in_both_languages(cast: Cast):
    # given members of every kind in the city: a suspended one, some with no phone
    cast.bulk_members("GA", 3)
    registry.member_set_status(
        actor=SYSTEM, member=cast.members["GB"], status=MemberStatus.SUSPENDED, reason="测试"
    )
    user = cast.users["city_admin"]
    members = list(selectors.member_list(user))
    assert len(members) == 5
    headers = _bearer(cast, "city_admin")
    labels = set()
    for language in ("zh-hans", "en"):
        answer = Client().get("/api/v1/members", headers={**headers, "Accept-Language": language})
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        # byte for byte what the schema's path gave
        assert answer.content.decode() == _as_the_schema_gives(members, 5, language)
        labels |= {row["status_label"] for row in answer.json()["items"]}
        for value in PLAIN:  # masked: no full ID number or phone anywhere
            assert value not in answer.content.decode()
    assert labels == {
        str(label)
        for language in ("zh-hans", "en")
        for label in _labels(language, MemberStatus.ACTIVE, MemberStatus.SUSPENDED)
    }


def _labels(language: str, *statuses: MemberStatus) -> list[str]:
    with translation.override(language):
        return [str(status.label) for status in statuses]


def test_a_filtered_page_and_the_lookup_answer_as_the_schema_does(cast: Cast):
    cast.bulk_members("GA", 60)
    user = cast.users["district_admin"]
    headers = _bearer(cast, "district_admin")
    client = Client()
    # the second page of a filtered list (its count counted, not from the figures)
    answer = client.get("/api/v1/members", {"name": "会员", "page": "2"}, headers=headers)
    found = list(selectors.member_list(user, name="会员"))
    assert answer.content.decode() == _as_the_schema_gives(found[50:], 60, "zh-hans")
    # the exact look-up, its number in the body
    body = {"id_number": cast_id_number(CAST_MEMBERS["GA"][1])}
    answer = client.post(
        "/api/v1/members/lookup",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )
    assert answer.content.decode() == _as_the_schema_gives([cast.members["GA"]], 1, "zh-hans")


def test_out_of_scope_members_stay_out_of_the_fast_rows(cast: Cast):
    # DA's admin sees GA's member only; DB's admin GB's only; a member holds no member.view
    names = {
        who: [
            row["name"]
            for row in Client().get("/api/v1/members", headers=_bearer(cast, who)).json()["items"]
        ]
        for who in ("district_admin", "other_admin")
    }
    assert names == {"district_admin": ["张伟"], "other_admin": ["李娜"]}
    refused = Client().get("/api/v1/members", headers=_bearer(cast, "member"))
    assert refused.status_code == 404


def _count(client: Client, url: str, headers: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    return len(queries)


def test_a_page_of_fifty_costs_the_queries_of_a_page_of_two(cast: Cast):
    # two full pages of one list, both counted: the rows cost no query each
    cast.bulk_members("GA", 60)
    headers = _bearer(cast, "city_admin")
    client = Client()
    client.get("/api/v1/members", headers=headers)  # the token's first use is written down
    two = _count(client, "/api/v1/members?page_size=2", headers)
    fifty = _count(client, "/api/v1/members", headers)
    answer = client.get("/api/v1/members", headers=headers).json()
    assert (len(answer["items"]), answer["count"]) == (50, 62)
    # the token with its account, the grants, the rows, the count from the figures
    assert two == fifty == 4


def test_a_token_fails_on_the_next_request_once_expired_stale_or_its_account_inactive(
    cast: Cast,
):
    user = cast.users["officer"]
    token, key = api_token_create(actor=SYSTEM, user=user)
    headers = {"Authorization": f"Bearer {key}"}
    client = Client()

    def status() -> int:
        return client.get("/api/v1/members", headers=headers).status_code

    assert status() == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert status() == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert status() == 200
    ApiToken.objects.filter(pk=token.pk).update(password_stamp="another password")
    assert status() == 401
    ApiToken.objects.filter(pk=token.pk).update(password_stamp=ApiToken.stamp_of(user))
    assert status() == 200
    type(user).objects.filter(pk=user.pk).update(is_active=False)  # no service: the raw flag
    assert status() == 401
    type(user).objects.filter(pk=user.pk).update(is_active=True)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert status() == 401


def test_a_token_tells_the_policy_whether_it_passed_the_second_factor(cast: Cast):
    from zhigong.accounts.services import api_token_user

    user = cast.users["city_admin"]
    _, plain = api_token_create(actor=SYSTEM, user=user)
    _, verified = api_token_create(actor=SYSTEM, user=user, second_factor=True)
    found, found_verified = api_token_user(plain), api_token_user(verified)
    assert found is not None and found_verified is not None
    assert found.pk == found_verified.pk == user.pk
    assert found.is_verified() is False and found_verified.is_verified() is True  # type: ignore[attr-defined]
    assert found.username == user.username and found.is_active


def test_a_revoked_grant_counts_on_the_next_request(cast: Cast):
    from zhigong.unions.models import RoleGrant

    headers = _bearer(cast, "district_admin")
    client = Client()
    assert client.get("/api/v1/members", headers=headers).status_code == 200
    RoleGrant.objects.filter(user=cast.users["district_admin"]).update(revoked_at=timezone.now())
    assert client.get("/api/v1/members", headers=headers).status_code == 404


def test_a_switched_off_verifier_key_fails_on_the_next_request(cast: Cast):
    verifier, key = cards.card_verifier_create(actor=SYSTEM, name="超市", union=cast.unions["CITY"])
    card = cards.current_card(cast.members["GA"])
    assert card is not None
    client = Client()
    headers = {"X-Verifier-Key": key}

    def check():
        return client.get(
            "/api/v1/cards/verify", {"token": cards.card_token(card)}, headers=headers
        )

    assert check().json() == {"valid": True, "name": "", "union": ""}
    CardVerifier.objects.filter(pk=verifier.pk).update(is_active=False)
    assert check().status_code == 401
    found = cards.card_verifier_for_key(key)
    assert found is None
    CardVerifier.objects.filter(pk=verifier.pk).update(is_active=True)
    found = cards.card_verifier_for_key(key)
    assert found is not None and (found.pk, found.name, found.union_id) == (
        verifier.pk,
        "超市",
        cast.unions["CITY"].pk,
    )


def test_the_card_check_follows_the_card_the_member_the_union_and_the_consent(cast: Cast):
    member = cast.members["GA"]
    card = cards.current_card(member)
    assert card is not None
    token = cards.card_token(card)
    assert cards.card_verify(token) == cards.Verification(True)
    selfservice.consent_grant(actor=cast.users["member"], member=member, purpose="merchant_verify")
    assert cards.card_verify(token) == cards.Verification(True, "张*", member.union.name)
    union = member.union
    union.is_active = False
    union.save(update_fields=["is_active"])
    assert cards.card_verify(token) == cards.Verification(False)
    union.is_active = True
    union.save(update_fields=["is_active"])
    assert cards.card_verify(token).valid
    selfservice.consent_withdraw(
        actor=cast.users["member"], member=member, purpose="merchant_verify"
    )
    assert cards.card_verify(token) == cards.Verification(True)
    assert cards.card_verify(cards.card_token(cards.current_card(cast.members["GB"]))).valid  # type: ignore[arg-type]
    assert cards.card_verify("") == cards.card_verify("garbage") == cards.Verification(False)
