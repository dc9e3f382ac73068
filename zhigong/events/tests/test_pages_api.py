"""The pages and the API: staff create, publish and check in on the workbench; members sign
up and cancel on the portal and through the API (with ``Idempotency-Key``); what nobody else
sees; a denied write changes nothing."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.utils import timezone

from zhigong.events import selectors
from zhigong.events.choices import EventKind, EventStatus, SignupStatus
from zhigong.events.models import CounsellingRecord, Event, Signup
from zhigong.events.services.counselling import counselling_record
from zhigong.events.services.organise import event_move
from zhigong.events.services.signups import signup_create
from zhigong.events.tests.conftest import card_number, card_of
from zhigong.members.services.cards import card_token
from zhigong.testing.cast import PASSWORD


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _local(days: int) -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_staff_create_publish_and_check_in_on_the_workbench(cast, members):
    staff = cast.client("street_staff")
    answer = staff.post(
        "/staff/events/new/",
        {
            "union": "SA",
            "kind": EventKind.MIXER,
            "title": "<script>alert(1)</script>联谊会",
            "description": "<b>欢迎</b>",
            "starts_at": _local(7),
            "place": "职工之家",
            "capacity": "2",
            "audience": "subtree",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    event = Event.objects.get()
    assert event.status == EventStatus.DRAFT and event.union == cast.unions["SA"]
    page = staff.get(f"/staff/events/{event.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;b&gt;欢迎" in page
    staff.post(f"/staff/events/{event.pk}/", {"action": "publish"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED

    a = members(name="王小明")
    signup_create(actor=a.user, event=event)
    door = staff.post(f"/staff/events/{event.pk}/check-in/", {"number": card_number(a)})
    text = door.content.decode()
    assert "王*明" in text and "签到成功" in text and "王小明" not in text
    assert "camera=(self)" in door["Permissions-Policy"]
    assert Signup.objects.get(member=a).attended_at is not None
    token = card_token(card_of(a))
    again = staff.post(f"/staff/events/{event.pk}/check-in/", {"number": token}).content.decode()
    assert "已签到过" in again
    bad = staff.post(f"/staff/events/{event.pk}/check-in/", {"number": "123"}).content.decode()
    assert "会员卡无效" in bad


def test_bad_form_input_is_a_message_not_an_error(cast):
    staff = cast.client("street_staff")
    answer = staff.post(
        "/staff/events/new/",
        {
            "union": "GB",  # out of scope
            "kind": "mixer",
            "title": "x",
            "starts_at": "tomorrow",
            "place": "x",
            "capacity": "0",
            "audience": "nobody",
        },
    )
    assert answer.status_code == 200
    assert not Event.objects.exists()


def test_member_signs_up_and_cancels_on_the_portal(cast, members, new_event):
    event = new_event(capacity=1)
    a, b = members(), members()
    first, second = _client(a.user), _client(b.user)
    assert event.title in first.get("/me/events/").content.decode()
    first.post(f"/me/events/{event.pk}/", {"action": "signup"})
    second.post(f"/me/events/{event.pk}/", {"action": "signup"})
    assert "候补名单第 1 位" in second.get(f"/me/events/{event.pk}/").content.decode()
    first.post(f"/me/events/{event.pk}/", {"action": "cancel"})
    assert Signup.objects.get(member=b).status == SignupStatus.CONFIRMED
    assert Signup.objects.get(member=a).status == SignupStatus.CANCELLED


def test_out_of_scope_staff_and_members_get_404_and_change_nothing(cast, members, new_event):
    event = new_event("SA", publish=False)
    for name in ("other_admin", "officer", "city_org", "member"):
        client = cast.client(name)
        assert client.post(f"/staff/events/{event.pk}/", {"action": "publish"}).status_code == 404
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT
    # A draft is nobody's on the portal, not even a member of the subtree.
    assert cast.client("member").get(f"/me/events/{event.pk}/").status_code == 404
    elsewhere = new_event("GB")
    gb = members("GB")
    assert _client(gb.user).get(f"/me/events/{event.pk}/").status_code == 404
    answer = cast.client("member").post(f"/me/events/{elsewhere.pk}/", {"action": "signup"})
    assert answer.status_code == 404
    assert not Signup.objects.exists()


def test_counselling_notes_are_never_shown_to_members(cast, new_event):
    event = new_event(kind=EventKind.COUNSELLING)
    event_move(actor=cast.users["street_staff"], event=event, step="held")
    counselling_record(
        actor=cast.users["street_staff"], event=event, topic="主题甲", counsellor="专家乙",
        notes="秘密笔记",
    )  # fmt: skip
    member = cast.client("member")
    for url in (f"/me/events/{event.pk}/", f"/api/v1/events/{event.pk}", "/api/v1/events"):
        text = member.get(url).content.decode()
        assert "秘密笔记" not in text and "专家乙" not in text
    staff = cast.client("street_staff").get(f"/staff/events/{event.pk}/counselling/")
    assert "秘密笔记" in staff.content.decode()
    assert (
        cast.client("district_admin").get(f"/staff/events/{event.pk}/counselling/").status_code
        == 404
    )
    assert CounsellingRecord.objects.count() == 1


def _post(client: Client, url: str, **headers: str):
    return client.post(url, "{}", content_type="application/json", headers=headers)


def test_api_signup_with_idempotency_key_and_cancel(cast, members, new_event):
    event = new_event(capacity=1)
    a, b = members(), members()
    api = Client()
    token = api.post(
        "/api/v1/auth/token",
        json.dumps({"username": a.user.username, "password": PASSWORD}),
        content_type="application/json",
    )
    assert token.status_code in (200, 201), token.content
    bearer = {"Authorization": f"Bearer {token.json()['token']}"}
    first = _post(api, f"/api/v1/events/{event.pk}/signup", **bearer, **{"Idempotency-Key": "k1"})
    again = _post(api, f"/api/v1/events/{event.pk}/signup", **bearer, **{"Idempotency-Key": "k1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and first.json()["status"] == "confirmed"
    assert Signup.objects.filter(member=a).count() == 1
    other = _client(b.user)
    waiting = _post(other, f"/api/v1/events/{event.pk}/signup").json()
    assert waiting["status"] == "waiting" and waiting["waiting_position"] == 1
    mine = api.get("/api/v1/events/mine", headers=bearer).json()
    assert [s["event"]["id"] for s in mine["items"]] == [event.pk]
    assert _post(api, f"/api/v1/events/{event.pk}/cancel", **bearer).json()["status"] == "cancelled"
    assert other.get("/api/v1/events/mine").json()["items"][0]["status"] == "confirmed"
    twice = _post(api, f"/api/v1/events/{event.pk}/cancel", **bearer)
    assert twice.status_code == 404
    closed = _post(other, f"/api/v1/events/{event.pk + 999}/signup")
    assert closed.status_code == 404 and closed.json()["code"] == "not_found"


def test_the_portal_home_shows_the_members_events(cast, new_event):
    event = new_event("SA")
    signup_create(actor=cast.users["member"], event=event)
    new_event("DA")
    home = cast.client("member").get("/").content.decode()
    assert event.title in home and "2 场活动可以报名" in home
    assert "凭会员卡签到" in cast.client("anonymous").get("/").content.decode()
    assert "场活动可以报名" not in cast.client("street_staff").get("/").content.decode()


def test_staff_edit_more_places_and_who_sees_counselling(cast, members, new_event):
    event = new_event("SA", capacity=1)
    a, b = members(), members()
    signup_create(actor=a.user, event=event)
    signup_create(actor=b.user, event=event)
    staff = cast.client("street_staff")
    form = staff.get(f"/staff/events/{event.pk}/edit/").content.decode()
    local = timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in form
    answer = staff.post(
        f"/staff/events/{event.pk}/edit/",
        {
            "kind": event.kind,
            "title": "改名后的联谊会",
            "starts_at": local,
            "place": event.place,
            "capacity": "2",
            "audience": "subtree",
        },
    )
    assert answer.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("改名后的联谊会", 2)
    assert Signup.objects.get(member=b).status == SignupStatus.CONFIRMED
    # A counselling session is listed for the centre (event.counsel), not for administrators.
    session = new_event("SA", kind=EventKind.COUNSELLING, title="婚恋辅导讲座")
    assert session.title in staff.get("/staff/events/").content.decode()
    listing = cast.client("district_admin").get("/staff/events/").content.decode()
    assert "改名后的联谊会" in listing and session.title not in listing
    assert cast.client("district_admin").get(f"/staff/events/{session.pk}/").status_code == 404


def test_the_workbench_home_lists_todays_events_and_drafts(cast, new_event):
    _start, end = selectors.today_bounds()
    now = timezone.now()
    today = new_event("SA", starts_at=now + min(dt.timedelta(minutes=30), (end - now) / 2))
    new_event("SA", publish=False)
    home = cast.client("street_staff").get("/staff/").content.decode()
    assert "今天举办的活动" in home and "活动草稿待发布" in home
    listing = cast.client("street_staff").get("/staff/events/?when=today").content.decode()
    assert today.title in listing
    assert "今天举办的活动" not in cast.client("other_admin").get("/staff/").content.decode()
