"""Demo surveys (EVAL-2): the satisfaction survey of 江岸区职工服务中心 (open, a few hundred
answers: walk-in visitors by one-time code, members read by card at the desk) and the city's
survey of its case handling (回访), answered by the demo's requesters whose cases were
answered (as many as there are).

Through the surveys services, with the demo's staff accounts (the audit log reads as real
work). Deterministic for a seed and idempotent: once the demo tree holds a survey, nothing
is added."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.cases.choices import CaseStatus
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.demo import data
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.models import MemberCard
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.models import Question, Survey
from zhigong.surveys.services.answering import answer_by_card, answer_by_code, answer_by_login
from zhigong.surveys.services.organise import (
    QuestionInput,
    SurveyInput,
    codes_issue,
    satisfaction_question,
    survey_create,
    survey_move,
)
from zhigong.unions.models import ServiceCentre, Union

WALK_INS = 180
AT_THE_DESK = 80
SUGGESTIONS = (
    "工作人员很耐心，法律咨询解答得很清楚。",
    "希望周末也能开放。",
    "等候时间有点长，建议增加窗口。",
    "心理疏导室环境很好。",
    "",
)


@dataclass
class SurveysResult:
    created: int = 0
    responses: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def _questions() -> list[QuestionInput]:
    return [
        satisfaction_question(),
        QuestionInput(kind=QuestionKind.RATING, text="工作人员的服务态度"),
        QuestionInput(kind=QuestionKind.RATING, text="办事效率"),
        QuestionInput(
            kind=QuestionKind.SINGLE,
            text="您是第几次来服务中心？",
            choices=["第一次", "两三次", "经常来"],
        ),
        QuestionInput(
            kind=QuestionKind.MULTIPLE,
            text="您这次办理了哪些服务？",
            choices=["法律咨询", "职业介绍", "困难帮扶", "心理疏导", "会员服务"],
            required=False,
        ),
        QuestionInput(kind=QuestionKind.TEXT, text="您的意见和建议", required=False),
    ]


def _answers(rng: random.Random, questions: list[Question]) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    for q in questions:
        if q.is_satisfaction:
            raw[str(q.pk)] = [rng.choices("0123", weights=(58, 26, 11, 5))[0]]
        elif q.kind == QuestionKind.RATING:
            raw[str(q.pk)] = [rng.choices("12345", weights=(2, 4, 12, 37, 45))[0]]
        elif q.kind == QuestionKind.SINGLE:
            raw[str(q.pk)] = [str(rng.randrange(len(q.choices)))]
        elif q.kind == QuestionKind.MULTIPLE:
            raw[str(q.pk)] = [str(i) for i in rng.sample(range(len(q.choices)), rng.randint(0, 2))]
        else:
            raw[str(q.pk)] = [rng.choice(SUGGESTIONS)]
    return raw


def seed_surveys(*, seed: int = 1, say: Callable[[str], None] | None = None) -> SurveysResult:
    started = time.perf_counter()
    result = SurveysResult()
    city = Union.objects.filter(code=data.CITY_CODE).first()
    if city is None or Survey.objects.filter(union__path__startswith=city.path).exists():
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    rng = random.Random(f"{seed}/surveys")
    users = {
        u.username: u for u in User.objects.filter(username__in=("jiangan_centre", "city_admin"))
    }
    now = timezone.now()
    with transaction.atomic():
        centre = ServiceCentre.objects.filter(union__code=f"{data.CITY_CODE}-420102").first()
        if centre is not None:
            staff = users.get("jiangan_centre", SYSTEM)
            survey = survey_create(
                actor=staff,
                target_kind="centre_visitors",
                target_id=centre.pk,
                data=SurveyInput(
                    title=f"{centre.name}职工满意度测评",
                    intro="感谢您来到服务中心。请花一分钟告诉我们您的感受，答卷不记名。",
                    opens_at=now - dt.timedelta(days=14),
                    closes_at=now + dt.timedelta(days=30),
                    questions=_questions(),
                ),
            )
            survey_move(actor=staff, survey=survey, step="open")
            questions = list(survey.questions.order_by("position"))
            result.created += 1
            for token in codes_issue(actor=staff, survey=survey, count=WALK_INS + 20)[:WALK_INS]:
                answer_by_code(actor=SYSTEM, token=token, raw=_answers(rng, questions))
                result.responses += 1
            cards = MemberCard.objects.filter(
                status=CardStatus.ACTIVE, member__status=MemberStatus.ACTIVE
            ).order_by("id")[:AT_THE_DESK]
            for card in cards:
                try:
                    answer_by_card(
                        actor=staff, survey=survey, raw=_answers(rng, questions), number=card.number
                    )
                except DomainError:
                    continue
                result.responses += 1
        survey = survey_create(
            actor=users.get("city_admin", SYSTEM),
            target_kind="case_requesters",
            target_id=city.pk,
            data=SurveyInput(
                title="职工诉求办理回访满意度测评",
                intro="您的诉求已办理答复，请评价我们的办理情况。",
                opens_at=now - dt.timedelta(days=7),
                closes_at=now + dt.timedelta(days=60),
                questions=[*_questions()[:3], _questions()[-1]],
            ),
        )
        survey_move(actor=users.get("city_admin", SYSTEM), survey=survey, step="open")
        questions = list(survey.questions.order_by("position"))
        result.created += 1
        requesters = User.objects.filter(
            cases__status__in=(CaseStatus.REPLIED, CaseStatus.CLOSED),
            cases__union__path__startswith=city.path,
        ).distinct()
        for user in requesters:
            answer_by_login(actor=user, survey=survey, raw=_answers(rng, questions))
            result.responses += 1
    if say:
        say(f"demo surveys: {result.created}, responses {result.responses}")
    result.seconds = time.perf_counter() - started
    return result
