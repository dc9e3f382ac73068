"""Demo hardship files and one-to-one pairs in 江岸区: files for every cause, open and closed,
with households, help given and documents; pairs with 江岸区's approved demo volunteers
(visited lately, overdue for a visit, handed over), one whose volunteer left (its worker is
on the unpaired page), and files nobody has taken yet. Idempotent: once the demo city has
hardship files, nothing is added."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.db import transaction
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.demo.people import Person, people
from zhigong.hardship.choices import Cause
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.hardship.sensitive import HouseholdMember
from zhigong.hardship.services.files import FileInput, file_close, file_create, help_record
from zhigong.hardship.services.pairing import (
    Agreement,
    pairing_create,
    pairing_handover,
    visit_log,
)
from zhigong.unions.models import Union, UnionKind
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.registration import volunteer_leave

C = data.CITY_CODE
NEEDS = {
    Cause.ILLNESS: "陪同就医、代购药品",
    Cause.DISABILITY: "上门照料、出行陪护",
    Cause.UNEMPLOYMENT: "再就业信息、技能培训推荐",
    Cause.LOW_PENSION: "节日慰问、家电维修",
    Cause.ALONE: "每周探望、聊天解闷、代办事务",
    Cause.DISASTER: "房屋修缮、生活物资",
    Cause.OTHER: "子女助学",
}


@dataclass
class HardshipResult:
    files: int = 0
    pairs: int = 0
    visits: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def _file(union: Union, person: Person, cause: str, number: int) -> HardshipFile:
    name = person.name
    return file_create(
        actor=SYSTEM,
        union=union,
        data=FileInput(
            cause=cause,
            needs=NEEDS[Cause(cause)],
            name=name,
            id_number=person.id_number,
            phone=person.phone,
            address=f"江岸区演示路{number + 1}号",
            monthly_income=Decimal(1200 + 300 * number),
            household=[
                HouseholdMember(name=name, relation="self", health="慢性病" if number % 2 else ""),
                HouseholdMember(name=f"{name[0]}小{number}", relation="child", birth_year=2010),
            ],
            review_on=timezone.localdate() + dt.timedelta(days=30 * (number % 4) - 15),
        ),
    )


def seed_hardship(*, say: Callable[[str], None] | None = None) -> HardshipResult:
    started = time.perf_counter()
    result = HardshipResult()
    jiangan = Union.objects.filter(code=f"{C}-420102").first()
    if (
        jiangan is None
        or HardshipFile.objects.filter(union__path__startswith=jiangan.path).exists()
    ):
        result.already_loaded = True
        return result
    volunteers = list(
        Volunteer.objects.filter(
            status=VolunteerStatus.APPROVED, union__path__startswith=jiangan.path
        ).order_by("id")
    )
    unions = list(
        Union.objects.filter(path__startswith=jiangan.path, kind=UnionKind.GRASSROOTS).order_by(
            "path"
        )[:4]
    )
    if not unions:
        result.already_loaded = True
        return result
    today = timezone.localdate()
    causes = list(Cause)
    with transaction.atomic():
        files = [
            _file(unions[i % len(unions)], person, causes[i % len(causes)], i)
            for i, person in enumerate(islice(people(7, stream="hardship"), 10))
        ]
        result.files = len(files)
        for i, file in enumerate(files[:6]):
            help_record(
                actor=SYSTEM,
                file=file,
                kind=("money", "goods", "service")[i % 3],
                given_on=today - dt.timedelta(days=20 + i),
                what=("春节慰问金", "米面油", "上门维修")[i % 3],
                union=file.union,
                amount=Decimal(500) if i % 3 == 0 else None,
                quantity="一套" if i % 3 == 1 else "",
            )
        # Pairs: the first files with the approved volunteers, in turn.
        plans = (  # (days since the start, days since the last visit or None)
            (340, 5),  # visited lately, and every month of the year before (the figures)
            (90, 40),  # overdue: last visit 40 days ago
            (60, None),  # overdue: never visited
            (100, 12),  # its volunteer will leave
            (80, 3),  # handed over below
        )
        pairs: list[Pairing] = []
        for (started_days, last), file, volunteer in zip(plans, files, volunteers, strict=False):
            pair = pairing_create(
                actor=SYSTEM,
                file=file,
                volunteer=volunteer,
                agreement=Agreement(file.needs, "weekly", today - dt.timedelta(days=started_days)),
            )
            pairs.append(pair)
            days_back = [started_days - 7] + ([last] if last is not None else [])
            if not pairs[:-1]:  # the first pair: a visit a month, for the visits per month
                days_back += list(range(started_days - 37, 20, -30))
            for back in sorted(days_back, reverse=True):
                visit_log(
                    actor=SYSTEM,
                    pairing=pair,
                    visited_on=today - dt.timedelta(days=back),
                    minutes=60 + back % 60,
                    what="走访慰问，" + file.needs,
                    satisfaction="satisfied" if back % 2 else "fairly",
                )
                result.visits += 1
        result.pairs = len(pairs)
        if len(pairs) >= 4:
            volunteer_leave(actor=SYSTEM, volunteer=pairs[3].volunteer, reason="工作调动，离开武汉")
        if len(pairs) >= 5 and len(volunteers) > 5:
            pairing_handover(
                actor=SYSTEM, pairing=pairs[4], volunteer=volunteers[5], note="原志愿者时间冲突"
            )
            result.pairs += 1
        file_close(actor=SYSTEM, file=files[-1], reason="out_of_hardship", note="子女已就业")
    result.seconds = time.perf_counter() - started
    if say is not None:
        say(f"hardship: {result.files} files, {result.pairs} pairs, {result.visits} visits")
    return result
