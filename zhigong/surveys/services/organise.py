"""Making a survey: create it about a target (``targets``), edit it while a draft, open it
for its period and close it (``SURVEY_FLOW``); print a sheet of one-time codes.

Questions come as ``QuestionInput``s (the staff form writes them as lines, ``lines.py``).
The overall-satisfaction question, if wanted, is the fixed single choice of
``SATISFACTION_CHOICES`` (``satisfaction.py``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.surveys import permissions, targets
from zhigong.surveys.choices import SATISFACTION_CHOICES, QuestionKind, SurveyStatus
from zhigong.surveys.models import SURVEY_FLOW, Question, Survey, SurveyCode
from zhigong.unions import policy
from zhigong.unions.roles import Perm

TITLE_MAX = 100
INTRO_MAX = 2000
QUESTIONS_MAX = 50
CHOICES_MAX = 20
CODES_MAX = 500  # one printed sheet


@dataclass
class QuestionInput:
    kind: str
    text: str
    required: bool = True
    choices: list[str] = field(default_factory=list)
    is_satisfaction: bool = False


@dataclass
class SurveyInput:
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    intro: str = ""
    questions: list[QuestionInput] = field(default_factory=list)


def satisfaction_question() -> QuestionInput:
    return QuestionInput(
        kind=QuestionKind.SINGLE,
        text=_("您对本次服务的总体评价"),
        choices=list(SATISFACTION_CHOICES),
        is_satisfaction=True,
    )


def _check(data: SurveyInput) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("请填写标题。")
    elif len(data.title) > TITLE_MAX:
        errors["title"] = _("不能超过 %(n)d 个字。") % {"n": TITLE_MAX}
    if len(data.intro) > INTRO_MAX:
        errors["intro"] = _("不能超过 %(n)d 个字。") % {"n": INTRO_MAX}
    if data.opens_at is None or data.closes_at is None:
        errors["closes_at"] = _("请填写测评的开始和结束时间。")
    elif data.closes_at <= data.opens_at:
        errors["closes_at"] = _("结束时间须晚于开始时间。")
    problem = _questions_problem(data.questions)
    if problem:
        errors["questions"] = problem
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)


def _questions_problem(questions: list[QuestionInput]) -> str:
    if not questions:
        return _("请至少设置一道题目。")
    if len(questions) > QUESTIONS_MAX:
        return _("题目不能超过 %(n)d 道。") % {"n": QUESTIONS_MAX}
    if sum(q.is_satisfaction for q in questions) > 1:
        return _("总体满意度题只能有一道。")
    for n, q in enumerate(questions, start=1):
        where = {"n": n}
        if q.kind not in QuestionKind.values:
            return _("第 %(n)d 题：题型无效。") % where
        if not q.text.strip() or len(q.text) > 200:
            return _("第 %(n)d 题：请填写题目（不超过 200 字）。") % where
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            labels = [c.strip() for c in q.choices]
            if len(labels) < 2 or len(labels) > CHOICES_MAX or not all(labels):
                return _("第 %(n)d 题：选择题须有 2 至 %(max)d 个选项。") % {
                    **where,
                    "max": CHOICES_MAX,
                }
            if len(set(labels)) != len(labels):
                return _("第 %(n)d 题：选项不能重复。") % where
        elif q.choices:
            return _("第 %(n)d 题：只有选择题才有选项。") % where
        if q.is_satisfaction and (
            q.kind != QuestionKind.SINGLE or tuple(q.choices) != SATISFACTION_CHOICES
        ):
            return _("总体满意度题须为单选，选项依次为：满意、基本满意、一般、不满意。")
    return ""


def account_of(actor: Actor) -> Any:
    """The account acting, or None for the platform (``SYSTEM`` has none)."""
    return actor if getattr(actor, "pk", None) else None


def _write_questions(survey: Survey, questions: list[QuestionInput]) -> None:
    survey.questions.all().delete()
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=n,
            kind=q.kind,
            text=q.text.strip(),
            required=q.required,
            choices=[c.strip() for c in q.choices],
            is_satisfaction=q.is_satisfaction,
        )
        for n, q in enumerate(questions, start=1)
    )


@service
def survey_create(*, actor: Actor, target_kind: str, target_id: int, data: SurveyInput) -> Survey:
    """A draft survey about the target; it belongs to the target's union."""
    kind = targets.get(target_kind)
    target = kind.find(target_id) if kind else None
    if kind is None or target is None:
        message = _("请选择测评对象。")
        raise DomainError(message, fields={"target": message})
    union = kind.union_of(target)
    policy.require_perm(actor, Perm.SURVEY_MANAGE, union)
    _check(data)
    survey = Survey.objects.create(
        union=union,
        target_kind=kind.key,
        target_id=target_id,
        title=data.title.strip(),
        intro=data.intro.strip(),
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        created_by=account_of(actor),
    )
    _write_questions(survey, data.questions)
    audit_record(
        actor=actor,
        action="survey.create",
        target=survey,
        union=union,
        changes={"title": [None, survey.title]},
    )
    return survey


