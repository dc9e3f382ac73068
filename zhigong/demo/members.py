"""Demo members: N invented people spread over the grassroots unions of the demo tree, with
cards for most active members and applications to join in every state.

Deterministic and idempotent: the people of a seed come in a fixed order
(``zhigong.demo.people``), so ``--members N`` always means the first N of them; those already
in the archive (found by the blind index of their ID number) are skipped, so a second run
adds nothing and a larger N adds the difference. Bulk inserts, one summary audit event, and
a rebuild of the member figures at the end; no per-row services (10,000 members take
seconds, not minutes).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts.models import User
from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_record
from zhigong.demo import data
from zhigong.demo.people import REFERENCE_DAY, Person, people
from zhigong.members.choices import ApplicationStatus, CardStatus, MemberStatus
from zhigong.members.figures import counting
from zhigong.members.models import Member, MemberCard, MembershipApplication
from zhigong.members.personal import id_index, set_id_number, set_phone
from zhigong.members.services.cards import luhn_digit
from zhigong.members.services.registry import profile
from zhigong.unions.models import Union, UnionKind

REASON = "加载演示会员"
MEMBER_LOGIN = "member_wang"
_BATCH = 2000
_REJECT_REASONS = (
    "所填工作单位与实际不符，请核实后重新申请。",
    "未能联系到本人核实信息。",
    "已在其他基层工会入会，请办理会员关系转接。",
)


@dataclass
class MembersResult:
    wanted: int = 0
    created: int = 0
    cards_created: int = 0
    applications_created: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def _demo_members() -> Any:
    return Member.objects.filter(union__code__startswith=f"{data.CITY_CODE}-")


def members_loaded(seed: int, count: int) -> bool:
    """The quick test (one query): the demo tree holds at least the ``count`` people, the
    members made by approved applications and the demo member login's own record."""
    row = _demo_members().aggregate(
        n=Count("id"), wang=Count("id", filter=Q(user__username=MEMBER_LOGIN))
    )
    approved = _application_plan(seed, count).count(ApplicationStatus.APPROVED)
    return bool(row["n"] >= count + approved + 1 and row["wang"] > 0)


