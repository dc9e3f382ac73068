"""The flow of a case (CASE-1..3): routing, accept, assign, reply, close, transfer, escalate,
reopen, rate, the timeline and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from zhigong.cases import figures, routing
from zhigong.cases.choices import CaseKind, CaseStatus, Category, Escalation, StepKind
from zhigong.cases.models import Case, DeadlineRule, GovernmentDepartment, ReplyTemplate
from zhigong.cases.personal import name_of, phone_of
from zhigong.cases.services.configure import routing_rule_set
from zhigong.cases.services.handling import (
    case_accept,
    case_assign,
    case_close,
    case_escalate,
    case_reply,
    case_transfer,
)
from zhigong.cases.services.referrals import case_refer, referral_answer, referral_chase
from zhigong.cases.services.requester import case_add_info, case_rate, case_reopen
from zhigong.cases.tests.conftest import submit
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.testing.cast import Cast
from zhigong.unions.services import centre_create


def _steps(case: Case) -> list[str]:
    return list(case.steps.order_by("id").values_list("kind", flat=True))


# --- routing -----------------------------------------------------------------------------------


def test_a_members_case_goes_to_the_centre_of_their_district(cast: Cast, centres):
    case = submit(cast)
    assert (case.union, case.centre) == (cast.unions["DA"], centres["DA"])
    assert case.origin == cast.unions["GA"]
    assert case.status == CaseStatus.SUBMITTED
    assert case.reference.startswith("WQ") and len(case.reference) == 15
    # the member's own name and phone, encrypted and masked
    assert name_of(case) == "张伟" and case.name_masked == "张*"
    assert phone_of(case) == "13800001234" and case.phone_masked == "138****1234"
    assert "张伟" not in case.name_encrypted


def test_a_non_member_chooses_the_district(cast: Cast, centres):
    case = submit(
        cast, who="outsider", name="赵六", phone="139 0000 1111", district=cast.unions["DB"]
    )
    assert (case.union, case.centre, case.origin) == (
        cast.unions["DB"],
        centres["DB"],
        cast.unions["DB"],
    )
    assert phone_of(case) == "13900001111"


def test_a_non_member_must_give_district_name_and_a_mobile(cast: Cast, centres):
    with pytest.raises(DomainError) as refused:
        submit(cast, who="outsider", name="赵六", phone="13900001111")
    assert "district" in refused.value.fields
    with pytest.raises(DomainError) as refused:
        submit(cast, who="outsider", name="赵六", phone="12345", district=cast.unions["DB"])
    assert "phone" in refused.value.fields
    with pytest.raises(DomainError) as refused:  # a street union is not a district
        submit(cast, who="outsider", name="赵六", phone="13900001111", district=cast.unions["SB"])
    assert "district" in refused.value.fields
    assert Case.objects.count() == 0


def test_without_a_centre_the_federation_itself_holds_the_case(cast: Cast):
    case = submit(cast)
    assert (case.union, case.centre) == (cast.unions["DA"], None)


def test_a_federation_changes_its_routing_rule(cast: Cast, centres):
    station = centre_create(actor=SYSTEM, union=cast.unions["SA"], name="大智街道工作站")
    # the district administrator sends legal questions to the street's station
    routing_rule_set(
        actor=cast.users["district_admin"],
        union=cast.unions["DA"],
        kind=CaseKind.LEGAL,
        centre=station,
    )
    legal = submit(cast, kind=CaseKind.LEGAL, category=Category.DISMISSAL)
    rights = submit(cast)
    assert (legal.union, legal.centre) == (cast.unions["SA"], station)
    assert rights.centre == centres["DA"]
    # escalating from the station goes up to the district itself, not back to the station
    assert routing.route_up(cast.unions["SA"], CaseKind.LEGAL) == routing.Holder(
        cast.unions["DA"], centres["DA"]
    )
    assert AuditEvent.objects.filter(action="case_routing.set").count() == 1


def test_only_the_federations_administrators_change_its_rule(cast: Cast, centres):
    other = centre_create(actor=SYSTEM, union=cast.unions["DB"], name="武昌区第二中心")
    with pytest.raises(NotFound):  # out of sight
        routing_rule_set(
            actor=cast.users["other_admin"], union=cast.unions["DA"], kind="", centre=centres["DA"]
        )
    with pytest.raises(PermissionDenied):  # in sight, not theirs to set
        routing_rule_set(
            actor=cast.users["street_staff"],
            union=cast.unions["SA"],
            kind="",
            centre=centres["DA"],
        )
    with pytest.raises(DomainError):  # a centre outside the federation's subtree
        routing_rule_set(
            actor=cast.users["district_admin"], union=cast.unions["DA"], kind="", centre=other
        )


# --- the flow ----------------------------------------------------------------------------------


def test_accept_assign_reply_close_and_the_timeline(cast: Cast, centres, clock):
    clock("2025-09-26 09:00")  # a Friday
    case = submit(cast)
    clock("2025-09-26 10:00")
    case_accept(actor=cast.users["dept_legal"], case=case, complexity="difficult")
    # 10 working days: National Day week between, Sunday 28 Sep and Saturday 11 Oct worked
    assert case.due_date == dt.date(2025, 10, 16)
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    clock("2025-10-09 15:00")
    case_reply(actor=cast.users["volunteer"], case=case, body="已联系单位，工资将于本月发放。")
    case_close(actor=cast.users["dept_legal"], case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.replied_on_time is True and case.reply_working_days == 4
    assert _steps(case) == ["submitted", "accepted", "assigned", "replied", "closed"]
    replied = case.steps.get(kind=StepKind.REPLIED)
    assert (replied.actor, replied.union, replied.note) == (
        cast.users["volunteer"],
        cast.unions["DA"],
        "已联系单位，工资将于本月发放。",
    )
    actions = set(
        AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {"case.submit", "case.accept", "case.assign", "case.reply", "case.close"}
    counts = figures.of_union(cast.unions["DA"])
    assert counts["status"] == {"closed": 1}
    assert counts["on_time"] == {"yes": 1} and counts["reply_days"] == {"4": 1}


def test_closing_without_a_reply_is_refused_with_a_clear_message(cast: Cast, case: Case):
    case_accept(actor=cast.users["dept_legal"], case=case)
    with pytest.raises(DomainError) as refused:
        case_close(actor=cast.users["dept_legal"], case=case)
    assert refused.value.code == "reply_required"
    assert "还没有答复" in str(refused.value.message)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.closed_at is None


def test_a_case_is_accepted_before_it_is_answered(cast: Cast, case: Case):
    with pytest.raises(DomainError) as refused:
        case_reply(actor=cast.users["dept_legal"], case=case, body="答复")
    assert "先受理" in str(refused.value.message)


def test_only_someone_who_may_handle_cases_there_is_assigned(cast: Cast, case: Case):
    case_accept(actor=cast.users["dept_legal"], case=case)
    with pytest.raises(DomainError) as refused:
        case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["other_officer"])
    assert "handler" in refused.value.fields
    case.refresh_from_db()
    assert case.handler is None and case.status == CaseStatus.ACCEPTED


def test_a_volunteer_replies_only_to_cases_assigned_to_them(cast: Cast, case: Case):
    case_accept(actor=cast.users["dept_legal"], case=case)
    with pytest.raises(NotFound):  # the volunteer cannot see an unassigned case
        case_reply(actor=cast.users["volunteer"], case=case, body="答复")
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    case_reply(actor=cast.users["volunteer"], case=case, body="答复")
    assert case.status == CaseStatus.REPLIED


def test_staff_out_of_scope_and_other_members_change_nothing(cast: Cast, case: Case):
    for who in ("other_admin", "other_officer", "street_staff", "officer", "outsider"):
        with pytest.raises(NotFound):
            case_accept(actor=cast.users[who], case=case)
    with pytest.raises(PermissionDenied):  # a supervisor sees it but does not handle it
        case_accept(actor=cast.users["district_admin"], case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert _steps(case) == ["submitted"]


def test_transfer_down_to_the_grassroots_union(cast: Cast, case: Case):
    with pytest.raises(NotFound):
        case_accept(actor=cast.users["officer"], case=case)
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_transfer(
        actor=cast.users["dept_legal"],
        case=case,
        to_union=cast.unions["GA"],
        reason="由企业工会协调",
    )
    case.refresh_from_db()
    assert (case.union, case.centre, case.status) == (
        cast.unions["GA"],
        None,
        CaseStatus.SUBMITTED,
    )
    assert case.due_date is None  # the new holder starts its own clock
    moved = case.steps.get(kind=StepKind.TRANSFERRED)
    assert (moved.union, moved.to_union, moved.note) == (
        cast.unions["DA"],
        cast.unions["GA"],
        "由企业工会协调",
    )
    # now the grassroots officer, who could not see it before, accepts it (DA's staff still
    # see it: GA is in their subtree)
    case_accept(actor=cast.users["officer"], case=case)
    assert case.status == CaseStatus.ACCEPTED


def test_transfer_needs_a_reason_and_a_place_with_a_centre(cast: Cast, case: Case, centres):
    with pytest.raises(DomainError) as refused:
        case_transfer(
            actor=cast.users["dept_legal"], case=case, to_union=cast.unions["DB"], reason=""
        )
    assert "reason" in refused.value.fields
    with pytest.raises(DomainError) as refused:  # no centre at 积玉桥, and not below DA
        case_transfer(
            actor=cast.users["dept_legal"], case=case, to_union=cast.unions["SB"], reason="属地"
        )
    assert "to_union" in refused.value.fields
    case_transfer(
        actor=cast.users["dept_legal"], case=case, to_union=cast.unions["DB"], reason="属地管辖"
    )
    assert case.centre == centres["DB"]


def test_the_handler_escalates_what_they_cannot_answer(cast: Cast, case: Case, centres):
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    case_escalate(actor=cast.users["volunteer"], case=case, reason="涉及集体欠薪，需市总协调")
    case.refresh_from_db()
    assert (case.union, case.centre, case.handler, case.status) == (
        cast.unions["CITY"],
        centres["CITY"],
        None,
        CaseStatus.SUBMITTED,
    )
    assert case.escalated == Escalation.HANDLER
    assert figures.of_union(cast.unions["CITY"])["escalated"] == {"handler": 1}
    with pytest.raises(DomainError) as refused:  # nothing above the city
        case_accept(actor=SYSTEM, case=case)
        case_escalate(actor=SYSTEM, case=case, reason="再上报")
    assert refused.value.code == "no_upper_union"


def test_the_requester_rates_and_reopens_within_15_days(cast: Cast, centres, clock):
    clock("2025-11-03 09:00")
    case = submit(cast)
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    case_reply(actor=cast.users["volunteer"], case=case, body="建议申请劳动仲裁。")
    case_rate(actor=cast.users["member"], case=case, rating=2, comment="没解决")
    case_close(actor=cast.users["dept_legal"], case=case)
    clock("2025-11-17 09:00")  # 14 days after the reply
    case_reopen(actor=cast.users["member"], case=case, reason="单位仍未发放工资")
    case.refresh_from_db()
    assert (case.status, case.handler) == (CaseStatus.ASSIGNED, cast.users["volunteer"])
    assert case.due_date == dt.date(2025, 11, 24) and case.closed_at is None
    case_reply(actor=cast.users["volunteer"], case=case, body="已陪同您申请仲裁。")
    case_rate(actor=cast.users["member"], case=case, rating=5)
    assert figures.of_union(cast.unions["GA"])["rating"] == {"5": 1}
    clock("2025-12-03 09:00")  # 16 days after the second reply
    with pytest.raises(DomainError) as refused:
        case_reopen(actor=cast.users["member"], case=case, reason="还是不满意")
    assert refused.value.code == "reopen_expired"


def test_only_the_requester_rates_adds_information_or_reopens(cast: Cast, case: Case):
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_reply(actor=cast.users["dept_legal"], case=case, body="答复")
    for who in ("outsider", "other_officer"):
        with pytest.raises(NotFound):
            case_rate(actor=cast.users[who], case=case, rating=1)
        with pytest.raises(NotFound):
            case_add_info(actor=cast.users[who], case=case, text="x")
    with pytest.raises(PermissionDenied):
        case_reopen(actor=cast.users["dept_legal"], case=case, reason="x")
    with pytest.raises(DomainError):
        case_rate(actor=cast.users["member"], case=case, rating=6)
    case.refresh_from_db()
    assert case.rating is None and case.status == CaseStatus.REPLIED


def test_referral_to_a_department_with_chasing_and_its_answer(cast: Cast, case: Case, clock):
    clock("2025-11-03 09:00")
    case_accept(actor=cast.users["dept_legal"], case=case)
    department = GovernmentDepartment.objects.get(name="人社局劳动保障监察机构")
    referral = case_refer(
        actor=cast.users["dept_legal"],
        case=case,
        department=department,
        due_on=dt.date(2025, 11, 14),
        note="请督促单位支付欠薪",
    )
    referral_chase(actor=cast.users["dept_legal"], referral=referral, note="电话催办")
    referral_answer(actor=cast.users["dept_legal"], referral=referral, answer="已责令限期支付")
    referral.refresh_from_db()
    assert referral.status == "answered" and referral.chases.count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED  # still on the union's clock
    assert _steps(case)[-3:] == ["referred", "chased", "referral_answered"]
    with pytest.raises(DomainError):
        referral_chase(actor=cast.users["dept_legal"], referral=referral, note="再催")


def test_the_settings_cases_start_with(db):
    assert dict(
        DeadlineRule.objects.values_list("complexity", "working_days").filter(kind="rights")
    ) == {
        "normal": 5,
        "difficult": 10,
        "complex": 20,
    }
    assert set(ReplyTemplate.objects.values_list("category", flat=True)) == set(Category.values)
    assert GovernmentDepartment.objects.filter(name="劳动人事争议仲裁院").exists()


def test_the_admin_refuses_a_rule_naming_a_centre_outside_the_federation(cast: Cast, centres):
    from django.core.exceptions import ValidationError

    from zhigong.cases.models import RoutingRule

    with pytest.raises(ValidationError) as refused:
        RoutingRule(union=cast.unions["DA"], kind="", centre=centres["DB"]).full_clean()
    assert "centre" in refused.value.message_dict
    RoutingRule(union=cast.unions["DA"], kind="", centre=centres["DA"]).full_clean()
