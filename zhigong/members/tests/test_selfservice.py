"""A member's own data: change requests confirmed by staff, consents, export, leaving."""

from __future__ import annotations

import io
import json
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.models import AccessLog
from zhigong.members.choices import CardStatus, MemberStatus, RequestStatus
from zhigong.members.figures import counting
from zhigong.members.models import Consent, Member, MemberChangeRequest
from zhigong.members.personal import phone_of
from zhigong.members.services import cards, selfexport, selfservice
from zhigong.notifications.models import Notification
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])


def request_change(cast: Cast, **changes: str) -> MemberChangeRequest:
    return selfservice.change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes=changes
    )


def test_change_request_confirmed_by_staff(cast: Cast):
    # given the member asks, on the page, for a new phone and education
    client = cast.client("member")
    member = cast.members["GA"]
    response = client.post(
        reverse("portal:members:change"),
        {
            "name": member.name,
            "phone": "13911112222",
            "job": "",
            "education": "college",
            "political_status": "",
            "ethnicity": "汉族",
        },
    )
    assert response.status_code == 302
    change = MemberChangeRequest.objects.get(member=member)
    # then nothing has changed yet; the request shows a masked before/after
    member.refresh_from_db()
    assert phone_of(member) == CAST_MEMBERS["GA"][2]
    assert change.summary["phone"] == ["138****1234", "139****2222"]
    assert change.summary["education"] == ["", "大专"]
    assert "13911112222" not in change.payload_encrypted
    assert counting.of_union(cast.unions["GA"])["education"].get("college", 0) == 0
    # when the officer confirms it
    page = cast.client("officer").post(
        reverse("staff:members:change_detail", args=[change.pk]), {"decision": "confirm"}
    )
    assert page.status_code == 302
    # then the change applies, with history, and the figures follow
    member.refresh_from_db()
    change.refresh_from_db()
    assert change.status == RequestStatus.CONFIRMED
    assert phone_of(member) == "13911112222" and member.phone_masked == "139****2222"
    assert member.education == "college"
    history = member.history.first()
    assert history is not None and history.action == "change"
    assert history.changes["phone"] == ["138****1234", "139****2222"]
    figures = counting.of_union(cast.unions["GA"])
    assert figures["education"]["college"] == 1
    assert figures["status"]["active"] == 1
    assert Notification.objects.filter(user=cast.users["member"], title="资料变更已生效").exists()


def test_change_request_rejected_with_a_reason(cast: Cast):
    change = request_change(cast, job="钳工")
    officer = cast.users["officer"]
    # a rejection without a reason is refused
    with pytest.raises(DomainError):
        selfservice.change_request_decide(actor=officer, request=change, confirm=False)
    selfservice.change_request_decide(
        actor=officer, request=change, confirm=False, reason="请提供证明"
    )
    change.refresh_from_db()
    member = cast.members["GA"]
    member.refresh_from_db()
    assert change.status == RequestStatus.REJECTED and member.job == ""
    notice = Notification.objects.filter(user=cast.users["member"]).first()
    assert notice is not None and "请提供证明" in notice.body


def test_other_officer_cannot_decide_a_ga_change(cast: Cast):
    change = request_change(cast, job="钳工")
    url = reverse("staff:members:change_detail", args=[change.pk])
    assert cast.client("other_officer").post(url, {"decision": "confirm"}).status_code == 404
    with pytest.raises(NotFound):
        selfservice.change_request_decide(
            actor=cast.users["other_officer"], request=change, confirm=True
        )
    change.refresh_from_db()
    cast.members["GA"].refresh_from_db()
    assert change.status == RequestStatus.PENDING and cast.members["GA"].job == ""


def test_one_pending_change_at_a_time_and_nothing_to_change(cast: Cast):
    request_change(cast, job="钳工")
    with pytest.raises(Conflict):
        request_change(cast, job="电工")
    with pytest.raises(DomainError):
        selfservice.change_request_create(
            actor=cast.users["member"], member=cast.members["GB"], changes={"job": "x"}
        )  # not their own record
    assert MemberChangeRequest.objects.count() == 1


def test_bad_change_values_are_refused(cast: Cast):
    with pytest.raises(DomainError) as caught:
        request_change(cast, phone="12345", ethnicity="火星族")
    assert set(caught.value.fields) == {"phone", "ethnicity"}


def test_consent_grant_and_withdraw_keep_the_record(cast: Cast):
    client = cast.client("member")
    url = reverse("portal:members:consents")
    # when the member grants and then withdraws a consent
    client.post(url, {"purpose": "contact", "action": "grant"})
    consent = Consent.objects.get(member=cast.members["GA"], purpose="contact")
    assert consent.withdrawn_at is None
    client.post(url, {"purpose": "contact", "action": "withdraw"})
    # then the record stays, stamped with the withdrawal, and the page shows both times
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    html = client.get(url).content.decode()
    assert "已撤回" in html
    # granting again makes a new record
    client.post(url, {"purpose": "contact", "action": "grant"})
    assert Consent.objects.filter(purpose="contact").count() == 2


