"""Transfers between grassroots unions: asked by either side, decided by the other side,
never by whoever asked; a look-up by ID number tells an outsider nothing."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from zhigong.core.actors import SYSTEM
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
    assert cards.card_verify(cards.card_token(card)).valid
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
    with pytest.raises(DomainError) as refused:
        transfers.transfer_decide(actor=other, transfer=transfer, accept=True)
    assert refused.value.code == "not_deciding_side"
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


def test_receiving_side_asks_by_id_number_and_the_members_union_confirms(cast: Cast):
    client = cast.client("other_officer")
    url = reverse("staff:members:transfer_new")
    # when the GB officer looks up a GA member by ID number
    page = client.post(url, {"step": "lookup", "id_number": GA_ID})
    html = page.content.decode()
    # then neither the name nor the union shows, only the masked number they typed
    assert "张" not in html and "武汉江城机械有限公司工会" not in html and GA_ID not in html
    assert cast.members["GA"].id_number_masked in html
    # and they can ask to receive them
    token = page.context["token"]
    response = client.post(
        url, {"step": "submit", "found": token, "to_union": "GB", "reason": "新入职"}
    )
    assert response.status_code == 302
    transfer = MembershipTransfer.objects.get()
    assert transfer.requested_by == cast.users["other_officer"]
    assert transfer.to_union == cast.unions["GB"] and transfer.requested_side == "receiving"
    # but it is the member's own union that confirms, not the asker
    detail = reverse("staff:members:transfer_detail", args=[transfer.pk])
    assert "张" not in client.get(detail).content.decode()
    client.post(detail, {"decision": "confirm"})
    transfer.refresh_from_db()
    assert transfer.status == RequestStatus.PENDING
    assert cast.client("officer").post(detail, {"decision": "confirm"}).status_code == 302
    transfer.refresh_from_db()
    cast.members["GA"].refresh_from_db()
    assert transfer.status == RequestStatus.CONFIRMED
    assert cast.members["GA"].union == cast.unions["GB"]
    # and now the receiving union, which looks after the member, sees whom it received
    assert "张伟" in client.get(detail).content.decode()


def test_a_district_cannot_take_a_member_of_another_district(cast: Cast):
    """The scope escape of issue 8: look up, ask into one's own district, confirm oneself."""
    admin = cast.client("district_admin")
    url = reverse("staff:members:transfer_new")
    # given the DA administrator looks up 李娜 of 武昌区 (DB) by her full ID number
    page = admin.post(url, {"step": "lookup", "id_number": GB_ID})
    assert "李" not in page.content.decode()
    # and asks to move her into a union of their own district
    admin.post(
        url,
        {"step": "submit", "found": page.context["token"], "to_union": "GA", "reason": "调入"},
    )
    transfer = MembershipTransfer.objects.get()
    # when they try to confirm it themself, on the page and through the service
    detail = reverse("staff:members:transfer_detail", args=[transfer.pk])
    admin.post(detail, {"decision": "confirm"})
    with pytest.raises(DomainError):
        transfers.transfer_decide(
            actor=cast.users["district_admin"], transfer=transfer, accept=True
        )
    # then she is still at GB and still out of their sight
    member = cast.members["GB"]
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert member.union == cast.unions["GB"] and transfer.status == RequestStatus.PENDING
    staff_page = reverse("staff:members:member_detail", args=[member.pk])
    assert admin.get(staff_page).status_code == 404
    # and only her own union may decide
    transfers.transfer_decide(
        actor=cast.users["other_officer"], transfer=transfer, accept=False, reason="本人未申请"
    )
    member.refresh_from_db()
    assert member.union == cast.unions["GB"]


def _lookup_page(cast: Cast, id_number: str) -> str:
    page = cast.client("district_admin").post(
        reverse("staff:members:transfer_new"), {"step": "lookup", "id_number": id_number}
    )
    html = page.content.decode()
    html = html.replace(transfers.id_lookup(id_number).masked, "MASKED")
    return re.sub(r'"[A-Za-z0-9:_\-]{40,}"', '"TOKEN"', html)  # CSRF and look-up tokens


