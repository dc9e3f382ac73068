"""Screening against a brute-force reference written separately in plain Python, on
thousands of generated pools: nobody who fails either side's hard requirements is ever
offered, and the order (wishes of both sides, exposure, registration) is the same."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhigong.core.actors import SYSTEM
from zhigong.matchmaking import screening
from zhigong.matchmaking.choices import District, Housing, MaritalStatus, ProfileStatus
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.screening import screen
from zhigong.members.models import Member
from zhigong.unions.services import union_create

TODAY = dt.date(2026, 3, 1)
DISTRICTS = [d.value for d in District][:4]  # few, so that district requirements bite
POOL_MAX = 14


def _age(born: dt.date, day: dt.date) -> int:
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


def _accepts(req: Any, other: Any, day: dt.date) -> bool:
    """Does ``other`` meet ``req``'s hard requirements? Written out plainly."""
    age = _age(other.birth_date, day)
    if not req.age_min <= age <= req.age_max:
        return False
    if req.height_min and other.height_cm < req.height_min:
        return False
    if req.height_max and other.height_cm > req.height_max:
        return False
    if req.education_min and other.education < req.education_min:
        return False
    if not req.marital_mask & other.marital_status:
        return False
    return not (req.districts_mask and not req.districts_mask & other.district)


def _satisfaction(req: Any, other: Any) -> int:
    wishes = []
    if req.wish_education:
        wishes.append(other.education >= req.wish_education)
    if req.wish_income:
        wishes.append(other.income_band >= req.wish_income)
    if req.wish_housing:
        wishes.append(other.housing == Housing.OWNED)
    if req.wish_hobbies:
        wishes.append(bool(req.wish_hobbies & other.hobbies))
    if not wishes:
        return 50
    return 100 * sum(wishes) // len(wishes)


def reference(member: Any, pool: list[Any], pairs: set[tuple[int, int]], limit: int) -> list[int]:
    ranked = []
    for other in pool:
        if other.pk == member.pk or other.status != ProfileStatus.ACTIVE:
            continue
        if other.gender == member.gender:
            continue
        if (member.pk, other.pk) in pairs or (other.pk, member.pk) in pairs:
            continue
        if not (_accepts(member, other, TODAY) and _accepts(other, member, TODAY)):
            continue
        fit = min(_satisfaction(member, other), _satisfaction(other, member))
        rank = fit - 5 * min(other.recent_offers, 10)
        ranked.append((-rank, other.pk))
    return [pk for _, pk in sorted(ranked)[:limit]]


def _mask(draw: Any, values: list[int], allow_zero: bool) -> int:
    chosen = draw(st.lists(st.sampled_from(values), max_size=len(values)))
    mask = sum(set(chosen))
    return mask if mask or allow_zero else values[0]


@st.composite
def profiles(draw: Any) -> dict[str, Any]:
    age_min = draw(st.integers(20, 45))
    return {
        "status": draw(st.sampled_from([ProfileStatus.ACTIVE] * 4 + [ProfileStatus.SUSPENDED])),
        "gender": draw(st.sampled_from(["male", "female"])),
        "birth_date": TODAY - dt.timedelta(days=draw(st.integers(20 * 365, 50 * 365))),
        "marital_status": draw(st.sampled_from([m.value for m in MaritalStatus])),
        "height_cm": draw(st.integers(150, 190)),
        "education": draw(st.integers(1, 6)),
        "income_band": draw(st.integers(1, 5)),
        "district": draw(st.sampled_from(DISTRICTS)),
        "housing": draw(st.integers(1, 4)),
        "hobbies": draw(st.integers(0, 15)),
        "recent_offers": draw(st.integers(0, 12)),
        "age_min": age_min,
        "age_max": age_min + draw(st.integers(0, 20)),
        "height_min": draw(st.sampled_from([0, 0, 155, 165, 175])),
        "height_max": draw(st.sampled_from([0, 0, 170, 180, 190])),
        "education_min": draw(st.sampled_from([0, 0, 2, 3, 4])),
        "marital_mask": _mask(draw, [m.value for m in MaritalStatus], False),
        "districts_mask": _mask(draw, DISTRICTS, True),
        "wish_education": draw(st.sampled_from([0, 3, 4, 5])),
        "wish_income": draw(st.sampled_from([0, 2, 3, 4])),
        "wish_housing": draw(st.booleans()),
        "wish_hobbies": draw(st.integers(0, 15)),
    }


