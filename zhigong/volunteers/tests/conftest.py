"""Fixtures of the volunteer tests: a registration form, a member's application, quotas."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.quotas import quota_set
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_apply


def form(**changes: Any) -> VolunteerInput:
    data: dict[str, Any] = {
        "health": "good",
        "employer": "武汉江城机械有限公司",
        "identity": "worker",
        "statement": "本人自愿加入工会服务帮扶志愿者队伍。",
        "specialty": "电工维修",
        "service_areas": ["pairing", "legal"],
        "availability": ["weekend"],
    }
    return VolunteerInput(**{**data, **changes})


def apply(cast: Cast) -> Volunteer:
    """The cast's member (张伟, GA) applies on the portal."""
    return volunteer_apply(actor=cast.users["member"], data=form())


def give_quota(cast: Cast, count: int, code: str = "DA") -> None:
    quota_set(actor=SYSTEM, union=cast.unions[code], year=timezone.localdate().year, count=count)


@pytest.fixture
def applied(cast: Cast) -> Volunteer:
    give_quota(cast, 10)
    return apply(cast)
