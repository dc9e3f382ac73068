"""Route entries of the surveys app (``tests/test_routes.py`` walks them over the cast).

The cast's survey is about the visitors of 大智街道职工服务中心 (a centre of SA), open now: its
staff pages are for those whose ``survey.view``/``survey.manage`` cover SA (the city's and
the district's administrators, SA's centre staff); the member at GA may answer it; everyone
else gets 404. A one-time code's page is public."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.models import Survey
from zhigong.surveys.services.organise import (
    QuestionInput,
    SurveyInput,
    codes_issue,
    satisfaction_question,
    survey_create,
    survey_move,
)
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre

SURVEY_STAFF = {"city_admin", "district_admin", "street_staff", "other_admin"}
OVER_SA = {"city_admin", "district_admin", "street_staff"}


def cast_centre(cast: Cast) -> ServiceCentre:
    found = ServiceCentre.objects.filter(union=cast.unions["SA"]).order_by("id").first()
    return found or ServiceCentre.objects.create(
        union=cast.unions["SA"], name="大智街道职工服务中心"
    )


def survey_input(title: str = "服务中心满意度测评") -> SurveyInput:
    now = timezone.now()
    return SurveyInput(
        title=title,
        intro="请根据您的体验作答。",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
        questions=[
            satisfaction_question(),
            QuestionInput(kind=QuestionKind.RATING, text="服务态度"),
            QuestionInput(
                kind=QuestionKind.MULTIPLE,
                text="您用过哪些服务？",
                choices=["法律咨询", "职业介绍", "心理辅导"],
                required=False,
            ),
            QuestionInput(kind=QuestionKind.TEXT, text="意见和建议", required=False),
        ],
    )


def cast_survey(cast: Cast) -> Survey:
    """The cast's centre survey (made once), open."""
    centre = cast_centre(cast)
    found = Survey.objects.filter(target_kind="centre_visitors", target_id=centre.pk).first()
    if found is not None:
        return found
    survey = survey_create(
        actor=SYSTEM, target_kind="centre_visitors", target_id=centre.pk, data=survey_input()
    )
    return survey_move(actor=SYSTEM, survey=survey, step="open")


def cast_code(cast: Cast) -> str:
    """A fresh one-time code of the cast's survey."""
    return codes_issue(actor=SYSTEM, survey=cast_survey(cast), count=1)[0]
