"""Staff who look after a member know them by name; others meet a masked name. A transfer
starts from the member's page. The member's history speaks people's words."""

from __future__ import annotations

from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.members import permissions
from zhigong.members.services import registry
from zhigong.members.services.transfers import transfer_request
from zhigong.testing.cast import Cast, cast_id_number


def test_the_members_own_union_and_those_above_see_the_name(cast: Cast):
    member = cast.members["GA"]
    for name in ("officer", "street_staff", "district_admin", "city_admin", "city_org"):
        assert permissions.can_see_name(cast.users[name], member), name
        assert permissions.name_shown(cast.users[name], member) == "张伟"
    # the member themself too
    assert permissions.can_see_name(cast.users["member"], member)
    # everyone else sees it masked
    for name in ("other_officer", "other_admin", "auditor", "outsider"):
        assert not permissions.can_see_name(cast.users[name], member), name
        assert permissions.name_shown(cast.users[name], member) == "张*"


def test_the_list_and_the_page_show_the_name_to_the_members_union(cast: Cast):
    officer = cast.client("officer")
    assert "张伟" in officer.get(reverse("staff:members:member_list")).content.decode()
    detail = officer.get(reverse("staff:members:member_detail", args=[cast.members["GA"].pk]))
    assert "<h1>张伟" in detail.content.decode()


def test_the_receiving_side_of_a_transfer_sees_a_masked_name_until_it_decides(cast: Cast):
    # given GA asks to move 张伟 to GB
    transfer = transfer_request(
        actor=cast.users["officer"],
        member=cast.members["GA"],
        to_union=cast.unions["GB"],
        reason="调动",
    )
    detail = reverse("staff:members:transfer_detail", args=[transfer.pk])
    listing = reverse("staff:members:transfer_list")
    # then GB, which must decide, sees who it is, masked
    for url in (detail, listing):
        html = cast.client("other_officer").get(url).content.decode()
        assert "张*" in html and "张伟" not in html
    # and GA sees the name in full
    for url in (detail, listing):
        assert "张伟" in cast.client("officer").get(url).content.decode()


def test_a_transfer_starts_from_the_members_page(cast: Cast):
    member = cast.members["GA"]
    new = reverse("staff:members:transfer_new")
    # the officer finds the button on the member's page
    html = cast.client("officer").get(reverse("staff:members:member_detail", args=[member.pk]))
    assert f'href="{new}?member={member.pk}"' in html.content.decode()
    # it opens the request for this member, by name, with any grassroots union as destination
    page = cast.client("officer").get(new, {"member": member.pk}).content.decode()
    assert "张伟" in page and "perm=&amp;kind=grassroots" in page
    # and the destination is chosen by its name
    response = cast.client("officer").post(
        new,
        {
            "step": "submit",
            "member": member.pk,
            "to_union": "武汉楚天电子有限公司工会",
            "reason": "调动",
        },
    )
    assert response.status_code == 302
    assert member.transfers.get().to_union == cast.unions["GB"]


def test_no_transfer_button_for_a_member_who_left(cast: Cast):
    member = cast.members["GA"]
    registry.member_set_status(actor=SYSTEM, member=member, status="left", reason="离职")
    html = cast.client("officer").get(reverse("staff:members:member_detail", args=[member.pk]))
    assert "申请会籍转移" not in html.content.decode()


def test_the_receiving_side_chooses_only_its_own_unions(cast: Cast):
    # when the GB officer asks to receive someone, the destination must be one of theirs
    page = cast.client("other_officer").post(
        reverse("staff:members:transfer_new"),
        {"step": "lookup", "id_number": cast_id_number("11010119900307001")},
    )
    html = page.content.decode()
    assert "perm=member.manage&amp;kind=grassroots" in html


def test_the_members_history_is_in_words(cast: Cast):
    member = cast.members["GA"]
    registry.member_set_status(
        actor=cast.users["officer"], member=member, status="suspended", reason="欠缴会费"
    )
    html = cast.client("officer").get(reverse("staff:members:member_detail", args=[member.pk]))
    text = html.content.decode()
    # then actions, fields and values are named, and so is the actor
    assert "会员建档" in text and "变更会籍状态" in text
    assert "状态：正常 → 暂停" in text
    assert "性别：（空） → 男" in text
    assert "工作单位：（空） → 武汉江城机械有限公司工会" in text
    assert "学历：（空） → （空）" not in text  # nothing changed there
    assert "officer" in text and "gender:" not in text
