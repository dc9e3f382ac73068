"""Revealing a full ID number or phone: permission, a reason, and a log entry every time."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.core.models import AccessLog
from zhigong.members.models import Member
from zhigong.members.personal import SealBroken
from zhigong.members.services.reveal import member_reveal
from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

ID_GA = cast_id_number(CAST_MEMBERS["GA"][1])
PHONE_GA = CAST_MEMBERS["GA"][2]


def _url(cast) -> str:
    return reverse("staff:members:member_reveal", args=[cast.members["GA"].pk])


def test_page_reveal_shows_values_once_and_logs(cast):
    # given the street centre's staff with member.reveal over GA
    client = cast.client("street_staff")
    # when they reveal both fields with a reason
    response = client.post(_url(cast), {"items": ["id_number", "phone"], "reason": "核对补卡申请"})
    # then the page shows the full values, is not cached, and the view is logged
    html = response.content.decode()
    assert response.status_code == 200
    assert ID_GA in html and PHONE_GA in html
    assert "no-store" in response["Cache-Control"]
    log = AccessLog.objects.get()
    assert log.reason == "核对补卡申请"
    assert log.fields == "id_number,phone"
    assert log.channel == "page"
    assert log.actor == cast.users["street_staff"]
    # and the detail page afterwards is masked again
    detail = client.get(reverse("staff:members:member_detail", args=[cast.members["GA"].pk]))
    assert ID_GA not in detail.content.decode()


def test_page_reveal_without_reason_is_refused_and_not_logged(cast):
    client = cast.client("street_staff")
    response = client.post(_url(cast), {"items": ["id_number"], "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "查看完整信息必须填写理由" in html
    assert ID_GA not in html
    assert AccessLog.objects.count() == 0


def test_page_reveal_without_permission_is_404_and_not_logged(cast):
    # given the officer at GA, who may view members but not reveal; the district admin, who
    # administers but does not read full personal data (separation of duties); the auditor
    for name in ("officer", "district_admin", "auditor", "other_admin", "member"):
        response = cast.client(name).post(_url(cast), {"items": ["id_number"], "reason": "想看看"})
        assert response.status_code == 404
        assert ID_GA not in response.content.decode()
    assert AccessLog.objects.count() == 0


def test_reveal_is_post_only(cast):
    response = cast.client("street_staff").get(_url(cast))
    assert response.status_code == 405
    assert AccessLog.objects.count() == 0


def test_api_reveal_logs_with_channel_api(cast):
    client = cast.client("street_staff")
    url = f"/api/v1/members/{cast.members['GA'].pk}/reveal"
    response = client.post(
        url, {"fields": ["phone"], "reason": "联系会员办理"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"id_number": None, "phone": PHONE_GA}
    log = AccessLog.objects.get()
    assert (log.channel, log.fields, log.reason) == ("api", "phone", "联系会员办理")


def test_api_reveal_refused_without_reason_or_permission(cast):
    url = f"/api/v1/members/{cast.members['GA'].pk}/reveal"
    no_reason = cast.client("street_staff").post(
        url, {"fields": ["id_number"], "reason": " "}, content_type="application/json"
    )
    assert no_reason.status_code == 400
    assert no_reason.json()["fields"]["reason"]
    officer = cast.client("officer").post(
        url, {"fields": ["id_number"], "reason": "想看看"}, content_type="application/json"
    )
    assert officer.status_code == 404
    assert ID_GA not in officer.content.decode() + no_reason.content.decode()
    assert AccessLog.objects.count() == 0


def test_a_ciphertext_moved_onto_another_row_does_not_open_there(cast):
    """Issue 8, defect 8: copying member A's encrypted ID number (or phone) onto member B
    must not make B's reveal show A's number."""
    a, b = cast.members["GA"], cast.members["GB"]
    Member.objects.filter(pk=b.pk).update(
        id_number_encrypted=a.id_number_encrypted, phone_encrypted=a.phone_encrypted
    )
    b.refresh_from_db()
    staff = cast.users["city_org"]
    with pytest.raises(SealBroken):
        member_reveal(actor=staff, member=b, fields=["id_number"], reason="核对")
    with pytest.raises(SealBroken):
        member_reveal(actor=staff, member=b, fields=["phone"], reason="核对")
    # and on the page it is a plain refusal, not someone else's number nor an error page
    page = cast.client("city_org").post(
        reverse("staff:members:member_reveal", args=[b.pk]),
        {"items": ["id_number"], "reason": "核对身份"},
    )
    html = page.content.decode()
    assert page.status_code in (200, 409) and cast_id_number(CAST_MEMBERS["GA"][1]) not in html
    assert "校验未通过" in html
    # A's own values still open on A's row
    assert member_reveal(actor=staff, member=a, fields=["id_number"], reason="核对")
