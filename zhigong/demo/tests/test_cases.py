"""Demo cases: in every district, in every state, some overdue and escalated; once only."""

from __future__ import annotations

import pytest

from zhigong.accounts.services import role_grant, user_create
from zhigong.cases.choices import CaseStatus, Escalation
from zhigong.cases.models import Case, CaseStep
from zhigong.core.actors import SYSTEM
from zhigong.demo.cases import seed_cases
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.unions.models import Union
from zhigong.unions.roles import Role
from zhigong.unions.services import centre_create


@pytest.mark.django_db
def test_seed_cases_covers_every_state_and_runs_once() -> None:
    _tiny_tree()
    centre_create(actor=SYSTEM, union=Union.objects.get(code="WH"), name="武汉市职工服务中心")
    centre_create(
        actor=SYSTEM, union=Union.objects.get(code="WH-420102"), name="江岸区职工服务中心"
    )
    seed_members(seed=1, count=30)
    lawyer = user_create(
        actor=SYSTEM, username="lawyer_li", password="x", full_name="李思远", check_password=False
    )
    role_grant(
        actor=SYSTEM,
        user=lawyer,
        union=Union.objects.get(code="WH-420102"),
        role=Role.LEGAL_VOLUNTEER,
    )

    result = seed_cases(seed=1)

    assert result.created >= 12
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert Case.objects.filter(escalated=Escalation.DEADLINE).count() >= 2
    assert Case.objects.filter(escalated=Escalation.HANDLER).exists()
    overdue_in_district = Case.objects.filter(
        overdue_at__isnull=False, union__code="WH-420102", status=CaseStatus.SUBMITTED
    )
    assert overdue_in_district.exists()  # handed down, let run out, brought back up
    assert Case.objects.filter(rating__isnull=False).exists()
    assert Case.objects.filter(referrals__isnull=False).exists()
    assert Case.objects.filter(requester__username="member_wang", channel="portal").count() == 3
    assert CaseStep.objects.filter(kind="reopened").exists()
    # a second run adds nothing
    steps = CaseStep.objects.count()
    again = seed_cases(seed=1)
    assert again.already_loaded and CaseStep.objects.count() == steps
