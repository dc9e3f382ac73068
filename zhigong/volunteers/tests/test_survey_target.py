"""A project's participants as a survey target: the organising union surveys the volunteers
who signed up (only they may answer, each once)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhigong.core.errors import Conflict, DomainError, PermissionDenied
from zhigong.surveys import targets
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.services.answering import answer_by_login, may_answer
from zhigong.surveys.services.organise import (
    QuestionInput,
    SurveyInput,
    satisfaction_question,
    survey_create,
    survey_move,
)
from zhigong.surveys.tests.conftest import answers_for
from zhigong.testing.cast import Cast
from zhigong.volunteers.services.projects import project_sign_up, project_withdraw
from zhigong.volunteers.tests.service_fixtures import approved_volunteer, open_project

pytestmark = pytest.mark.django_db


def _input() -> SurveyInput:
    now = timezone.now()
    return SurveyInput(
        title="金秋助学项目志愿者回访",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        questions=[satisfaction_question(), QuestionInput(kind=QuestionKind.RATING, text="组织")],
    )


def test_the_kind_is_registered_and_lists_the_unions_projects(cast: Cast) -> None:
    kind = targets.get("project_participants")
    assert kind is not None
    project = open_project(cast)
    from zhigong.unions.models import Union

    assert (project.pk, project.title) in kind.choices(Union.objects.filter(code="GA"))
    assert kind.choices(Union.objects.filter(code="GB")) == []
    assert kind.union_of(kind.find(project.pk)) == cast.unions["GA"]


def test_only_the_signed_up_volunteers_answer_once(cast: Cast) -> None:
    project = open_project(cast)
    volunteer = approved_volunteer(cast)  # 张伟, the cast's member, with an account
    signup = project_sign_up(actor=cast.users["member"], project=project)
    assert signup.volunteer == volunteer
    survey = survey_create(
        actor=cast.users["district_admin"],
        target_kind="project_participants",
        target_id=project.pk,
        data=_input(),
    )
    assert survey.union == cast.unions["GA"]
    survey = survey_move(actor=cast.users["district_admin"], survey=survey, step="open")
    member = cast.users["member"]
    assert may_answer(survey, member)
    answer_by_login(actor=member, survey=survey, raw=answers_for(survey))
    with pytest.raises(Conflict):
        answer_by_login(actor=member, survey=survey, raw=answers_for(survey))
    for other in ("outsider", "other_member", "officer"):
        if other not in cast.users:
            continue
        assert not may_answer(survey, cast.users[other])
        with pytest.raises(DomainError):
            answer_by_login(actor=cast.users[other], survey=survey, raw=answers_for(survey))
    # A volunteer who withdrew from the project is no longer asked.
    project_withdraw(actor=member, signup=signup)
    assert not may_answer(survey, member)


def test_a_union_outside_the_project_cannot_make_the_survey(cast: Cast) -> None:
    project = open_project(cast)
    with pytest.raises((PermissionDenied, DomainError)):
        survey_create(
            actor=cast.users["other_admin"],
            target_kind="project_participants",
            target_id=project.pk,
            data=_input(),
        )