@pytest.fixture
def members(db: Any) -> list[Member]:
    union = union_create(
        actor=SYSTEM,
        parent=None,
        code="R",
        name="武汉市总工会",
        kind="federation",
        level="city",
        region_code="420100",
    )
    Member.objects.bulk_create(
        Member(
            name=f"会员{i}",
            gender="male",
            birth_date=dt.date(1990, 1, 1),
            union=union,
            joined_on=dt.date(2020, 1, 1),
            id_number_encrypted="x",
            id_number_index=f"idx{i}",
            id_number_masked="420102********0000",
        )
        for i in range(POOL_MAX)
    )
    return list(Member.objects.order_by("pk"))


class _Rollback(Exception):
    pass


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    pool=st.lists(profiles(), min_size=2, max_size=POOL_MAX),
    offered=st.lists(st.tuples(st.integers(0, POOL_MAX - 1), st.integers(0, POOL_MAX - 1))),
    limit=st.sampled_from([1, 3, 20]),
    windows=st.sampled_from([(1,), (1, 3), (2, 5), screening.WINDOWS]),
)
def test_screening_equals_the_brute_force_reference(
    members: list[Member],
    pool: list[dict[str, Any]],
    offered: list[tuple[int, int]],
    limit: int,
    windows: tuple[int, ...],
) -> None:
    """Also with windows smaller than the pool, so both the bounded first reading and the
    fallback to the whole pool are compared with the reference."""
    try:
        with mock.patch.object(screening, "WINDOWS", windows), transaction.atomic():
            rows = Profile.objects.bulk_create(
                Profile(
                    member=members[i],
                    union_id=members[i].union_id,
                    rules_version="t",
                    rules_digest="t",
                    rules_signed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                    occupation="职员",
                    **fields,
                )
                for i, fields in enumerate(pool)
            )
            pairs = {
                (rows[a].pk, rows[b].pk) for a, b in offered if a < len(rows) and b < len(rows)
            }
            Introduction.objects.bulk_create(
                Introduction(member_id=a, candidate_id=b) for a, b in pairs
            )
            for member in rows:
                got = [c.profile.pk for c in screen(member, today=TODAY, limit=limit)]
                assert got == reference(member, rows, pairs, limit)
            raise _Rollback
    except _Rollback:
        pass


def _pool_of(members: list[Member], *people: dict[str, Any]) -> list[Profile]:
    """Profiles in order of registration: anyone accepts anyone, no wishes, unless said."""
    plain = {
        "status": ProfileStatus.ACTIVE,
        "birth_date": dt.date(1994, 5, 1),
        "marital_status": MaritalStatus.SINGLE.value,
        "height_cm": 170,
        "education": 3,
        "income_band": 3,
        "district": DISTRICTS[0],
        "housing": Housing.RENTING.value,
        "age_min": 20,
        "age_max": 50,
        "marital_mask": sum(m.value for m in MaritalStatus),
    }
    return [
        Profile.objects.create(
            member=members[i],
            union_id=members[i].union_id,
            rules_version="t",
            rules_digest="t",
            rules_signed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            occupation="职员",
            **{**plain, **person},
        )
        for i, person in enumerate(people)
    ]


PERFECT = {"housing": Housing.OWNED.value, "education": 6, "wish_education": 4}


@pytest.mark.parametrize(
    "in_window",
    [
        {"housing": Housing.OWNED.value},  # one of the member's two wishes: fit 50
        {**PERFECT, "recent_offers": 1},  # a perfect fit, but offered lately: rank 95
    ],
)
def test_a_perfect_fit_beyond_the_window_is_not_missed(
    members: list[Member], django_assert_num_queries: Any, in_window: dict[str, Any]
) -> None:
    """The bounded first reading keeps only candidates of the best possible rank: a lesser
    one in the window must not hide the perfect fit registered after it."""
    wishes = {"wish_education": 5, "wish_housing": True}
    member, _lesser, perfect = _pool_of(
        members,
        {"gender": "male", "education": 4, **wishes},
        {"gender": "female", **in_window},
        {"gender": "female", **PERFECT},
    )
    with mock.patch.object(screening, "WINDOWS", (1,)), django_assert_num_queries(3):
        found = screen(member, today=TODAY, limit=1)  # window, whole pool, profiles
    assert [c.profile.pk for c in found] == [perfect.pk]
    assert found[0].score == 100


def test_enough_perfect_fits_in_the_window_answer_alone(
    members: list[Member], django_assert_num_queries: Any
) -> None:
    member, *women = _pool_of(
        members,
        {"gender": "male", "wish_housing": True},
        *[{"gender": "female", "housing": Housing.OWNED.value, "wish_education": 3}] * 4,
    )
    with mock.patch.object(screening, "WINDOWS", (3,)), django_assert_num_queries(2):
        found = screen(member, today=TODAY, limit=2)  # window, profiles
    assert [c.profile.pk for c in found] == [women[0].pk, women[1].pk]
