"""Demo members: realistic, valid, deterministic, idempotent, with cards and applications."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.idnumber import parse_id_number
from zhigong.core.phones import check_mobile
from zhigong.core.regions import region
from zhigong.demo import people as people_module
from zhigong.demo.members import seed_members
from zhigong.demo.people import REFERENCE_DAY, people
from zhigong.members.choices import ApplicationStatus, CardStatus, MemberStatus
from zhigong.members.figures import counting
from zhigong.members.models import Member, MemberCard, MembershipApplication
from zhigong.members.personal import id_number_of, phone_of
from zhigong.members.services.cards import is_valid_card_number
from zhigong.unions.models import Union
from zhigong.unions.services import union_create


def _tiny_tree() -> None:
    """The city, one district, one street and three enterprises (the first is 王磊's)."""
    city = union_create(
        actor=SYSTEM, parent=None, code="WH", name="武汉市总工会", kind="federation", level="city"
    )
    district = union_create(
        actor=SYSTEM,
        parent=city,
        code="WH-420102",
        name="江岸区总工会",
        kind="federation",
        level="county",
    )
    street = union_create(
        actor=SYSTEM, parent=district, code="WH-420102-S01", name="大智街道总工会", kind="street"
    )
    for number in (1, 2, 3):
        union_create(
            actor=SYSTEM,
            parent=street,
            code=f"WH-420102-S01-G{number:03d}",
            name=f"演示企业{number}工会",
            kind="grassroots",
        )
    user_create(
        actor=SYSTEM, username="member_wang", password="x", full_name="王磊", check_password=False
    )


def test_people_are_valid_plausible_and_the_same_for_a_seed() -> None:
    crowd = list(itertools.islice(people(1), 2000))

    assert crowd[:50] == list(itertools.islice(people(1), 50))
    assert crowd[:50] != list(itertools.islice(people(2), 50))
    assert len({p.id_number for p in crowd}) == len(crowd)
    for person in crowd:
        info = parse_id_number(person.id_number)
        assert not info.errors and not info.warnings, person
        assert (info.gender, info.birth_date) == (person.gender, person.birth_date)
        age = (REFERENCE_DAY - person.birth_date).days / 365.25
        assert 18 <= age <= 60
        assert check_mobile(person.phone) is None
        assert 2 <= len(person.name) <= 3
        assert person.joined_on > person.birth_date
    regions = Counter(p.id_number[:6] for p in crowd)
    assert all(region(code) is not None for code in regions)
    wuhan = sum(n for code, n in regions.items() if code in people_module.WUHAN_REGIONS)
    assert 0.7 < wuhan / len(crowd) < 0.9
    assert any(code[:2] != "42" for code in regions)  # migrant workers
    assert 0.9 < sum(p.ethnicity == "汉族" for p in crowd) / len(crowd) < 1
    assert Counter(p.political_status for p in crowd).most_common(1)[0][0] == "masses"


@pytest.mark.django_db
def test_seed_members_loads_members_cards_and_applications() -> None:
    # given a small demo tree and the demo member login
    _tiny_tree()

    # when 200 members are seeded
    result = seed_members(seed=1, count=200)

    # then the first 200 people of the seed are members, spread over the enterprises
    crowd = list(itertools.islice(people(1), 200))
    names = set(Member.objects.values_list("name", flat=True))
    assert {p.name for p in crowd} <= names
    assert result.created == Member.objects.count() >= 201
    assert Member.objects.values("union").distinct().count() == 3
    statuses = Counter(Member.objects.values_list("status", flat=True))
    assert statuses[MemberStatus.ACTIVE] > 0.85 * sum(statuses.values())
    # personal fields are encrypted and decrypt to valid numbers
    member = Member.objects.exclude(user__isnull=False).first()
    assert member is not None and parse_id_number(id_number_of(member)).valid
    assert check_mobile(phone_of(member)) is None
    assert "*" in member.id_number_masked
    # most active members have a card with a valid number
    cards = MemberCard.objects.all()
    assert cards.count() == result.cards_created
    assert all(is_valid_card_number(c.number) for c in cards)
    active = Member.objects.filter(status=MemberStatus.ACTIVE)
    assert cards.filter(status=CardStatus.ACTIVE).count() > 0.7 * active.count()
    assert not cards.exclude(member__status=MemberStatus.ACTIVE).exists()
    # applications in every state; approved ones made a member
    states = Counter(MembershipApplication.objects.values_list("status", flat=True))
    assert set(states) == {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVIEWED,
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
    }
    approved = MembershipApplication.objects.filter(status=ApplicationStatus.APPROVED)
    assert all(a.member is not None and a.member.name == a.name for a in approved)
    assert not MembershipApplication.objects.filter(
        status=ApplicationStatus.REJECTED, reason=""
    ).exists()
    # 王磊 (member_wang) is an active member with an active card at the first enterprise
    wang = Member.objects.get(user__username="member_wang")
    assert (wang.name, wang.status, wang.union.code) == ("王磊", "active", "WH-420102-S01-G001")
    assert wang.cards.get().status == CardStatus.ACTIVE
    # and the figures are current
    city = Union.objects.get(code="WH")
    assert sum(counting.of_union(city)["status"].values()) == Member.objects.count()


@pytest.mark.django_db
def test_second_run_adds_nothing_and_a_larger_count_adds_the_difference() -> None:
    # given 100 demo members
    _tiny_tree()
    seed_members(seed=1, count=100)
    before = Member.objects.count()

    # when the same count is asked again, then nothing is added, in one query
    with CaptureQueriesContext(connection) as queries:
        again = seed_members(seed=1, count=100)
    assert again.already_loaded and len(queries) == 1
    assert Member.objects.count() == before

    # when 120 are asked, then exactly the next 20 people join
    more = seed_members(seed=1, count=120)
    assert more.created == 20 and Member.objects.count() == before + 20
    assert seed_members(seed=1, count=120).already_loaded
