"""Every scoped read of the surveys app: the workbench's surveys (those of the unions in the
user's ``survey.view`` scope), the surveys a respondent may answer, and the union whose
results are asked for."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from zhigong.core.errors import NotFound
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.surveys.choices import SurveyStatus
from zhigong.surveys.models import Survey
from zhigong.surveys.services.answering import may_answer
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

ROOT_STEP = 4  # a federation's path is its first step (``Union.steplen``)
OFFERED_MAX = 50


def staff_surveys(user: Any) -> QuerySet[Survey]:
    found = policy.path_filter(policy.scope_paths(user, Perm.SURVEY_VIEW), "union__path")
    return Survey.objects.filter(found).select_related("union").order_by("-opens_at", "-id")


def staff_survey(user: Any, pk: int) -> Survey:
    """One survey the user may see; any other is unknown (404)."""
    found = staff_surveys(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _open_in_federation(user: Any) -> QuerySet[Survey]:
    """The surveys taking answers now in the user's federation (a member's union's root;
    for someone without a member record, every federation: the target kind decides)."""
    now = timezone.now()
    found = Survey.objects.filter(
        status=SurveyStatus.OPEN, opens_at__lte=now, closes_at__gt=now
    ).select_related("union")
    member_union = (
        Member.objects.filter(user_id=user.pk, status=MemberStatus.ACTIVE)
        .values_list("union__path", flat=True)
        .first()
    )
    if member_union:
        found = found.filter(union__path__startswith=member_union[:ROOT_STEP])
    return found.order_by("closes_at", "id")


def open_for(target_kind: str, target_ids: list[int]) -> dict[int, Survey]:
    """The survey taking answers now for each of these targets (the one closing first where
    several are), in one query: for pages that list targets, such as the centre finder."""
    now = timezone.now()
    found = Survey.objects.filter(
        target_kind=target_kind,
        target_id__in=target_ids,
        status=SurveyStatus.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
    ).order_by("-closes_at", "-id")
    return {survey.target_id: survey for survey in found}  # the last written wins


def offered(user: Any) -> list[Survey]:
    """The open surveys this user may answer (the target kinds decide, one by one)."""
    if not getattr(user, "pk", None):
        return []
    return [s for s in _open_in_federation(user)[:OFFERED_MAX] if may_answer(s, user)]


def offered_survey(user: Any, pk: int) -> Survey:
    """A survey the user may answer, open or not any more (to say so); else 404."""
    found = Survey.objects.filter(pk=pk).exclude(status=SurveyStatus.DRAFT)
    survey = found.select_related("union").first()
    if survey is None or not may_answer(survey, user):
        raise NotFound()
    return survey


def results_union(user: Any, survey: Survey, code: str = "") -> Union:
    """The union whose results are shown: ``code`` when it lies in the survey's subtree and
    the user's scope, else the survey's own union."""
    code = code.strip()
    if not code:
        return survey.union
    found = Union.objects.filter(code=code, path__startswith=survey.union.path).first()
    if found is None or not policy.has_perm(user, Perm.SURVEY_VIEW, found):
        raise NotFound()
    return found