def test_export_holds_the_full_own_id_number_and_is_logged(cast: Cast):
    client = cast.client("member")
    response = client.get(reverse("portal:members:export_json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["member"]["id_number"] == GA_ID
    assert data["member"]["phone"] == CAST_MEMBERS["GA"][2]
    assert data["cards"][0]["status"] == "已启用"
    assert {"history", "applications", "consents", "change_requests", "transfers"} <= set(data)
    log = AccessLog.objects.get()
    assert log.channel == "self-export" and log.actor == cast.users["member"]
    # the workbook too
    xlsx = client.get(reverse("portal:members:export_xlsx"))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0)
    assert next(r for r in sheet.to_python() if r[0] == "身份证号")[1] == GA_ID
    assert AccessLog.objects.count() == 2


def test_leaving_revokes_the_card_and_hides_the_data(cast: Cast):
    member = cast.members["GA"]
    card = cards.current_card(member)
    assert card is not None
    token = cards.card_token(card)
    assert cards.card_verify(token).valid
    request_change(cast, job="钳工")
    client = cast.client("member")
    # a post without the confirmation box changes nothing
    client.post(reverse("portal:members:leave"), {"reason": "换工作"})
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    # when the member confirms leaving
    response = client.post(reverse("portal:members:leave"), {"reason": "换工作", "confirm": "yes"})
    assert response.status_code == 302
    # then they have left, the card is revoked and its token fails
    member.refresh_from_db()
    card.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert card.status == CardStatus.REVOKED
    assert not cards.card_verify(token).valid
    assert member.change_requests.get().status == RequestStatus.CANCELLED
    # and /me/ says so and shows nothing else
    html = client.get(reverse("portal:members:me")).content.decode()
    assert "您已退会" in html and member.id_number_masked not in html
    assert client.get(reverse("portal:members:card")).status_code == 404
    assert counting.of_union(cast.unions["GA"])["status"].get("active", 0) == 0
    # and the history and the audit log name the member as the one who did it
    leaving = member.history.filter(action="status").first()
    assert leaving is not None and leaving.actor == cast.users["member"]
    assert leaving.reason == "本人申请退会：换工作"
    from zhigong.core.models import AuditEvent

    event = AuditEvent.objects.filter(action="member.status").order_by("-seq").first()
    assert event is not None and event.actor_id == cast.users["member"].pk


def test_someone_else_cannot_act_on_a_members_data(cast: Cast):
    member = cast.members["GA"]
    with pytest.raises(NotFound):
        selfservice.member_leave(actor=cast.users["officer"], member=member, reason="x")
    with pytest.raises(NotFound):
        selfexport.member_export(actor=cast.users["officer"], member=member)
    with pytest.raises(NotFound):
        selfservice.consent_grant(actor=cast.users["officer"], member=member, purpose="contact")
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert not Consent.objects.exists() and not AccessLog.objects.exists()


def test_a_confirmed_change_stores_what_the_registry_would(cast: Cast):
    """One validator for a person's fields: a change staff confirm follows the registry's
    own rules (a name with a line break is refused, "其他" is stored as "其他族")."""
    # given a member who asks for a name with a line break
    with pytest.raises(DomainError) as refused:
        request_change(cast, name="张\n伟")
    # then it is refused beside the field, as entering the member would be
    assert "name" in refused.value.fields
    assert not MemberChangeRequest.objects.exists()
    # when they ask for the ethnicity 其他 and the officer confirms it
    change = request_change(cast, ethnicity="其他")
    selfservice.change_request_decide(actor=cast.users["officer"], request=change, confirm=True)
    # then the member holds what the registry stores for it
    member = cast.members["GA"]
    member.refresh_from_db()
    assert member.ethnicity == "其他族"


def test_confirming_a_change_made_against_values_that_changed_since_is_refused(cast: Cast):
    # given the member asks to be renamed 张伟 → 张维
    change = request_change(cast, name="张维")
    # when their record is renamed meanwhile by another path (an import, a rejoin)
    member = cast.members["GA"]
    Member.objects.filter(pk=member.pk).update(name="张伟伟")
    # then confirming is refused as stale, nothing is applied, and the request stays open
    with pytest.raises(Conflict) as refused:
        selfservice.change_request_decide(actor=cast.users["officer"], request=change, confirm=True)
    assert refused.value.code == "stale" and "姓名" in str(refused.value.message)
    member.refresh_from_db()
    change.refresh_from_db()
    assert member.name == "张伟伟" and change.status == RequestStatus.PENDING


def test_one_pending_change_request_per_member_is_a_database_rule(cast: Cast):
    request_change(cast, job="钳工")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberChangeRequest.objects.create(
            member=cast.members["GA"], payload_encrypted="x", summary={}
        )


# Transactional, with the rows migrations wrote put back afterwards (as the browser journeys
# expect); only where several connections can write at once.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_change_requests_leave_one_pending(cast: Cast):
    """Three submits at the same moment: one request, two refusals (issue 8, defect 10)."""
    start = threading.Barrier(3)
    outcomes: list[str] = []

    def submit(job: str) -> None:
        try:
            start.wait()
            request_change(cast, job=job)
            outcomes.append("created")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(f"岗位{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "created"]
    assert MemberChangeRequest.objects.filter(status=RequestStatus.PENDING).count() == 1
