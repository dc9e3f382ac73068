"""Demo volunteers: the seed's quota table on the demo unions, volunteers in every state."""

from __future__ import annotations

import pytest

from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.demo.volunteers import SEED_QUOTAS, seed_volunteers
from zhigong.unions.models import Union
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer, VolunteerQuota


@pytest.mark.django_db
def test_seed_volunteers_imports_quotas_and_walks_every_state_once() -> None:
    _tiny_tree()
    seed_members(seed=1, count=30)
    result = seed_volunteers()
    # the tiny tree holds 江岸区 of the districts; the missing industries are created
    assert Union.objects.filter(code="WH-IND-SEA", name="武汉市海员工会").exists()
    quotas = dict(VolunteerQuota.objects.values_list("union__code", "count"))
    assert quotas == {
        "WH-420102": 300,
        "WH-IND-MECH": 400,
        "WH-IND-SEA": 400,
        "WH-IND-TEXTILE": 300,
    }
    assert result.quota_total == 1400
    assert sum(count for _name, count, _code, _new in SEED_QUOTAS) == 5800
    states = set(Volunteer.objects.values_list("status", flat=True))
    assert states == {
        VolunteerStatus.SUBMITTED,
        VolunteerStatus.UNIT_APPROVED,
        VolunteerStatus.DISTRICT_APPROVED,
        VolunteerStatus.APPROVED,
        VolunteerStatus.RETURNED,
    }
    assert not Volunteer.objects.filter(member__user__username="member_wang").exists()
    assert seed_volunteers().already_loaded
    assert Volunteer.objects.count() == result.volunteers
