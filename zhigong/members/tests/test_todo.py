"""What the member registry puts on a clerk's to-do list (``members.todo``): each kind of
work waiting in the clerk's scope, for the side that has to act, with a count and a link."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.todo import TodoItem, staff_todo_items
from zhigong.members.models import MemberImport, MembershipApplication
from zhigong.members.services.applications import application_review, application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.members.services.selfservice import change_request_create
from zhigong.members.services.transfers import transfer_request
from zhigong.testing.cast import Cast, cast_id_number


def _items(cast: Cast, user: str) -> dict[str, TodoItem]:
    return {str(item.label): item for item in staff_todo_items(cast.users[user])}


def _apply(
    cast: Cast, name: str = "王芳", body: str = "42010219920808002"
) -> MembershipApplication:
    return application_submit(
        actor=SYSTEM,
        person=PersonInput(name=name, id_number=cast_id_number(body), phone="13700001111"),
        union=cast.unions["GA"],
    )


def test_nothing_to_do_is_an_empty_list(cast: Cast):
    assert _items(cast, "officer") == {}
    assert _items(cast, "auditor") == {}
    assert _items(cast, "outsider") == {}


def test_an_application_waits_for_review_at_its_grassroots_union_and_above(cast: Cast):
    # given a worker applied to join at GA
    _apply(cast)
    # then the officer there, and the staff above who review, have it to do
    item = _items(cast, "officer")["入会申请待审核"]
    assert item.count == 1
    assert item.url == reverse("staff:members:application_list") + "?status=submitted"
    assert _items(cast, "street_staff")["入会申请待审核"].count == 1
    # and nobody of another district
    assert "入会申请待审核" not in _items(cast, "other_officer")


def test_an_application_reviewed_waits_for_approval_by_someone_else(cast: Cast):
    # given the street centre's clerk reviewed it themself
    application = _apply(cast)
    application_review(
        actor=cast.users["street_staff"], application=application, approve=True, stamp_name="刘"
    )
    # then it is no longer to review, and the reviewer does not approve it (maker-checker)
    assert "入会申请待审核" not in _items(cast, "street_staff")
    assert "入会申请待审批" not in _items(cast, "street_staff")
    # but the organisation department above does
    item = _items(cast, "city_org")["入会申请待审批"]
    assert item.count == 1 and item.url.endswith("?status=reviewed")


def test_a_change_request_waits_at_the_members_union(cast: Cast):
    change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
    )
    assert _items(cast, "officer")["资料变更待确认"].count == 1
    assert "资料变更待确认" not in _items(cast, "other_officer")


def test_a_transfer_waits_for_the_side_that_did_not_ask(cast: Cast):
    # given the GA officer asks to move their member to GB
    transfer_request(
        actor=cast.users["officer"],
        member=cast.members["GA"],
        to_union=cast.unions["GB"],
        reason="调动",
    )
    # then it is GB's to decide, not GA's
    item = _items(cast, "other_officer")["会籍转移待我方确认"]
    assert item.count == 1
    assert "direction=decide" in item.url
    assert "会籍转移待我方确认" not in _items(cast, "officer")
    # and the list behind the link shows it
    page = cast.client("other_officer").get(item.url)
    assert "武汉江城机械有限公司工会" in page.content.decode()
    assert "武汉江城机械有限公司工会" not in cast.client("officer").get(item.url).content.decode()


def test_ones_own_imports_that_ended_lately_are_listed_failed_first(cast: Cast):
    # given two of the officer's imports ended today, one failed
    now = timezone.now()
    for status in (MemberImport.Status.DONE, MemberImport.Status.FAILED):
        MemberImport.objects.create(
            actor=cast.users["officer"],
            anchor=cast.unions["GA"],
            filename="roster.xlsx",
            stored_path="",
            status=status,
            finished_at=now,
        )
    # and one a week ago, and one of somebody else
    MemberImport.objects.create(
        actor=cast.users["officer"],
        anchor=cast.unions["GA"],
        filename="old.xlsx",
        stored_path="",
        status=MemberImport.Status.FAILED,
        finished_at=now - dt.timedelta(days=7),
    )
    MemberImport.objects.create(
        actor=cast.users["street_staff"],
        anchor=cast.unions["GA"],
        filename="theirs.xlsx",
        stored_path="",
        status=MemberImport.Status.FAILED,
        finished_at=now,
    )
    items = staff_todo_items(cast.users["officer"])
    # then the failed one comes first, marked, and each leads to its job
    assert [(str(i.label), i.count, i.urgent) for i in items] == [
        ("花名册导入未通过", 1, True),
        ("花名册导入已完成", 1, False),
    ]
    failed = MemberImport.objects.get(actor=cast.users["officer"], finished_at=now, status="failed")
    assert items[0].url == reverse("staff:members:member_import_detail", args=[failed.pk])
