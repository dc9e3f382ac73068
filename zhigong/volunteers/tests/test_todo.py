"""The workbench home shows registrations waiting for the user's opinion, step by step."""

from __future__ import annotations

from zhigong.testing.cast import Cast
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.todo import staff_todo


def waiting(cast: Cast, who: str) -> int:
    user = cast.users[who]
    return sum(item.count for item in staff_todo(user))


def test_each_level_sees_its_step(cast: Cast, applied: Volunteer):
    assert (
        waiting(cast, "officer"),
        waiting(cast, "district_admin"),
        waiting(cast, "city_admin"),
    ) == (1, 0, 0)
    assert waiting(cast, "other_officer") == 0 and waiting(cast, "other_admin") == 0
    applied = volunteer_decide(actor=cast.users["officer"], volunteer=applied, approve=True)
    assert (waiting(cast, "officer"), waiting(cast, "district_admin")) == (0, 1)
    # the city's administrator's scope covers the district too: they may give that step
    assert waiting(cast, "city_admin") == 1
    volunteer_decide(actor=cast.users["district_admin"], volunteer=applied, approve=True)
    assert (waiting(cast, "district_admin"), waiting(cast, "city_admin")) == (0, 1)
    assert list(staff_todo(cast.users["member"])) == []
    html = cast.client("city_admin").get("/staff/").content.decode()
    assert "志愿者登记待审核" in html
