"""The three opinions (VOL-1): in order, each by staff whose scope covers the union of its
step, approve or return with reasons; whoever asks never approves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.members.personal import id_number_of
from zhigong.notifications.models import Notification
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number
from zhigong.volunteers.choices import VolunteerStatus as S
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.registration import (
    volunteer_register,
    volunteer_resubmit,
    volunteer_withdraw,
)
from zhigong.volunteers.tests.conftest import apply, form, give_quota

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])


def decide(
    cast: Cast, who: str, volunteer: Volunteer, approve: bool = True, **kw: str
) -> Volunteer:
    return volunteer_decide(actor=cast.users[who], volunteer=volunteer, approve=approve, **kw)


def test_member_application_takes_the_member_record_and_is_encrypted(
    cast: Cast, applied: Volunteer
):
    assert applied.name == "张伟" and applied.gender == "male"
    assert applied.union == cast.unions["GA"] and applied.quota_union == cast.unions["DA"]
    assert applied.status == S.SUBMITTED
    assert GA_ID not in applied.id_number_encrypted and applied.id_number_masked != GA_ID
    assert id_number_of(applied) == GA_ID
    row = Volunteer.objects.values_list("id_number_encrypted", "phone_encrypted").get()
    assert CAST_MEMBERS["GA"][2] not in "".join(row)


def test_three_opinions_in_order_each_by_its_level(cast: Cast, applied: Volunteer):
    # the district and the city cannot skip the unit's opinion
    for who in ("district_admin", "city_admin"):
        with pytest.raises(DomainError):
            decide(cast, who, applied)
    applied = decide(cast, "officer", applied)
    assert applied.status == S.UNIT_APPROVED
    with pytest.raises(DomainError):  # the unit's officer has no say at the district
        decide(cast, "street_staff", applied)
    applied = decide(cast, "district_admin", applied)
    assert applied.status == S.DISTRICT_APPROVED and applied.quota_year is not None
    applied = decide(cast, "city_admin", applied)
    assert applied.status == S.APPROVED and applied.approved_at is not None
    assert [o.step for o in applied.opinions.all()] == ["unit", "district", "city"]
    assert [o.union.code for o in applied.opinions.all()] == ["GA", "DA", "CITY"]
    assert Notification.objects.filter(user=cast.users["member"], title="志愿者登记已批准").exists()
    assert AuditEvent.objects.filter(action="volunteer.approved").exists()


@pytest.mark.parametrize("who", ["other_officer", "other_admin", "outsider", "member", "auditor"])
def test_staff_out_of_scope_never_decide(cast: Cast, applied: Volunteer, who: str):
    with pytest.raises((NotFound, DomainError)):
        decide(cast, who, applied)
    applied.refresh_from_db()
    assert applied.status == S.SUBMITTED and not applied.opinions.exists()


def test_out_of_scope_district_is_not_found(cast: Cast, applied: Volunteer):
    applied = decide(cast, "officer", applied)
    with pytest.raises(NotFound):
        decide(cast, "other_admin", applied)


def test_return_needs_reasons_and_a_resubmission_starts_over(cast: Cast, applied: Volunteer):
    applied = decide(cast, "officer", applied)
    with pytest.raises(DomainError) as refused:
        decide(cast, "district_admin", applied, approve=False)
    assert "reason" in refused.value.fields
    applied = decide(cast, "district_admin", applied, approve=False, reason="请补充工作简历")
    assert applied.status == S.RETURNED
    assert Notification.objects.filter(title="志愿者登记已退回").exists()
    # staff may not correct a member's own form; the member does
    with pytest.raises(PermissionDenied):
        volunteer_resubmit(actor=cast.users["officer"], volunteer=applied, data=form())
    with pytest.raises(NotFound):
        volunteer_resubmit(actor=cast.users["other_officer"], volunteer=applied, data=form())
    applied = volunteer_resubmit(
        actor=cast.users["member"], volunteer=applied, data=form(work_history="2005年至今 江城机械")
    )
    assert applied.status == S.SUBMITTED and applied.attempt == 2
    # the officer who approved the first attempt gives the opinion of the second
    applied = decide(cast, "officer", applied)
    assert applied.status == S.UNIT_APPROVED


def test_whoever_asks_never_approves(cast: Cast):
    give_quota(cast, 10)
    # the street's clerk registers someone who is not a member
    volunteer = volunteer_register(
        actor=cast.users["street_staff"],
        data=form(
            name="王芳",
            id_number=cast_id_number("42010219700101002"),
            phone="13700001111",
            identity="public",
        ),
        union=cast.unions["SA"],
    )
    assert volunteer.applicant is None and volunteer.member is None
    with pytest.raises(DomainError) as refused:
        decide(cast, "street_staff", volunteer)
    assert refused.value.code == "asked_for_it"
    # the city administrator gives one opinion, never two on the same form
    volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    volunteer = decide(cast, "city_admin", volunteer)  # the district's step (DA is below)
    with pytest.raises(DomainError) as refused:
        decide(cast, "city_admin", volunteer)
    assert refused.value.code == "one_opinion"
    assert volunteer.status == S.DISTRICT_APPROVED


def test_one_live_registration_per_person(cast: Cast, applied: Volunteer):
    with pytest.raises(DomainError):
        apply(cast)
    with pytest.raises(DomainError):
        volunteer_register(
            actor=cast.users["officer"],
            data=form(name="张伟", id_number=GA_ID, phone="13800001234"),
            union=cast.unions["GA"],
        )
    volunteer_withdraw(actor=cast.users["member"], volunteer=applied)
    assert apply(cast).status == S.SUBMITTED


def test_registration_refuses_bad_fields_and_a_federation(cast: Cast):
    with pytest.raises(DomainError) as refused:
        volunteer_register(
            actor=cast.users["street_staff"],
            data=form(name="", id_number="123", health="", service_areas=["nope"]),
            union=cast.unions["SA"],
        )
    assert {"name", "id_number", "health", "service_areas"} <= set(refused.value.fields)
    with pytest.raises(DomainError) as refused:
        volunteer_register(
            actor=SYSTEM,
            data=form(
                name="王芳", id_number=cast_id_number("42010219700101002"), phone="13700001111"
            ),
            union=cast.unions["DA"],
        )
    assert "union" in refused.value.fields
    assert not Volunteer.objects.exists()


def test_the_portal_journey_and_status(cast: Cast):
    give_quota(cast, 10)
    client = cast.client("member")
    page = client.get(reverse("portal:volunteers:apply"))
    assert page.status_code == 200 and "张伟" in page.content.decode()
    response = client.post(
        reverse("portal:volunteers:apply"),
        {
            "health": "good",
            "employer": "武汉江城机械有限公司",
            "identity": "worker",
            "statement": "自愿加入",
            "service_areas": ["pairing"],
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    mine = client.get(reverse("portal:volunteers:mine")).content.decode()
    assert "待单位工会审核" in mine
    detail = reverse("staff:volunteers:detail", args=[volunteer.pk])
    assert (
        cast.client("officer")
        .post(detail, {"action": "opinion", "decision": "approve"})
        .status_code
        == 302
    )
    volunteer.refresh_from_db()
    assert volunteer.status == S.UNIT_APPROVED
    # someone else's opinion step: nothing changes
    cast.client("other_admin").post(detail, {"action": "opinion", "decision": "approve"})
    volunteer.refresh_from_db()
    assert volunteer.status == S.UNIT_APPROVED
    assert (
        "待区县（产业）工会审核" in client.get(reverse("portal:volunteers:mine")).content.decode()
    )
    api = client.get("/api/v1/volunteers/mine").json()
    assert api["status"] == "unit_approved" and api["opinions"][0]["step"] == "unit"
    assert GA_ID not in str(api)
