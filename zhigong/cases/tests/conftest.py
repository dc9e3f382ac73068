"""Fixtures of the cases tests: service centres for the cast's federations, a clock that can
be set, and cases submitted by the cast's member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from zhigong.cases.choices import CaseKind, Category
from zhigong.cases.models import Case
from zhigong.cases.services.intake import CaseInput, case_submit
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre
from zhigong.unions.services import centre_create

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def moment(text: str) -> dt.datetime:
    """``"2025-09-26 10:00"`` in Beijing time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], dt.datetime]]:
    """``clock("2025-09-26 10:00")`` sets what ``timezone.now()`` answers from then on."""

    def set_to(text: str) -> dt.datetime:
        at = moment(text)
        monkeypatch.setattr(timezone, "now", lambda: at)
        return at

    yield set_to


@pytest.fixture
def centres(cast: Cast) -> dict[str, ServiceCentre]:
    return {
        "CITY": centre_create(actor=SYSTEM, union=cast.unions["CITY"], name="武汉市职工服务中心"),
        "DA": centre_create(actor=SYSTEM, union=cast.unions["DA"], name="江岸区职工服务中心"),
        "DB": centre_create(actor=SYSTEM, union=cast.unions["DB"], name="武昌区职工服务中心"),
    }


def submit(
    cast: Cast,
    *,
    kind: str = CaseKind.RIGHTS,
    category: str = Category.WAGES,
    description: str = "公司拖欠三个月工资。",
    who: str = "member",
    **more: Any,
) -> Case:
    return case_submit(
        actor=cast.users[who],
        data=CaseInput(kind=kind, category=category, description=description, **more),
    )


@pytest.fixture
def case(cast: Cast, centres: dict[str, ServiceCentre]) -> Case:
    """A rights request of the cast's member (GA), waiting at 江岸区's centre."""
    return submit(cast)
