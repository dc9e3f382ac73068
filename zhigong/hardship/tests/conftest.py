"""Fixtures of the hardship tests: an approved volunteer (the cast's member 张伟, GA), files
at GA and GB, pairs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.hardship.sensitive import HouseholdMember
from zhigong.hardship.services.files import FileInput, file_create
from zhigong.hardship.services.pairing import Agreement, pairing_create
from zhigong.testing.cast import Cast, cast_id_number
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.quotas import quota_set
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_apply

# Non-members with hardship files: (name, ID body, phone).
WORKERS = {
    "GA": ("王秀英", "42010219560101002", "13700002222"),
    "GB": ("赵建国", "42010619600202001", "13700003333"),
    "SA": ("陈桂兰", "42010219500303004", "13700004444"),
}


def approved_volunteer(cast: Cast, user: str = "member") -> Volunteer:
    found = Volunteer.objects.filter(applicant=cast.users[user], status="approved").first()
    if found is not None:
        return found
    quota_set(actor=SYSTEM, union=cast.unions["DA"], year=timezone.localdate().year, count=10)
    volunteer = volunteer_apply(
        actor=cast.users[user],
        data=VolunteerInput(
            health="good",
            employer="武汉江城机械有限公司",
            identity="worker",
            statement="本人自愿加入工会服务帮扶志愿者队伍。",
            service_areas=["pairing"],
        ),
    )
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


def other_volunteer(cast: Cast) -> Volunteer:
    """A second approved volunteer at SA (a paper form: not a member, no account)."""
    from zhigong.volunteers.services.registration import volunteer_register

    found = Volunteer.objects.filter(name="刘洋", status="approved").first()
    if found is not None:
        return found
    approved_volunteer(cast)
    volunteer = volunteer_register(
        actor=SYSTEM,
        data=VolunteerInput(
            name="刘洋",
            id_number=cast_id_number("42010219800808001"),
            phone="13600001111",
            health="good",
            employer="大智街道社区",
            identity="public",
            statement="自愿",
            service_areas=["pairing"],
        ),
        union=cast.unions["SA"],
    )
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


def file_input(code: str = "GA", **changes: Any) -> FileInput:
    name, body, phone = WORKERS[code]
    data: dict[str, Any] = {
        "cause": "illness",
        "needs": "每周代购药品，陪同就医",
        "name": name,
        "id_number": cast_id_number(body),
        "phone": phone,
        "address": "江岸区大智路1号3栋502",
        "monthly_income": Decimal("1800"),
        "household": [
            HouseholdMember(name=name, relation="self", birth_year=1956, health="尿毒症透析"),
            HouseholdMember(
                name="王小明", relation="child", birth_year=1985, income=Decimal("1800")
            ),
        ],
    }
    return FileInput(**{**data, **changes})


def make_file(cast: Cast, code: str = "GA", **changes: Any) -> HardshipFile:
    found = HardshipFile.objects.filter(name=WORKERS[code][0], status="open").first()
    if found is not None and not changes:
        return found
    return file_create(actor=SYSTEM, union=cast.unions[code], data=file_input(code, **changes))


def make_pair(cast: Cast, starts_on: dt.date | None = None) -> Pairing:
    found = Pairing.objects.filter(status="active").first()
    if found is not None:
        return found
    return pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=approved_volunteer(cast),
        agreement=Agreement("代购药品、陪同就医", "weekly", starts_on or timezone.localdate()),
    )


@pytest.fixture
def volunteer(cast: Cast) -> Volunteer:
    return approved_volunteer(cast)


@pytest.fixture
def file(cast: Cast) -> HardshipFile:
    return make_file(cast)


@pytest.fixture
def pair(cast: Cast) -> Pairing:
    return make_pair(cast)
