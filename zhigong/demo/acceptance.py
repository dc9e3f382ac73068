"""Demo acceptance round (CTR-7, CTR-8): this year's round against this year's standards, and
a handful of street and district centres in it: one in each grade (优秀, 先进, 达标) and one
not passed, each with its visitors' survey answered by one-time codes so the satisfaction
rate comes from the surveys engine; two published on the portal (one final, with an award),
one waiting for the city's inspection and one still self-inspecting. Idempotent: once the
year's round exists, nothing is done."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhigong.centres.models import AcceptanceRound, CentreStandard
from zhigong.centres.services import acceptance as svc
from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.demo.surveys import _questions
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.services.answering import answer_by_code
from zhigong.surveys.services.organise import SurveyInput, codes_issue, survey_create, survey_move
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel

# Satisfied visitors out of 20 per graded centre: 90%, 75%, 65% and 40%.
SATISFIED = (18, 15, 13, 8)
VISITORS = 20


@dataclass
class AcceptanceResult:
    already_loaded: bool = False
    acceptances: int = 0
    published: int = 0
    seconds: float = 0.0


def _district(centre: ServiceCentre) -> Union | None:
    return (
        Union.objects.filter(
            path__in=[*centre.union.ancestor_paths(), centre.union.path],
            kind=UnionKind.FEDERATION,
            level=UnionLevel.COUNTY,
        )
        .order_by("-depth")
        .first()
    )


def _survey(centre: ServiceCentre, satisfied: int) -> None:
    now = timezone.now()
    survey = survey_create(
        actor=SYSTEM,
        target_kind="centre_visitors",
        target_id=centre.pk,
        data=SurveyInput(
            title=f"{centre.name}验收满意度测评",
            intro="请根据您的体验作答，答卷不记名。",
            opens_at=now - dt.timedelta(days=7),
            closes_at=now + dt.timedelta(days=30),
            questions=_questions(),
        ),
    )
    survey_move(actor=SYSTEM, survey=survey, step="open")
    questions = list(survey.questions.order_by("position"))
    for n, token in enumerate(codes_issue(actor=SYSTEM, survey=survey, count=VISITORS)):
        raw: dict[str, list[str]] = {}
        for q in questions:
            if q.is_satisfaction:
                raw[str(q.pk)] = ["0" if n < satisfied else "3"]
            elif q.kind in (QuestionKind.RATING,):
                raw[str(q.pk)] = ["4"]
            elif q.kind == QuestionKind.SINGLE:
                raw[str(q.pk)] = ["0"]
        answer_by_code(actor=SYSTEM, token=token, raw=raw)


def seed_acceptance(*, seed: int = 1, say: Callable[[str], None] | None = None) -> AcceptanceResult:
    started = time.perf_counter()
    result = AcceptanceResult()
    year = timezone.localdate().year
    city = Union.objects.filter(code=data.CITY_CODE).first()
    if (
        city is None
        or AcceptanceRound.objects.filter(year=year).exists()
        or not CentreStandard.objects.filter(year=year).exists()
    ):
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    today = timezone.localdate()
    centres = [
        c
        for c in ServiceCentre.objects.filter(
            union__path__startswith=city.path,
            is_active=True,
            level__in=[ServiceCentre.Level.STREET, ServiceCentre.Level.DISTRICT],
        )
        .select_related("union")
        .order_by("id")[:40]
        if _district(c) is not None
    ][:6]
    with transaction.atomic():
        round_ = svc.round_open(
            actor=SYSTEM,
            data=svc.RoundInput(
                year=year,
                standard_year=year,
                self_inspection_due=today - dt.timedelta(days=30),
                application_due=today - dt.timedelta(days=20),
                inspection_due=today + dt.timedelta(days=30),
            ),
        )
        for n, centre in enumerate(centres):
            acceptance = svc.acceptance_start(actor=SYSTEM, round=round_, centre=centre)
            result.acceptances += 1
            if n == 5:
                continue  # still self-inspecting
            for item in acceptance.items.all():
                svc.self_inspect_item(actor=SYSTEM, item=item, met=True, note="见台账")
            svc.self_report_save(
                actor=SYSTEM,
                acceptance=acceptance,
                report=f"{centre.name}按{year}年度建设标准完成自查，台账齐全。",
            )
            district = _district(centre)
            assert district is not None
            svc.application_submit(
                actor=SYSTEM, union=district, round=round_, acceptances=[acceptance]
            )
            if n == 4:
                continue  # waiting for the city's inspection
            _survey(centre, SATISFIED[n])
            for item in acceptance.items.all():
                svc.inspect_item(
                    actor=SYSTEM,
                    item=item,
                    data=svc.InspectionInput(met=True, seen="实地察看", ledgers="台账齐全"),
                )
            svc.inspection_complete(actor=SYSTEM, acceptance=acceptance)
            acceptance.refresh_from_db()
            if n in (0, 1):
                svc.acceptance_approve(actor=SYSTEM, acceptance=acceptance)
                svc.acceptance_publish(actor=SYSTEM, acceptance=acceptance)
                result.published += 1
            if n == 0:
                svc.award_record(
                    actor=SYSTEM, acceptance=acceptance, amount=Decimal(50000), note="验收奖励"
                )
                svc.acceptance_finalise(actor=SYSTEM, acceptance=acceptance)
    result.seconds = time.perf_counter() - started
    return result