def _application_plan(seed: int, count: int) -> list[str]:
    """The state of each demo application for ``count`` members (no database)."""
    rng = random.Random(f"{seed}/applications")
    statuses = (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVIEWED,
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
    )
    plan: list[str] = []
    for number in range(max(8, count // 40)):
        rng.random()  # where the applicant works
        x = rng.random()
        plan.append(statuses[number % 4] if number < 8 else statuses[min(int(x * 4), 3)])
    return plan


def seed_members(
    *, seed: int = 1, count: int, say: Callable[[str], None] | None = None
) -> MembersResult:
    """Make sure the first ``count`` demo people of ``seed`` are members of the demo tree."""
    started = time.perf_counter()
    result = MembersResult(wanted=count)
    if count <= 0 or members_loaded(seed, count):
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    unions = list(
        Union.objects.filter(
            code__startswith=f"{data.CITY_CODE}-", kind=UnionKind.GRASSROOTS, is_active=True
        )
        .order_by("code")
        .values_list("id", "code")
    )
    if not unions:
        result.seconds = time.perf_counter() - started
        return result
    with transaction.atomic():
        before = _demo_members().count()
        _load(seed, count, unions, result, say or (lambda message: None))
        if result.created or result.applications_created:
            root = Union.objects.get(code=data.CITY_CODE)
            audit_record(
                actor=SYSTEM,
                action="demo.members",
                target=root,
                union=root,
                reason=REASON,
                changes={
                    "members": [before, before + result.created],
                    "cards": [None, result.cards_created],
                    "applications": [None, result.applications_created],
                },
            )
            counting.rebuild()
    result.seconds = time.perf_counter() - started
    return result


def _load(
    seed: int,
    count: int,
    unions: list[tuple[int, str]],
    result: MembersResult,
    say: Callable[[str], None],
) -> None:
    rng = random.Random(f"{seed}/member-placement")
    # Some unions are large enterprises, most are small: weights drawn once per union code.
    weights = [random.Random(f"{seed}/{code}/size").paretovariate(1.2) for _, code in unions]
    cum = list(itertools.accumulate(weights))
    say(_("正在生成 %(count)d 名演示会员…") % {"count": count})
    wang = _member_wang(seed, unions, result)
    crowd = itertools.islice(people(seed), count)
    for batch in _batches(crowd, _BATCH):
        placed = [(p, rng.choices(unions, cum_weights=cum)[0][0], rng.random()) for p in batch]
        indexes = {id_index(p.id_number): p for p, _, _ in placed}
        existing = set(
            Member.objects.filter(id_number_index__in=list(indexes)).values_list(
                "id_number_index", flat=True
            )
        )
        if wang is not None:
            existing.add(wang.id_number_index)
        new = [(p, uid, x) for p, uid, x in placed if id_index(p.id_number) not in existing]
        members = Member.objects.bulk_create([_member(p, uid, x) for p, uid, x in new])
        result.created += len(members)
        _cards(rng, members, result)
    _applications(seed, count, unions, result)


def _batches(items: Iterable[Person], size: int) -> Iterable[list[Person]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _status(x: float) -> str:
    if x < 0.93:
        return MemberStatus.ACTIVE
    if x < 0.95:
        return MemberStatus.SUSPENDED
    return MemberStatus.LEFT


def _member(person: Person, union_id: int, x: float, user: User | None = None) -> Member:
    member = Member(
        **profile(person),
        union_id=union_id,
        joined_on=person.joined_on,
        status=_status(x),
        user=user,
    )
    set_id_number(member, person.id_number)
    set_phone(member, person.phone)
    return member


def _card_number(rng: random.Random) -> str:
    body = str(rng.randrange(10**14, 10**15))
    return body + luhn_digit(body)


def _cards(rng: random.Random, members: list[Member], result: MembersResult) -> None:
    """A card for most active members (most activated), none for the others."""
    now = timezone.now()
    wanted: list[tuple[Member, str]] = []
    for member in members:
        x = rng.random()
        if member.status == MemberStatus.ACTIVE and x < 0.9:
            wanted.append((member, CardStatus.ACTIVE if x < 0.85 else CardStatus.ISSUED))
    numbers = [_card_number(rng) for _ in wanted]
    taken = set(MemberCard.objects.filter(number__in=numbers).values_list("number", flat=True))
    cards = []
    for (member, status), number in zip(wanted, numbers, strict=True):
        while number in taken:
            number = _card_number(rng)
        taken.add(number)
        cards.append(MemberCard(member=member, number=number, status=status, issued_at=now))
    MemberCard.objects.bulk_create(cards)
    result.cards_created += len(cards)


def _member_wang(seed: int, unions: list[tuple[int, str]], result: MembersResult) -> Member | None:
    """The demo member login (王磊 at the fixed enterprise) gets an active member and card."""
    user = User.objects.filter(username=MEMBER_LOGIN).first()
    if user is None:
        return None
    found = Member.objects.filter(user=user).first()
    if found is not None:
        return found
    enterprise = f"{data.CITY_CODE}-420102-S01-G001"
    union_id = next((uid for uid, code in unions if code == enterprise), unions[0][0])
    rng = random.Random(f"{seed}/{MEMBER_LOGIN}")
    person = next(people(seed, stream=MEMBER_LOGIN))
    birth = dt.date(1990, 6, 18)
    body = f"420102{birth:%Y%m%d}{rng.randrange(0, 500) * 2 + 1:03d}"
    from zhigong.core.idnumber import check_digit

    person = Person(
        **{
            **person.__dict__,
            "name": "王磊",
            "gender": "male",
            "birth_date": birth,
            "id_number": body + check_digit(body),
            "phone": "13900000012",
            "ethnicity": "汉族",
            "job": "数控车工",
            "joined_on": dt.date(2015, 3, 1),
        }
    )
    if Member.objects.filter(id_number_index=id_index(person.id_number)).exists():
        return None
    member = _member(person, union_id, 0.0, user=user)
    member.save()
    MemberCard.objects.create(
        member=member, number=_card_number(rng), status=CardStatus.ACTIVE, issued_at=timezone.now()
    )
    result.created += 1
    result.cards_created += 1
    return member


def _applications(
    seed: int, count: int, unions: list[tuple[int, str]], result: MembersResult
) -> None:
    """Applications to join in every state: waiting for the grassroots union, waiting for
    the centre, approved (with the member they made) and rejected."""
    plan = _application_plan(seed, count)
    rng = random.Random(f"{seed}/applications")
    applicants = list(itertools.islice(people(seed, stream="applications"), len(plan)))
    placed = [(p, unions[int(rng.random() * len(unions))][0], rng.random()) for p in applicants]
    indexes = {id_index(p.id_number) for p in applicants}
    existing = set(
        MembershipApplication.objects.filter(id_number_index__in=indexes).values_list(
            "id_number_index", flat=True
        )
    )
    archived = set(
        Member.objects.filter(id_number_index__in=indexes).values_list("id_number_index", flat=True)
    )
    now = timezone.now()
    rows: list[MembershipApplication] = []
    approved: list[tuple[MembershipApplication, Person, int]] = []
    for number, (person, union_id, x) in enumerate(placed):
        index = id_index(person.id_number)
        if index in existing:
            continue
        status = plan[number]
        if status == ApplicationStatus.APPROVED and index in archived:
            continue
        days = 1 + int(x * 60)
        application = MembershipApplication(
            **profile(person),
            union_id=union_id,
            status=status,
        )
        set_id_number(application, person.id_number)
        set_phone(application, person.phone)
        if status != ApplicationStatus.SUBMITTED:
            application.reviewed_at = now - dt.timedelta(days=days)
            application.review_stamp = _reviewer(rng)
        if status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
            application.decided_at = now - dt.timedelta(days=max(days - 3, 0))
        if status == ApplicationStatus.REJECTED:
            application.reason = _REJECT_REASONS[number % len(_REJECT_REASONS)]
        if status == ApplicationStatus.APPROVED:
            approved.append((application, person, union_id))
        rows.append(application)
    members = Member.objects.bulk_create(
        [
            _member(
                Person(**{**p.__dict__, "joined_on": min(REFERENCE_DAY, timezone.localdate())}),
                uid,
                0.0,
            )
            for _, p, uid in approved
        ]
    )
    for (application, _person, _uid), member in zip(approved, members, strict=True):
        application.member = member
    _cards(rng, members, result)
    result.created += len(members)
    MembershipApplication.objects.bulk_create(rows)
    result.applications_created += len(rows)


def _reviewer(rng: random.Random) -> str:
    return rng.choice(("马建华", "李春梅", "张国栋", "刘敏", "陈晓东"))
