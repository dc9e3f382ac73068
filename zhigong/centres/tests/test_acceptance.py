"""The acceptance round (CTR-7, CTR-8): the transitions and refusals, the grade end to end from
inspected items and survey answers, overrides and the difference, complaints, scope, the
published results and the list's fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhigong.accounts.services import role_grant
from zhigong.centres import acceptance_selectors as sel
from zhigong.centres.models import Acceptance, AcceptanceItem, AcceptanceStatus
from zhigong.centres.services import acceptance as svc
from zhigong.centres.tests.routes import cast_station
from zhigong.centres.tests.routes.acceptance import cast_acceptance, cast_round
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.core.workflow import BadTransition
from zhigong.surveys.services.answering import answer_by_code
from zhigong.surveys.services.organise import codes_issue, survey_create, survey_move
from zhigong.surveys.tests.conftest import answers_for
from zhigong.surveys.tests.routes import survey_input
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre
from zhigong.unions.roles import Role

S = AcceptanceStatus


def answers(cast: Cast, centre: ServiceCentre, satisfied: int, other: int) -> None:
    """``satisfied`` visitors answer 满意, ``other`` answer 不满意."""
    survey = survey_create(
        actor=SYSTEM, target_kind="centre_visitors", target_id=centre.pk, data=survey_input()
    )
    survey = survey_move(actor=SYSTEM, survey=survey, step="open")
    tokens = codes_issue(actor=SYSTEM, survey=survey, count=satisfied + other)
    for n, token in enumerate(tokens):
        answer_by_code(
            actor=SYSTEM, token=token, raw=answers_for(survey, satisfied=0 if n < satisfied else 3)
        )


def second_inspector(cast: Cast):
    user = get_user_model().objects.create_user(username="city_admin2", password="x")
    role_grant(actor=SYSTEM, user=user, union=cast.unions["CITY"], role=Role.FEDERATION_ADMIN)
    return user


def inspect_all(actor, acceptance: Acceptance, met=lambda item: True) -> None:
    for item in acceptance.items.all():
        svc.inspect_item(
            actor=actor, item=item, data=svc.InspectionInput(met=met(item), seen="看过")
        )


def test_the_checklist_follows_the_standard(cast):
    acceptance = cast_acceptance(cast, submitted=False)
    groups = set(acceptance.items.values_list("group", flat=True))
    assert groups == {"hardware", "mechanism"}
    keys = set(acceptance.items.values_list("key", flat=True))
    assert {"area", "essential:hall", "rule:staff_code", "service:policy_advice", "staff"} <= keys
    assert set(acceptance.items.values_list("points", flat=True)) == {Decimal(1)}


def test_the_whole_round_end_to_end(cast):
    acceptance = cast_acceptance(cast)
    assert acceptance.status == S.SUBMITTED
    answers(cast, acceptance.centre, satisfied=17, other=3)  # 85%
    city = cast.users["city_admin"]
    inspect_all(city, acceptance)
    svc.inspection_complete(actor=city, acceptance=acceptance)
    acceptance.refresh_from_db()
    assert acceptance.status == S.GRADED
    assert acceptance.hardware_pct == Decimal(100) and acceptance.mechanism_pct == Decimal(100)
    assert acceptance.satisfaction_pct == Decimal(85)
    assert acceptance.grade == "excellent"
    # The inspector never approves their own inspection; another city operator does.
    with pytest.raises(PermissionDenied):
        svc.acceptance_approve(actor=city, acceptance=acceptance)
    other = second_inspector(cast)
    svc.acceptance_approve(actor=other, acceptance=acceptance)
    svc.acceptance_publish(actor=other, acceptance=acceptance)
    assert acceptance.publish_until and acceptance.published_on
    assert acceptance.publish_until > acceptance.published_on
    assert list(sel.published_results()) == [acceptance]
    svc.award_record(actor=other, acceptance=acceptance, amount=Decimal("50000"), note="奖励")
    svc.acceptance_finalise(actor=other, acceptance=acceptance)
    assert Acceptance.objects.get(pk=acceptance.pk).status == S.FINAL
    actions = set(
        AuditEvent.objects.filter(action__startswith="acceptance").values_list("action", flat=True)
    )
    assert {
        "acceptance.start",
        "acceptance.submitted",
        "acceptance.inspected",
        "acceptance.graded",
        "acceptance.approved",
        "acceptance.published",
        "acceptance.final",
        "acceptance.award",
    } <= actions


def test_a_lower_score_gives_a_lower_grade_and_the_difference(cast):
    acceptance = cast_acceptance(cast)
    answers(cast, acceptance.centre, satisfied=7, other=3)  # 70%
    hardware = list(acceptance.items.filter(group="hardware").order_by("position"))
    # Exactly 70% of hardware met; every mechanism item met.
    failing = {i.pk for i in hardware[: len(hardware) - (len(hardware) * 7 + 9) // 10]}
    city = cast.users["city_admin"]
    inspect_all(city, acceptance, met=lambda item: item.pk not in failing)
    svc.inspection_complete(actor=city, acceptance=acceptance)
    acceptance.refresh_from_db()
    assert acceptance.grade in ("advanced", "compliant")
    found = sel.checklist_of(acceptance)
    assert found.inspected_total == found.points_total - len(failing)
    # The inspector's score overrides the self-score: the difference per item and in total.
    assert found.difference == found.inspected_total - found.self_total
    item = AcceptanceItem.objects.get(pk=next(iter(failing)))
    assert item.difference == Decimal(0) - item.self_points


def test_no_survey_answers_no_grade_until_a_reason(cast):
    acceptance = cast_acceptance(cast)
    city = cast.users["city_admin"]
    inspect_all(city, acceptance)
    svc.inspection_complete(actor=city, acceptance=acceptance)
    acceptance.refresh_from_db()
    assert acceptance.status == S.INSPECTED and acceptance.grade == ""
    with pytest.raises(DomainError, match="还没有满意度"):
        svc.grade_compute(actor=city, acceptance=acceptance)
    svc.grade_compute(actor=city, acceptance=acceptance, reason="测评期内未开放")
    acceptance.refresh_from_db()
    assert acceptance.status == S.GRADED and acceptance.grade == "not_passed"
    assert acceptance.satisfaction_pct is None


def test_the_district_never_inspects(cast):
    acceptance = cast_acceptance(cast)
    item = acceptance.items.get(position=0)
    with pytest.raises(PermissionDenied):
        svc.inspect_item(
            actor=cast.users["district_admin"], item=item, data=svc.InspectionInput(met=True)
        )
    with pytest.raises(NotFound):
        svc.inspect_item(
            actor=cast.users["other_admin"], item=item, data=svc.InspectionInput(met=True)
        )
    item.refresh_from_db()
    assert item.inspected_met is None


def test_a_complaint_lowers_the_grade_with_its_reason(cast):
    acceptance = cast_acceptance(cast)
    answers(cast, acceptance.centre, satisfied=9, other=1)
    city = cast.users["city_admin"]
    inspect_all(city, acceptance)
    svc.inspection_complete(actor=city, acceptance=acceptance)
    acceptance.refresh_from_db()
    with pytest.raises(DomainError, match="只能降低"):
        svc.complaint_lower(actor=city, acceptance=acceptance, to="excellent", reason="x")
    svc.complaint_lower(actor=city, acceptance=acceptance, to="compliant", reason="投诉属实")
    acceptance.refresh_from_db()
    assert acceptance.grade == "compliant" and acceptance.computed_grade == "excellent"
    assert AuditEvent.objects.filter(action="acceptance.lower", reason="投诉属实").exists()
    page = cast.client("district_admin").get(
        reverse("staff:centres:detail", args=[acceptance.centre_id])
    )
    assert "投诉属实" in page.content.decode()


def test_refused_moves_change_nothing(cast):
    acceptance = cast_acceptance(cast, submitted=False)
    city = cast.users["city_admin"]
    with pytest.raises(BadTransition):
        svc.inspection_complete(actor=city, acceptance=acceptance)
    item = acceptance.items.get(position=0)
    before = item.self_met
    with pytest.raises(NotFound):
        svc.self_inspect_item(actor=cast.users["other_admin"], item=item, met=not before)
    item.refresh_from_db()
    assert item.self_met == before
    # A street union does not submit the application form.
    with pytest.raises(DomainError, match="统一上报"):
        svc.application_submit(
            actor=SYSTEM, union=cast.unions["SA"], round=acceptance.round, acceptances=[acceptance]
        )
    # Once submitted, the self-inspection is closed.
    svc.application_submit(
        actor=SYSTEM, union=cast.unions["DA"], round=acceptance.round, acceptances=[acceptance]
    )
    with pytest.raises(BadTransition):
        svc.self_inspect_item(actor=SYSTEM, item=item, met=True)


def test_an_incomplete_self_inspection_is_not_submitted(cast):
    round_ = cast_round(cast)
    acceptance = svc.acceptance_start(actor=SYSTEM, round=round_, centre=cast_station(cast))
    with pytest.raises(DomainError, match="未自查"):
        svc.application_submit(
            actor=SYSTEM, union=cast.unions["DA"], round=round_, acceptances=[acceptance]
        )
    assert Acceptance.objects.get(pk=acceptance.pk).status == S.SELF_INSPECTING


def test_another_districts_staff_get_404(cast):
    acceptance = cast_acceptance(cast)
    client = cast.client("other_admin")
    for url in (
        reverse("staff:centres:acceptance", args=[acceptance.pk]),
        reverse("staff:centres:acceptance_report", args=[acceptance.pk]),
        reverse("staff:centres:application", args=[acceptance.application_id]),
        f"/api/v1/centres/acceptances/{acceptance.pk}",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("staff:centres:acceptance", args=[acceptance.pk]),
        {"action": "return", "reason": "x"},
    )
    assert response.status_code == 404
    assert Acceptance.objects.get(pk=acceptance.pk).status == S.SUBMITTED
    listed = client.get("/api/v1/centres/acceptances").json()
    assert listed["count"] == 0


def test_the_portal_shows_only_published_results_and_nothing_private(cast, client):
    acceptance = cast_acceptance(cast)
    page = client.get(reverse("portal:centres:results"))
    assert acceptance.centre.name not in page.content.decode()
    answers(cast, acceptance.centre, satisfied=8, other=2)
    city = cast.users["city_admin"]
    inspect_all(city, acceptance)
    svc.inspection_complete(actor=city, acceptance=acceptance)
    other = second_inspector(cast)
    svc.acceptance_approve(actor=other, acceptance=acceptance)
    svc.acceptance_publish(actor=other, acceptance=acceptance)
    text = client.get(reverse("portal:centres:results")).content.decode()
    assert acceptance.centre.name in text and "优秀" in text
    assert "自查情况良好" not in text and "看过" not in text
    assert (
        reverse("portal:centres:results")
        in client.get(reverse("portal:centres:finder")).content.decode()
    )


def test_the_list_takes_a_fixed_few_queries(cast):
    cast_acceptance(cast)
    round_ = cast_round(cast)
    for n in range(30):
        centre = ServiceCentre.objects.create(union=cast.unions["SA"], name=f"测试站{n}")
        svc.acceptance_start(actor=SYSTEM, round=round_, centre=centre)
    client = cast.client("city_admin")
    url = reverse("staff:centres:acceptances") + "?status=self_inspecting"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(30, 60):
        centre = ServiceCentre.objects.create(union=cast.unions["SA"], name=f"测试站{n}")
        svc.acceptance_start(actor=SYSTEM, round=round_, centre=centre)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url + "&page=2").status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)
    # The list itself (filter, count, page) within 10 queries whatever the size.
    with CaptureQueriesContext(connection) as listed:
        found = sel.acceptance_list(cast.users["city_admin"], sel.AcceptanceFilter(round=round_))
        from django.core.paginator import Paginator

        page = Paginator(found, 30).get_page(2)
        [(a.centre.name, a.union.name, a.round.year) for a in page]
    assert len(listed.captured_queries) <= 10


def test_a_viewer_who_may_not_inspect_is_refused_and_nothing_changes(cast):
    acceptance = cast_acceptance(cast)
    item = acceptance.items.get(position=0)
    client = cast.client("district_admin")
    url = reverse("staff:centres:acceptance", args=[acceptance.pk])
    response = client.post(url, {"action": "inspect_item", "item": item.pk, "met": "1"})
    assert response.status_code == 200 and "工作组" in response.content.decode()
    response = client.post(url, {"action": "complete"})
    item.refresh_from_db()
    assert item.inspected_met is None
    assert Acceptance.objects.get(pk=acceptance.pk).status == S.SUBMITTED
    # an item of another acceptance is unknown
    assert (
        client.post(url, {"action": "inspect_item", "item": 999999, "met": "1"}).status_code == 404
    )
