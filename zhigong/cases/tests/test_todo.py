"""The workbench home's case items."""

from __future__ import annotations

import datetime as dt

from zhigong.cases.models import Case
from zhigong.cases.services.handling import case_accept, case_assign
from zhigong.cases.tests.conftest import submit
from zhigong.cases.todo import staff_todo
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast


def _items(user) -> dict[str, int]:
    return {str(item.label): item.count for item in staff_todo(user)}


def test_what_waits_for_whom(cast: Cast, centres):
    waiting = submit(cast)
    late = submit(cast)
    case_accept(actor=SYSTEM, case=late)
    case_assign(actor=SYSTEM, case=late, handler=cast.users["volunteer"])
    Case.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 2))
    assert waiting.status == "submitted"
    assert _items(cast.users["dept_legal"]) == {
        "诉求已逾期": 1,
        "诉求待受理": 1,
        "诉求待交办": 0,
        "交给我办理的诉求": 0,
    }
    assert _items(cast.users["volunteer"])["交给我办理的诉求"] == 1
    assert _items(cast.users["volunteer"])["诉求待受理"] == 0  # they accept nothing
    assert _items(cast.users["district_admin"])["诉求待受理"] == 0  # supervises only
    assert _items(cast.users["district_admin"])["诉求已逾期"] == 1
    assert _items(cast.users["other_admin"])["诉求已逾期"] == 0
    assert _items(cast.users["member"]) == {}
