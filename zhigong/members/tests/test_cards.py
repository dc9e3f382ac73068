"""Card verification through the API (verifier key only), and staff card and status actions."""

from __future__ import annotations

import time
from io import StringIO
from unittest import mock

from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.members import selectors
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.models import CardVerifier, Member, MemberCard
from zhigong.members.services import cards, registry, selfservice
from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

PLAIN = [v for _, body, phone in CAST_MEMBERS.values() for v in (cast_id_number(body), phone)]


def _verifier(cast) -> dict[str, str]:
    _, key = cards.card_verifier_create(actor=SYSTEM, name="超市收银台", union=cast.unions["CITY"])
    return {"X-Verifier-Key": key}


def _card(member: Member) -> MemberCard:
    card = selectors.member_current_card(member)
    assert card is not None
    return card


def _token(cast, code: str = "GA") -> str:
    return cards.card_token(_card(cast.members[code]))


def _verify(headers: dict[str, str], token: str, client: Client | None = None):
    return (client or Client()).get("/api/v1/cards/verify", {"token": token}, headers=headers)


def _consent(cast, granted: bool = True) -> None:
    act = selfservice.consent_grant if granted else selfservice.consent_withdraw
    act(actor=cast.users["member"], member=cast.members["GA"], purpose="merchant_verify")


def test_valid_card_answers_masked_name_and_union_only(cast):
    _consent(cast)
    response = _verify(_verifier(cast), _token(cast))
    assert response.status_code == 200
    assert response.json() == {"valid": True, "name": "张*", "union": "武汉江城机械有限公司工会"}
    for value in PLAIN:
        assert value not in response.content.decode()


def test_without_the_members_consent_the_check_says_valid_and_nothing_more(cast):
    headers = _verifier(cast)
    # never given
    assert _verify(headers, _token(cast)).json() == {"valid": True, "name": "", "union": ""}
    # given, then withdrawn
    _consent(cast)
    assert _verify(headers, _token(cast)).json()["name"] == "张*"
    _consent(cast, granted=False)
    assert _verify(headers, _token(cast)).json() == {"valid": True, "name": "", "union": ""}


def test_verifier_key_is_required(cast):
    token = _token(cast)
    # no key, a wrong key, a person's bearer token or session: all 401
    assert _verify({}, token).status_code == 401
    assert _verify({"X-Verifier-Key": "cv_wrong"}, token).status_code == 401
    from zhigong.accounts.services import api_token_create

    _, bearer = api_token_create(actor=SYSTEM, user=cast.users["city_admin"])
    assert _verify({"Authorization": f"Bearer {bearer}"}, token).status_code == 401
    assert _verify({}, token, client=cast.client("city_admin")).status_code == 401
    # a switched-off verifier stops working
    headers = _verifier(cast)
    CardVerifier.objects.update(is_active=False)
    assert _verify(headers, token).status_code == 401


def test_fails_after_card_suspended(cast):
    headers, token = _verifier(cast), _token(cast)
    card = _card(cast.members["GA"])
    cards.card_set_suspended(actor=cast.users["officer"], card=card, suspended=True, reason="挂失")
    assert _verify(headers, token).json() == {"valid": False, "name": "", "union": ""}


def test_fails_after_member_suspended(cast):
    headers, token = _verifier(cast), _token(cast)
    registry.member_set_status(
        actor=cast.users["officer"],
        member=cast.members["GA"],
        status=MemberStatus.SUSPENDED,
        reason="欠缴会费",
    )
    assert _verify(headers, token).json()["valid"] is False


def test_old_token_fails_after_reissue(cast):
    headers, old_token = _verifier(cast), _token(cast)
    card = _card(cast.members["GA"])
    new = cards.card_reissue(actor=cast.users["officer"], card=card, reason="丢失")
    assert _verify(headers, old_token).json()["valid"] is False
    assert _verify(headers, cards.card_token(new)).json()["valid"] is True