def test_the_look_up_answers_alike_for_a_member_elsewhere_and_for_nobody(cast: Cast):
    nobody = cast_id_number("42010619900620009")
    assert transfers.id_lookup(nobody).index != transfers.id_lookup(GB_ID).index
    # then the page says the same whether the number is 李娜's (member elsewhere) or nobody's
    assert _lookup_page(cast, GB_ID) == _lookup_page(cast, nobody)
    # and asking gives a pending request either way, shown alike
    for number in (GB_ID, nobody):
        transfers.transfer_request_into(
            actor=cast.users["district_admin"],
            lookup=transfers.id_lookup(number),
            to_union=cast.unions["GA"],
            reason="调入",
        )
    rows = MembershipTransfer.objects.order_by("id")
    assert [t.status for t in rows] == ["pending", "pending"]
    assert rows[0].member == cast.members["GB"] and rows[1].member is None
    listing = (
        cast.client("district_admin").get(reverse("staff:members:transfer_list")).content.decode()
    )
    assert "李" not in listing and "积玉桥" not in listing and "楚天" not in listing


def test_whoever_asks_never_decides_even_with_both_sides_in_scope(cast: Cast):
    # given the city administrator, whose scope covers both GA and GB, asks GA → GB
    city = cast.users["city_admin"]
    transfer = transfers.transfer_request(
        actor=city, member=cast.members["GA"], to_union=cast.unions["GB"], reason="调动"
    )
    # then they cannot accept it themself
    with pytest.raises(DomainError):
        transfers.transfer_decide(actor=city, transfer=transfer, accept=True)
    # and the receiving union can
    transfers.transfer_decide(actor=cast.users["other_officer"], transfer=transfer, accept=True)
    cast.members["GA"].refresh_from_db()
    assert cast.members["GA"].union == cast.unions["GB"]


def test_a_request_nobody_decides_lapses_once(cast: Cast):
    transfer = transfers.transfer_request_into(
        actor=cast.users["district_admin"],
        lookup=transfers.id_lookup(cast_id_number("42010619900620009")),
        to_union=cast.unions["GA"],
        reason="调入",
    )
    later = timezone.now() + dt.timedelta(days=31)
    assert transfers.transfers_expire(actor=SYSTEM, now=timezone.now()) == 0
    assert transfers.transfers_expire(actor=SYSTEM, now=later) == 1
    assert transfers.transfers_expire(actor=SYSTEM, now=later) == 0  # idempotent
    transfer.refresh_from_db()
    assert transfer.status == RequestStatus.EXPIRED
    assert Notification.objects.filter(
        user=cast.users["district_admin"], title="会籍转移申请已逾期"
    ).exists()


def test_at_most_one_pending_transfer_per_member_is_a_database_rule(cast: Cast):
    member = cast.members["GA"]
    MembershipTransfer.objects.create(
        member=member, from_union=member.union, to_union=cast.unions["GB"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipTransfer.objects.create(
            member=member, from_union=member.union, to_union=cast.unions["GB"]
        )


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
        transfers.member_find_for_transfer(
            cast.users["dept_legal"], lookup=transfers.id_lookup(GA_ID)
        )
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


# Transactional, with the rows migrations wrote put back afterwards (as the browser journeys
# expect); only where several connections can write at once.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_transfer_requests_leave_one_pending(cast: Cast):
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def ask() -> None:
        try:
            start.wait()
            transfers.transfer_request(
                actor=cast.users["officer"],
                member=cast.members["GA"],
                to_union=cast.unions["GB"],
                reason="调动",
            )
            outcomes.append("created")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "created"]
    assert MembershipTransfer.objects.filter(status=RequestStatus.PENDING).count() == 1
