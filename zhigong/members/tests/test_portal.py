"""The member's portal pages: login by ID number or phone, the card page, notices."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from zhigong.members.choices import CardStatus
from zhigong.members.models import MemberCard
from zhigong.members.services import cards
from zhigong.notifications.backends import MemoryBackend
from zhigong.notifications.models import Notification
from zhigong.notifications.services import notify
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, Cast, cast_id_number

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])


def login(username: str, password: str = PASSWORD):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return client, response


def test_member_logs_in_with_id_number_or_member_phone(cast: Cast):
    for username in (GA_ID, GA_ID.lower(), CAST_MEMBERS["GA"][2], "member"):
        client, response = login(username)
        assert response.status_code == 302, username
        assert client.get(reverse("portal:members:me")).context["user"] == cast.users["member"]
    # a wrong password, or a member without a login, does not
    assert login(GA_ID, "wrong")[1].status_code == 200
    assert login(cast_id_number(CAST_MEMBERS["GB"][1]))[1].status_code == 200


def test_card_page_activates_shows_the_code_and_reissues(cast: Cast):
    # given the member's card freshly issued (a reissue by staff leaves it active; make one)
    member = cast.members["GA"]
    card = cards.current_card(member)
    assert card is not None
    MemberCard.objects.filter(pk=card.pk).update(status=CardStatus.ISSUED)
    client = cast.client("member")
    html = client.get(reverse("portal:members:card")).content.decode()
    assert "启用" in html and "<svg" not in html
    # when they switch it on
    client.post(reverse("portal:members:card"), {"action": "activate"})
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    # then the page shows the QR code inline, refreshed by htmx
    html = client.get(reverse("portal:members:card")).content.decode()
    assert "<svg" in html and 'hx-trigger="every 240s"' in html
    assert "<svg" in client.get(reverse("portal:members:card_qr")).content.decode()
    old_token = cards.card_token(card)
    # when they report it lost without a reason, nothing happens
    client.post(reverse("portal:members:card"), {"action": "reissue", "reason": ""})
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    # and with a reason the old number stops working and a new card is active
    client.post(reverse("portal:members:card"), {"action": "reissue", "reason": "丢失"})
    card.refresh_from_db()
    assert card.status == CardStatus.REVOKED
    assert not cards.card_verify(old_token).valid
    new = cards.current_card(member)
    assert new is not None and new.status == CardStatus.ACTIVE and new.number != card.number


def test_non_members_see_the_apply_link(cast: Cast):
    html = cast.client("outsider").get(reverse("portal:members:me")).content.decode()
    assert reverse("portal:members:apply") in html
    html = cast.client("member").get(reverse("portal:members:apply")).content.decode()
    assert "无需申请" in html


def test_me_shows_masked_data_only(cast: Cast):
    html = cast.client("member").get(reverse("portal:members:me")).content.decode()
    assert cast.members["GA"].id_number_masked in html
    assert GA_ID not in html and CAST_MEMBERS["GA"][2] not in html


def test_notices_page_lists_and_marks_read(cast: Cast):
    user = cast.users["member"]
    notify(user, title="测试通知", body="内容")
    notify(cast.users["officer"], title="别人的通知", body="")
    html = cast.client("member").get(reverse("portal:notifications:notices")).content.decode()
    assert "测试通知" in html and "别人的通知" not in html
    assert Notification.objects.get(user=user).read_at is not None


@override_settings(NOTIFICATION_BACKENDS=["zhigong.notifications.backends.MemoryBackend"])
def test_adapter_sends_only_after_commit(cast: Cast, django_capture_on_commit_callbacks):
    MemoryBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.users["member"], title="入会申请已提交", body="")
        assert MemoryBackend.outbox == []
    assert [m.title for m in MemoryBackend.outbox] == ["入会申请已提交"]


@override_settings(NOTIFICATION_BACKENDS=["zhigong.notifications.backends.LoggingBackend"])
def test_logging_backend_logs_no_personal_data(
    cast: Cast, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level("INFO", logger="zhigong.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(cast.users["member"], title="资料变更已生效", body="手机号 13800001234")
    assert "资料变更已生效" in caplog.text and "13800001234" not in caplog.text


@pytest.mark.parametrize(
    "name", ["portal:members:card", "portal:members:change", "portal:members:leave"]
)
def test_member_pages_404_for_non_members(cast: Cast, name: str):
    assert cast.client("officer").get(reverse(name)).status_code == 404


def test_a_member_logs_in_with_their_first_generation_id_number(cast):
    """Someone who still has their old 15-digit card number in mind: it names them too."""
    from django.contrib.auth import authenticate

    from zhigong.testing.cast import PASSWORD

    member = cast.members["GA"]
    body = CAST_MEMBERS["GA"][1]  # 17 digits: region, 19xx birth date, sequence
    first_generation = body[:6] + body[8:17]
    user = authenticate(None, username=first_generation, password=PASSWORD)
    assert user is not None and user.pk == member.user_id