def test_expired_token_fails(cast, settings):
    headers = _verifier(cast)
    card = _card(cast.members["GA"])
    # a token signed ten minutes ago, past the five-minute lifetime
    signer = signing.TimestampSigner(salt=cards._SALT)
    settings.CARD_TOKEN_SECONDS = 300
    with mock.patch("time.time", return_value=time.time() - 600):
        old = signer.sign_object({"n": card.number})
    assert _verify(headers, old).json() == {"valid": False, "name": "", "union": ""}
    assert _verify(headers, "garbage").json()["valid"] is False


def test_staff_suspend_and_unsuspend_card(cast):
    # given the officer at GA
    client = cast.client("officer")
    member = cast.members["GA"]
    url = reverse("staff:members:member_card", args=[member.pk])
    # when the card is suspended with a reason, then it is suspended
    response = client.post(url, {"action": "suspend", "reason": "会员报失"})
    assert response.status_code == 302
    assert _card(member).status == CardStatus.SUSPENDED
    # and a reason is required
    client.post(url, {"action": "unsuspend", "reason": ""})
    assert _card(member).status == CardStatus.SUSPENDED
    client.post(url, {"action": "unsuspend", "reason": "已找回"})
    assert _card(member).status == CardStatus.ACTIVE


def test_staff_reissue_card(cast):
    member = cast.members["GA"]
    old = _card(member)
    url = reverse("staff:members:member_card", args=[member.pk])
    response = cast.client("street_staff").post(url, {"action": "reissue", "reason": "丢失"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == CardStatus.REVOKED
    assert _card(member).number != old.number


def test_denied_card_action_changes_nothing(cast):
    member = cast.members["GA"]
    url = reverse("staff:members:member_card", args=[member.pk])
    for name in ("other_admin", "member", "dept_legal"):
        response = cast.client(name).post(url, {"action": "suspend", "reason": "x"})
        assert response.status_code == 404
    assert _card(member).status == CardStatus.ACTIVE


def test_staff_suspend_and_reactivate_member(cast):
    member = cast.members["GA"]
    url = reverse("staff:members:member_status", args=[member.pk])
    client = cast.client("district_admin")
    # a reason is required
    client.post(url, {"status": "suspended", "reason": ""})
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert client.post(url, {"status": "suspended", "reason": "停薪留职"}).status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.SUSPENDED
    assert _card(member).status == CardStatus.SUSPENDED
    assert client.post(url, {"status": "active", "reason": "复岗"}).status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.history.filter(action="status").count() == 2


def test_denied_status_change_changes_nothing(cast):
    member = cast.members["GA"]
    url = reverse("staff:members:member_status", args=[member.pk])
    assert (
        cast.client("other_officer").post(url, {"status": "suspended", "reason": "x"}).status_code
        == 404
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE


def test_verifier_page_creates_key_shown_once(cast):
    client = cast.client("officer")
    url = reverse("staff:members:verifier_list")
    response = client.post(url, {"name": "食堂签到处", "union": "GA"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    verifier = CardVerifier.objects.get()
    key = html.split("<strong>")[1].split("</strong>")[0]
    assert cards.card_verifier_for_key(key) == verifier
    assert key not in client.get(url).content.decode()


def test_verifier_page_refuses_union_out_of_scope(cast):
    response = cast.client("officer").post(
        reverse("staff:members:verifier_list"), {"name": "外单位", "union": "GB"}
    )
    assert "在您的范围内找不到名称或编码为“GB”的工会" in response.content.decode()
    assert CardVerifier.objects.count() == 0


def test_verifier_list_is_scoped(cast):
    cards.card_verifier_create(actor=SYSTEM, name="江岸超市", union=cast.unions["GA"])
    cards.card_verifier_create(actor=SYSTEM, name="武昌超市", union=cast.unions["GB"])
    html = (
        cast.client("district_admin").get(reverse("staff:members:verifier_list")).content.decode()
    )
    assert "江岸超市" in html and "武昌超市" not in html


def test_create_card_verifier_command(cast):
    out = StringIO()
    call_command("create_card_verifier", "活动签到处", "DA", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    verifier = cards.card_verifier_for_key(key)
    assert verifier is not None and verifier.union == cast.unions["DA"]
