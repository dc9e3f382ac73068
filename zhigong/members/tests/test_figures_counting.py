"""The member rollup: kept current by the services, equal to a fresh rebuild, and equal to
counting the members of the subtree directly."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

import pytest
from django.core.management import call_command

from zhigong.core.actors import SYSTEM
from zhigong.core.idnumber import check_digit
from zhigong.core.jobs import local_crontab
from zhigong.members.choices import Education, MemberStatus, PoliticalStatus
from zhigong.members.figures import counting
from zhigong.members.models import MEMBER_FLOW, Member
from zhigong.members.services.registry import (
    CheckedPerson,
    member_create,
    member_set_status,
)
from zhigong.testing.cast import Cast
from zhigong.unions.models import Figure, Union
from zhigong.unions.services import union_create, union_move


def _person(rng: random.Random, number: int) -> CheckedPerson:
    male = rng.random() < 0.5
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 17_000))
    body = f"420103{birth:%Y%m%d}{(number % 500) * 2 + (1 if male else 0):03d}"
    return CheckedPerson(
        name=f"测试{number}",
        id_number=body + check_digit(body),
        gender="male" if male else "female",
        birth_date=birth,
        phone="",
        ethnicity="汉族",
        political_status=rng.choice(["", *PoliticalStatus.values]),
        education=rng.choice(["", *Education.values]),
        job="",
        warnings=[],
    )


def _direct_figures(union: Union) -> dict[str, dict[str, int]]:
    """Counting the members of the subtree one by one, the slow and obvious way."""
    result: dict[str, Counter[str]] = {dim: Counter() for dim in counting.DIMENSIONS}
    for member in Member.objects.filter(union__path__startswith=union.path):
        for dim, value in counting.values_of(member):
            result[dim][value] += 1
    return {dim: dict(counter) for dim, counter in result.items()}


def _all_figures() -> dict[str, dict[str, dict[str, int]]]:
    return {u.code: counting.of_union(u) for u in Union.objects.all()}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_services_keep_the_rollup_equal_to_a_fresh_rebuild(cast: Cast, seed: int) -> None:
    # given more grassroots unions and many random members, moved through random statuses
    rng = random.Random(seed)
    grassroots = [cast.unions["GA"], cast.unions["GB"]]
    for number, parent in enumerate(["SA", "SB", "SA"]):
        grassroots.append(
            union_create(
                actor=SYSTEM,
                parent=cast.unions[parent],
                code=f"GX{number}",
                name=f"测试公司{number}工会",
                kind="grassroots",
            )
        )
    members = [
        member_create(
            actor=SYSTEM,
            person=_person(rng, number),
            union=rng.choice(grassroots),
            status=rng.choice([MemberStatus.ACTIVE, MemberStatus.ACTIVE, MemberStatus.APPLIED]),
        )
        for number in range(60)
    ]
    for _ in range(80):
        member = rng.choice(members)
        member.refresh_from_db()
        status = rng.choice(sorted(MEMBER_FLOW.next_statuses(member.status)))
        member_set_status(actor=SYSTEM, member=member, status=status, reason="测试")
    # and unions move with their members: a grassroots union to another street, a street
    # (with grassroots unions and members) to another district
    union_move(actor=SYSTEM, union=Union.objects.get(code="GX0"), new_parent=cast.unions["SB"])
    union_move(actor=SYSTEM, union=Union.objects.get(code="SA"), new_parent=cast.unions["DB"])

    # when the counts kept by the services are compared with a rebuild from scratch
    kept = _all_figures()
    counting.rebuild()

    # then they are the same for every union, and both equal direct counting
    assert _all_figures() == kept
    for union in Union.objects.all():
        assert kept[union.code] == _direct_figures(union), union.code


@pytest.mark.django_db
def test_figures_of_a_union_cover_its_whole_subtree_only(cast: Cast) -> None:
    # given the cast: one active member at GA and one at GB
    figures = {code: counting.of_union(cast.unions[code]) for code in cast.unions}

    # then the city sees both, each district only its own
    assert figures["CITY"]["status"] == {"active": 2}
    assert figures["DA"]["status"] == figures["GA"]["status"] == {"active": 1}
    assert figures["DB"]["gender"] == {"female": 1}
    assert figures["DA"]["gender"] == {"male": 1}


@pytest.mark.django_db
def test_only_active_members_count_beyond_status(cast: Cast) -> None:
    # given the GA member is suspended
    member_set_status(actor=SYSTEM, member=cast.members["GA"], status="suspended", reason="测试")

    # when the figures are read
    figures = counting.of_union(cast.unions["DA"])

    # then the status moved and the other dimensions no longer count them
    assert figures["status"] == {"suspended": 1}
    assert figures["gender"] == figures["age_band"] == {}


@pytest.mark.django_db
def test_rebuild_replaces_drifted_counts_and_reports_rows(cast: Cast) -> None:
    # given a count that drifted (written around the services) and a stray row
    Figure.objects.filter(topic="members").filter(dimension="status").update(count=99)
    Figure.objects.create(
        topic="members", union=cast.unions["GA"], dimension="status", value="left", count=3
    )

    # when the command rebuilds
    out = io.StringIO()
    call_command("rebuild_member_rollups", stdout=out)

    # then the counts are right again and the command says how many rows it wrote
    assert counting.of_union(cast.unions["CITY"])["status"] == {"active": 2}
    assert counting.of_union(cast.unions["GA"])["status"] == {"active": 1}
    assert not Figure.objects.filter(topic="members").filter(value="left").exists()
    assert f"共 {Figure.objects.filter(topic='members').count()} 行" in out.getvalue()


@pytest.mark.parametrize(
    ("birth", "today", "band"),
    [
        (dt.date(2001, 3, 1), dt.date(2026, 2, 28), "under_25"),  # 24 the day before
        (dt.date(2001, 3, 1), dt.date(2026, 3, 1), "25_34"),  # 25 on the birthday
        (dt.date(2004, 2, 29), dt.date(2029, 2, 28), "under_25"),
        (dt.date(2004, 2, 29), dt.date(2029, 3, 1), "25_34"),
        (dt.date(1971, 6, 1), dt.date(2026, 6, 1), "55_plus"),
        (dt.date(1971, 6, 2), dt.date(2026, 6, 1), "45_54"),
    ],
)
def test_age_band_follows_birthdays(birth: dt.date, today: dt.date, band: str) -> None:
    assert counting.age_band(birth, today) == band


@pytest.mark.django_db
def test_rebuild_puts_ages_in_the_same_bands_as_python(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given members born around every band boundary, and a leap day "today"
    today = dt.date(2028, 2, 29)
    monkeypatch.setattr("zhigong.members.figures.counting.timezone.localdate", lambda: today)
    rng = random.Random(7)
    births = []
    for _name, low, _high in counting.AGE_BANDS[1:]:
        for shift in (-1, 0, 1):
            births.append(counting.years_before(today, low) + dt.timedelta(days=shift))
    for number, birth in enumerate(births):
        person = _person(rng, number)
        body = f"420103{birth:%Y%m%d}{number * 2 + 1:03d}"
        person.id_number, person.birth_date, person.gender = body + check_digit(body), birth, "male"
        member_create(actor=SYSTEM, person=person, union=cast.unions["GA"])
    kept = counting.of_union(cast.unions["CITY"])["age_band"]

    # when rebuilt in SQL
    counting.rebuild()

    # then SQL and Python agree on every band
    assert counting.of_union(cast.unions["CITY"])["age_band"] == kept
    expected = Counter(counting.age_band(m.birth_date, today) for m in Member.objects.all())
    assert kept == dict(expected)


def test_nightly_rebuild_runs_at_half_past_three_beijing_time() -> None:
    # Huey hands periodic checks a naive UTC time: 19:30 UTC is 03:30 in Beijing
    at_0330_local = local_crontab(hour="3", minute="30")
    assert at_0330_local(dt.datetime(2026, 1, 1, 19, 30))  # noqa: DTZ001 (Huey passes naive UTC)
    assert not at_0330_local(dt.datetime(2026, 1, 1, 3, 30))  # noqa: DTZ001
