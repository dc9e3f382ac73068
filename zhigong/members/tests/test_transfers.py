"""Transfers between grassroots unions: asked by either side, confirmed by the receiver."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.members.choices import RequestStatus
from zhigong.members.figures import counting
from zhigong.members.models import MembershipTransfer
from zhigong.members.services import cards, transfers
from zhigong.notifications.models import Notification
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])
GB_ID = cast_id_number(CAST_MEMBERS["GB"][1])


def test_transfer_requested_by_the_sender_and_confirmed_by_the_receiver(cast: Cast):
    member = cast.members["GA"]
    card = cards.current_card(member)
    assert card is not None
    # given the GA officer asks, on the page, to move 张伟 to GB
    officer = cast.client("officer")
    response = officer.post(
        reverse("staff:members:transfer_new"),
        {"step": "submit", "member": member.pk, "to_union": "GB", "reason": "调入楚天电子工作"},
    )
    assert response.status_code == 302
    transfer = MembershipTransfer.objects.get()
    assert transfer.status == RequestStatus.PENDING
    assert transfer.from_union == cast.unions["GA"] and transfer.to_union == cast.unions["GB"]
    # then the sending officer cannot confirm it themself
    detail = reverse("staff:members:transfer_detail", args=[transfer.pk])
    officer.post(detail, {"decision": "confirm"})
    transfer.refresh_from_db()
    assert transfer.status == RequestStatus.PENDING
    # when the GB officer confirms it
    response = cast.client("other_officer").post(detail, {"decision": "confirm"})
    assert response.status_code == 302
    # then the member is at GB with the same card and their history
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert transfer.status == RequestStatus.CONFIRMED
    assert member.union == cast.unions["GB"]
    assert cards.current_card(member) == card
    assert cards.card_verify(cards.card_token(card)).union == cast.unions["GB"].name
    assert member.history.first().action == "transfer"
    assert member.history.filter(action="create").exists()
    # and the figures moved with them
    assert counting.of_union(cast.unions["GA"])["status"].get("active", 0) == 0
    assert counting.of_union(cast.unions["GB"])["status"]["active"] == 2
    assert counting.of_union(cast.unions["CITY"])["status"]["active"] == 2
    # and the member was told
    assert Notification.objects.filter(user=cast.users["member"]).count() == 2


def test_other_officer_cannot_confirm_a_transfer_to_ga(cast: Cast):
    # given GB asks to move 李娜 to GA
    other = cast.users["other_officer"]
    transfer = transfers.transfer_request(
        actor=other, member=cast.members["GB"], to_union=cast.unions["GA"], reason="调动"
    )
    # when the GB officer tries to confirm it
    with pytest.raises(NotFound):
        transfers.transfer_decide(actor=other, transfer=transfer, accept=True)
    cast.client("other_officer").post(
        reverse("staff:members:transfer_detail", args=[transfer.pk]), {"decision": "confirm"}
    )
    # then nothing moved
    transfer.refresh_from_db()
    cast.members["GB"].refresh_from_db()
    assert transfer.status == RequestStatus.PENDING
    assert cast.members["GB"].union == cast.unions["GB"]
    # and the GA officer may
    transfers.transfer_decide(actor=cast.users["officer"], transfer=transfer, accept=True)
    cast.members["GB"].refresh_from_db()
    assert cast.members["GB"].union == cast.unions["GA"]


def test_receiving_side_finds_the_member_by_exact_id_number(cast: Cast):
    client = cast.client("other_officer")
    url = reverse("staff:members:transfer_new")
    # when the GB officer looks up a GA member by ID number
    page = client.post(url, {"step": "lookup", "id_number": GA_ID})
    html = page.content.decode()
    # then only the masked name and the current union show
    assert "张*" in html and "武汉江城机械有限公司工会" in html
    assert "张伟" not in html and GA_ID not in html
    # and they can ask to receive them
    token = page.context["token"]
    response = client.post(
        url, {"step": "submit", "found": token, "to_union": "GB", "reason": "新入职"}
    )
    assert response.status_code == 302
    transfer = MembershipTransfer.objects.get()
    assert transfer.requested_by == cast.users["other_officer"]
    assert transfer.to_union == cast.unions["GB"]


def test_a_third_party_cannot_ask_for_a_transfer(cast: Cast):
    # the GB officer cannot move a GA member to GA's neighbour (neither side is theirs)
    with pytest.raises(NotFound):
        transfers.transfer_request(
            actor=cast.users["other_officer"],
            member=cast.members["GA"],
            to_union=cast.unions["GA"],
            reason="x",
        )
    # a sending-side page with someone else's member id is a 404
    response = cast.client("other_officer").post(
        reverse("staff:members:transfer_new"),
        {"step": "submit", "member": cast.members["GA"].pk, "to_union": "GB", "reason": "x"},
    )
    assert response.status_code == 404
    # staff without member.manage cannot even look up
    assert cast.client("dept_legal").get(reverse("staff:members:transfer_new")).status_code == 404
    with pytest.raises(NotFound):
        transfers.member_find_for_transfer(cast.users["dept_legal"], id_number=GA_ID)
    # a lookup token made for someone else does not work
    token = (
        cast.client("other_officer")
        .post(reverse("staff:members:transfer_new"), {"step": "lookup", "id_number": GA_ID})
        .context["token"]
    )
    response = cast.client("officer").post(
        reverse("staff:members:transfer_new"),
        {"step": "submit", "found": token, "to_union": "GB", "reason": "x"},
    )
    assert "已过期" in response.content.decode()
    assert not MembershipTransfer.objects.exists()


def test_transfer_rules(cast: Cast):
    officer = cast.users["officer"]
    member = cast.members["GA"]
    with pytest.raises(DomainError):  # to the same union
        transfers.transfer_request(
            actor=officer, member=member, to_union=cast.unions["GA"], reason="x"
        )
    with pytest.raises(DomainError):  # not a grassroots union
        transfers.transfer_request(
            actor=officer, member=member, to_union=cast.unions["SB"], reason="x"
        )
    with pytest.raises(DomainError):  # no reason
        transfers.transfer_request(
            actor=officer, member=member, to_union=cast.unions["GB"], reason=""
        )
    transfer = transfers.transfer_request(
        actor=officer, member=member, to_union=cast.unions["GB"], reason="调动"
    )
    with pytest.raises(Conflict):  # one pending at a time
        transfers.transfer_request(
            actor=officer, member=member, to_union=cast.unions["GB"], reason="x"
        )
    other = cast.users["other_officer"]
    with pytest.raises(DomainError):  # declining needs a reason
        transfers.transfer_decide(actor=other, transfer=transfer, accept=False)
    transfers.transfer_decide(actor=other, transfer=transfer, accept=False, reason="无此岗位")
    transfer.refresh_from_db()
    member.refresh_from_db()
    assert transfer.status == RequestStatus.REJECTED and member.union == cast.unions["GA"]
    assert transfer.decision_reason == "无此岗位"
    with pytest.raises(DomainError):
        transfers.transfer_decide(actor=other, transfer=transfer, accept=True)


def test_transfer_lists_are_scoped(cast: Cast):
    transfers.transfer_request(
        actor=cast.users["officer"],
        member=cast.members["GA"],
        to_union=cast.unions["GB"],
        reason="调动",
    )
    ga_mask = cast.members["GA"].id_number_masked
    url = reverse("staff:members:transfer_list")
    assert ga_mask in cast.client("other_officer").get(url, {"direction": "in"}).content.decode()
    assert (
        ga_mask not in cast.client("other_officer").get(url, {"direction": "out"}).content.decode()
    )
    assert ga_mask in cast.client("officer").get(url, {"direction": "out"}).content.decode()
    with pytest.raises(NotFound):  # DA staff cannot even see GB
        transfers.transfer_decide(
            actor=cast.users["volunteer"],
            transfer=MembershipTransfer.objects.get(),
            accept=True,
        )