@service
def survey_update(*, actor: Actor, survey: Survey, data: SurveyInput) -> Survey:
    """Edit a draft: its words, its period and its questions (replaced as a whole)."""
    survey = Survey.objects.select_for_update().select_related("union").get(pk=survey.pk)
    permissions.require(permissions.can_manage(actor, survey), user=actor, survey=survey)
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(_("测评已开始，题目不能再修改。"), code="not_draft")
    _check(data)
    before = {"title": survey.title, "opens_at": survey.opens_at, "closes_at": survey.closes_at}
    survey.title, survey.intro = data.title.strip(), data.intro.strip()
    survey.opens_at, survey.closes_at = data.opens_at, data.closes_at
    survey.save()
    _write_questions(survey, data.questions)
    changes = {k: [str(v), str(getattr(survey, k))] for k, v in before.items()}
    audit_record(
        actor=actor, action="survey.update", target=survey, union=survey.union, changes=changes
    )
    return survey


MOVES = {"open": SurveyStatus.OPEN, "close": SurveyStatus.CLOSED}


@service
def survey_move(*, actor: Actor, survey: Survey, step: str) -> Survey:
    """Open a draft for answers (within its period), or close an open survey."""
    survey = Survey.objects.select_for_update().select_related("union").get(pk=survey.pk)
    permissions.require(permissions.can_manage(actor, survey), user=actor, survey=survey)
    if step not in MOVES:
        raise DomainError(_("不支持的操作。"))
    transition(survey, SURVEY_FLOW, MOVES[step], actor=actor, union=survey.union)
    return survey


def code_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


@service
def codes_issue(*, actor: Actor, survey: Survey, count: int) -> list[str]:
    """``count`` new one-time codes for walk-in visitors. The tokens are returned once (for
    the printed sheet) and only their digests kept."""
    survey = Survey.objects.select_related("union").get(pk=survey.pk)
    permissions.require(permissions.can_manage(actor, survey), user=actor, survey=survey)
    kind = targets.get(survey.target_kind)
    if kind is None or not kind.walk_in:
        raise DomainError(_("该测评对象不接受现场扫码测评。"), code="no_walk_in")
    if survey.status == SurveyStatus.CLOSED:
        raise DomainError(_("测评已结束。"), code="closed")
    if not 1 <= count <= CODES_MAX:
        message = _("每次可生成 1 至 %(n)d 个测评码。") % {"n": CODES_MAX}
        raise DomainError(message, fields={"count": message})
    tokens = [secrets.token_urlsafe(12) for _n in range(count)]
    creator = account_of(actor)
    SurveyCode.objects.bulk_create(
        SurveyCode(survey=survey, digest=code_digest(t), created_by=creator) for t in tokens
    )
    audit_record(
        actor=actor,
        action="survey.codes_issue",
        target=survey,
        union=survey.union,
        changes={"codes": [None, count]},
    )
    return tokens
