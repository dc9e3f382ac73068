"""Demo surveys: a centre survey with answers by code and by card, the city's case survey;
once only."""

from __future__ import annotations

import pytest

from zhigong.demo.cases import seed_cases
from zhigong.demo.members import seed_members
from zhigong.demo.surveys import WALK_INS, seed_surveys
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.surveys import satisfaction
from zhigong.surveys.models import Response, Survey
from zhigong.unions.models import ServiceCentre, Union


@pytest.mark.django_db
def test_seed_surveys_answers_and_runs_once() -> None:
    _tiny_tree()
    ServiceCentre.objects.create(
        union=Union.objects.get(code="WH-420102"), name="江岸区职工服务中心"
    )
    seed_members(seed=1, count=40)
    seed_cases(seed=1)

    result = seed_surveys(seed=1)

    assert result.created == 2
    centre = Survey.objects.get(target_kind="centre_visitors")
    assert centre.status == "open"
    channels = set(Response.objects.filter(survey=centre).values_list("channel", flat=True))
    assert channels == {"code", "card"}
    assert Response.objects.filter(survey=centre, channel="code").count() == WALK_INS
    rate = satisfaction.survey_rate(centre)
    assert rate is not None and 60 < rate < 100
    assert Survey.objects.filter(target_kind="case_requesters").exists()
    again = seed_surveys(seed=1)
    assert again.already_loaded and Survey.objects.count() == 2
