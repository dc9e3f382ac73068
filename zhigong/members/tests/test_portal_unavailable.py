"""The member's own pages that cannot exist for a user explain themselves: a member who left,
a user with no member record and an applicant each read why and what they can do, where a
bare 404 would leave them guessing; staff pages out of scope keep the plain 404."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import NotFound, Unavailable
from zhigong.members.notices import CURRENT as CURRENT_NOTICE
from zhigong.members.selectors import portal as mine
from zhigong.members.services import applications, selfservice
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import PASSWORD, Cast, cast_id_number

OWN_PAGES = ["/me/card/", "/me/change/", "/me/consents/", "/me/leave/"]


def _leave(cast: Cast) -> None:
    selfservice.member_leave(
        actor=cast.users["member"], member=cast.members["GA"], reason="调离本单位"
    )


@pytest.mark.parametrize("path", OWN_PAGES)
def test_a_member_who_left_reads_why_and_what_they_can_still_do(cast: Cast, path: str):
    # given the cast's member, who has left the union
    _leave(cast)

    # when they open one of the member's own pages (their card, say)
    response = cast.client("member").get(path)

    # then the page says they left and the card is cancelled, with what they can still do
    html = response.content.decode()
    assert response.status_code == 404
    assert "您已退会" in html and "会员卡已注销" in html
    assert 'href="/me/apply/"' in html and 'href="/me/export.xlsx"' in html
    assert "未找到该页面" not in html
    assert "no-store" in response["Cache-Control"]  # it describes this user


def test_a_user_with_no_member_record_is_shown_how_to_apply(cast: Cast):
    # given a user with no member record and no application
    client = cast.client("outsider")

    # when they open the member card page
    response = client.get("/me/card/")

    # then they read that they are not a member yet and find the way to apply
    html = response.content.decode()
    assert response.status_code == 404
    assert "您还不是工会会员" in html and 'href="/me/apply/"' in html


def test_an_applicant_is_sent_to_their_application(cast: Cast):
    # given a worker whose application to join is waiting for review
    worker = user_create(
        actor=SYSTEM, username="wangfang", password=PASSWORD, full_name="王芳", check_password=False
    )
    person = PersonInput(
        name="王芳",
        id_number=cast_id_number("42010219920808002"),
        phone="13700001111",
        ethnicity="汉族",
        education="bachelor",
        job="装配工",
    )
    applications.application_submit(
        actor=worker,
        person=person,
        union=cast.unions["GA"],
        applicant_user=worker,
        notice_version=CURRENT_NOTICE,
    )
    client = Client()
    client.force_login(worker)

    # when they open the member card page
    html = client.get("/me/card/").content.decode()

    # then the page says the application is under way and links to its progress
    assert "入会申请办理中" in html and 'href="/me/application/"' in html


def test_the_export_still_works_for_a_member_who_left(cast: Cast):
    # given a member who left
    _leave(cast)

    # when they download their data, then they get it (the export accepts a left member)
    assert cast.client("member").get("/me/export.json").status_code == 200


def test_the_helper_raises_unavailable_a_kind_of_not_found(cast: Cast):
    # given a user with no member record, then the helper raises the explaining kind
    with pytest.raises(Unavailable) as raised:
        mine.own_member_or_404(cast.users["officer"])

    # and code that handles any NotFound still handles it
    assert isinstance(raised.value, NotFound)
    assert raised.value.actions and raised.value.title


def _body(response) -> str:
    """The page without what changes with every answer (the CSRF token) or with the address
    (the language switch's way back)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="next" type="hidden" value="[^"]*"', "", html)


def test_a_staff_page_out_of_scope_keeps_the_plain_404(cast: Cast):
    # given an officer of another grassroots union
    client = cast.client("other_officer")
    member = cast.members["GA"]

    # when they open a member outside their scope, and a member that does not exist
    outside = client.get(reverse("staff:members:member_detail", args=[member.pk]))
    unknown = client.get(reverse("staff:members:member_detail", args=[member.pk + 1000]))

    # then both answers are the same plain 404 page, with nothing that explains
    assert outside.status_code == unknown.status_code == 404
    assert _body(outside) == _body(unknown)
    assert "未找到该页面" in _body(outside) and "您已退会" not in _body(outside)
