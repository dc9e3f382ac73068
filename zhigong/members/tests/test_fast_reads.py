"""What the fast read paths keep: the QR drawing cached per token never shows another card's
or an expired token; choice labels follow the language; sessions kept in a cache still end
with the password; a revoked API token fails on the next request."""

from __future__ import annotations

import time
from unittest import mock

import segno
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from zhigong.accounts.services import api_token_create, api_token_revoke, password_change
from zhigong.core.actors import SYSTEM
from zhigong.core.labels import choice_label
from zhigong.members.choices import MemberStatus
from zhigong.members.services import cards
from zhigong.members.views.portal import card_qr_svg
from zhigong.testing.cast import PASSWORD, Cast


def _drawn(token: str) -> str:
    return segno.make(token, error="m").svg_inline(scale=5, border=2)


def test_each_card_shows_the_drawing_of_its_own_token(cast: Cast):
    ga = cards.current_card(cast.members["GA"])
    gb = cards.current_card(cast.members["GB"])
    assert ga is not None and gb is not None
    # drawn for one card first, the other card still gets its own
    assert card_qr_svg(ga) == _drawn(cards.card_token(ga))
    assert card_qr_svg(gb) == _drawn(cards.card_token(gb))
    assert card_qr_svg(ga) != card_qr_svg(gb)


def test_the_token_and_its_drawing_change_with_the_step_and_still_expire(cast: Cast, settings):
    card = cards.current_card(cast.members["GA"])
    assert card is not None
    now = time.time()
    start = now - now % cards.CARD_TOKEN_STEP
    with mock.patch("time.time", return_value=start + 1):
        first, drawing = cards.card_token(card), card_qr_svg(card)
    with mock.patch("time.time", return_value=start + cards.CARD_TOKEN_STEP - 1):
        assert cards.card_token(card) == first  # one token within a step
    with mock.patch("time.time", return_value=start + cards.CARD_TOKEN_STEP):
        assert cards.card_token(card) != first
        assert card_qr_svg(card) != drawing
    # a stepped token never lives longer than CARD_TOKEN_SECONDS after it was shown, and the
    # API tells the app how long it has left
    settings.CARD_TOKEN_SECONDS = 300
    with mock.patch("time.time", return_value=start + 7):
        assert cards.card_token_expires_in() == 293
    assert cards.card_verify(first).valid
    with mock.patch("time.time", return_value=start + 1 + 301):
        assert not cards.card_verify(first).valid


def test_the_card_page_after_a_reissue_shows_the_new_card_only(cast: Cast):
    member = cast.members["GA"]
    old = cards.current_card(member)
    assert old is not None
    client = cast.client("member")
    html = client.get(reverse("portal:members:card")).content.decode()
    assert card_qr_svg(old) in html
    old_drawing = card_qr_svg(old)
    client.post(reverse("portal:members:card"), {"action": "reissue", "reason": "丢失"})
    new = cards.current_card(member)
    assert new is not None and new.number != old.number
    html = client.get(reverse("portal:members:card")).content.decode()
    assert card_qr_svg(new) in html and old_drawing not in html
    # and the page is never stored by a browser or proxy
    assert "no-store" in client.get(reverse("portal:members:card"))["Cache-Control"]


def test_choice_labels_follow_the_active_language():
    with translation.override("zh-hans"):
        assert choice_label(MemberStatus, MemberStatus.ACTIVE) == str(MemberStatus.ACTIVE.label)
    with translation.override("en"):
        english = choice_label(MemberStatus, MemberStatus.ACTIVE)
        assert english == str(MemberStatus.ACTIVE.label)
    with translation.override("zh-hans"):
        assert choice_label(MemberStatus, MemberStatus.ACTIVE) != english
    assert choice_label(MemberStatus, "unknown") == "unknown"


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_a_session_kept_in_the_cache_ends_when_the_password_changes(cast: Cast):
    client = Client()
    client.post(reverse("accounts:login"), {"username": "member", "password": PASSWORD})
    assert client.get(reverse("portal:members:card")).status_code == 200
    user = cast.users["member"]
    password_change(actor=user, user=user, old_password=PASSWORD, new_password="Another-Passw0rd!9")
    response = client.get(reverse("portal:members:card"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_revoked_token_fails_on_the_next_request(cast: Cast):
    token, key = api_token_create(actor=SYSTEM, user=cast.users["officer"])
    headers = {"Authorization": f"Bearer {key}"}
    client = Client()
    assert client.get("/api/v1/members", headers=headers).status_code == 200
    api_token_revoke(actor=cast.users["officer"], token=token)
    assert client.get("/api/v1/members", headers=headers).status_code == 401


def _queries(client: Client, url: str, **headers: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    return len(queries)


def test_the_lists_read_no_column_per_row(cast: Cast):
    # the lists read only some columns of each member: one the page used and the query left
    # out would cost a query per row, so a page of 50 takes as many queries as a page of 2
    client = cast.client("district_admin")
    _, key = api_token_create(actor=SYSTEM, user=cast.users["district_admin"])
    bearer = {"Authorization": f"Bearer {key}"}
    page = reverse("staff:members:member_list")
    client.get(page)  # the session's first request writes its start time
    few = (_queries(client, page), _queries(Client(), "/api/v1/members", **bearer))
    cast.bulk_members("GA", 60)
    many = (_queries(client, page), _queries(Client(), "/api/v1/members", **bearer))
    assert many == few
    html = client.get(page).content.decode()
    assert html.count('<td class="mono">') == 100  # 50 rows: masked ID number and phone


def test_a_card_check_reads_the_key_and_the_card_once(cast: Cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhigong.members.services import selfservice

    member = cast.members["GA"]
    card = cards.current_card(member)
    assert card is not None
    _, key = cards.card_verifier_create(actor=SYSTEM, name="超市", union=cast.unions["CITY"])
    headers = {"X-Verifier-Key": key}

    def check() -> tuple[dict[str, object], int]:
        with CaptureQueriesContext(connection) as queries:
            answer = Client().get(
                "/api/v1/cards/verify", {"token": cards.card_token(card)}, headers=headers
            )
        return dict(answer.json()), len(queries)

    assert check() == ({"valid": True, "name": "", "union": ""}, 2)
    selfservice.consent_grant(actor=cast.users["member"], member=member, purpose="merchant_verify")
    answer, queries = check()
    assert answer["name"] == "张*" and answer["union"] == member.union.name and queries == 2
