"""Answering a survey: by a logged-in member or case requester, by a member's card read at
the desk (staff enter the paper form), or by a one-time code (a walk-in visitor's phone, no
login).

The answers are checked against the questions first (``validate``: a clear message, nothing
written). Then: one response per member and per account is held by unique constraints (two
submissions at once: the second fails on the constraint and is told it already answered);
one per code by a conditional update (``used_at`` set only where it is still empty), so a
code scanned twice at the same moment is used once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.errors import Conflict, DomainError
from zhigong.core.service import service
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.services.cards import card_holder
from zhigong.surveys import permissions, results, targets
from zhigong.surveys.choices import Channel, QuestionKind, SurveyStatus
from zhigong.surveys.models import Answer, Question, Response, Survey, SurveyCode
from zhigong.surveys.services.organise import account_of, code_digest

TEXT_MAX = 2000
RATINGS = ("1", "2", "3", "4", "5")
# What a respondent sends: per question id (as text), the values chosen (a rating, the
# indexes of the choices) or the words written, as a list.
Raw = Mapping[str, Sequence[str]]


def is_taking_answers(survey: Survey) -> bool:
    now = timezone.now()
    return survey.status == SurveyStatus.OPEN and survey.opens_at <= now < survey.closes_at


def _require_open(survey: Survey) -> None:
    if not is_taking_answers(survey):
        raise DomainError(_("该测评现在不接受答卷（未开始或已结束）。"), code="survey_closed")


def validate(questions: Sequence[Question], raw: Raw) -> list[Answer]:
    """The answers (unsaved) for ``raw``; a ``DomainError`` naming every question at fault
    (field ``q<id>``) when any answer is missing or not one the question allows."""
    errors: dict[str, str] = {}
    answers: list[Answer] = []
    for q in questions:
        given = [str(v).strip() for v in raw.get(str(q.pk), ()) if str(v).strip()]
        key = f"q{q.pk}"
        if not given:
            if q.required:
                errors[key] = _("第 %(n)d 题为必答题。") % {"n": q.position}
            continue
        if q.kind == QuestionKind.TEXT:
            words = "\n".join(given)
            if len(words) > TEXT_MAX:
                errors[key] = _("第 %(n)d 题不能超过 %(max)d 字。") % {
                    "n": q.position,
                    "max": TEXT_MAX,
                }
            else:
                answers.append(Answer(question=q, text=words))
            continue
        allowed = (
            RATINGS if q.kind == QuestionKind.RATING else tuple(map(str, range(len(q.choices))))
        )
        many = q.kind == QuestionKind.MULTIPLE
        if (not many and len(given) > 1) or len(set(given)) != len(given):
            errors[key] = _("第 %(n)d 题只能选一项。") % {"n": q.position}
        elif any(v not in allowed for v in given):
            errors[key] = _("第 %(n)d 题的答案不在选项之中。") % {"n": q.position}
        else:
            answers.extend(Answer(question=q, value=v) for v in given)
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors, code="answers_invalid")
    return answers


def _save(survey: Survey, answers: list[Answer], **who: Any) -> Response:
    response = Response.objects.create(survey=survey, **who)
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    results.answered(survey, response, answers)
    return response


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("position"))


def _member_of(user: Any) -> Member | None:
    if not getattr(user, "pk", None):
        return None
    return (
        Member.objects.select_related("union")
        .filter(user_id=user.pk, status=MemberStatus.ACTIVE)
        .first()
    )


def may_answer(survey: Survey, user: Any) -> bool:
    kind = targets.get(survey.target_kind)
    target = kind.find(survey.target_id) if kind else None
    return (
        kind is not None and target is not None and kind.may_answer(target, user, _member_of(user))
    )


def already_answered(survey: Survey, user: Any) -> bool:
    member = _member_of(user)
    mine = Response.objects.filter(survey=survey, user_id=user.pk)
    if member is not None:
        mine = mine | Response.objects.filter(survey=survey, member=member)
    return mine.exists()


_ALREADY = _("您已提交过该测评，每人只能答一次。")


def _once(save: Any) -> Response:
    """Run ``save`` in a savepoint: the unique constraints turn a second response into a
    clear refusal, also when two arrive at the same moment."""
    try:
        with transaction.atomic():
            response: Response = save()
            return response
    except IntegrityError:
        raise Conflict(str(_ALREADY), code="already_answered") from None


@service
def answer_by_login(*, actor: Actor, survey: Survey, raw: Raw) -> Response:
    """A logged-in respondent answers (a member counts under their union)."""
    survey = Survey.objects.select_related("union").get(pk=survey.pk)
    _require_open(survey)
    if not may_answer(survey, actor):
        raise DomainError(_("您不在该测评的范围内。"), code="not_respondent")
    answers = validate(_questions(survey), raw)
    member = _member_of(actor)
    if already_answered(survey, actor):
        raise Conflict(str(_ALREADY), code="already_answered")
    union = results.counting_union(survey, member.union if member else None)
    return _once(
        lambda: _save(
            survey, answers, union=union, channel=Channel.LOGIN, member=member, user=actor
        )
    )


@service
def answer_by_card(
    *, actor: Actor, survey: Survey, raw: Raw, token: str = "", number: str = ""
) -> Response:
    """Staff at the desk read a member's card and enter the member's paper answers."""
    survey = Survey.objects.select_related("union").get(pk=survey.pk)
    permissions.require(permissions.can_manage(actor, survey), user=actor, survey=survey)
    _require_open(survey)
    token, number = token.strip(), "".join(number.split())
    if not (token or number):
        message = _("请扫描会员卡二维码或输入卡号。")
        raise DomainError(message, fields={"number": message})
    member = card_holder(token=token) if token else card_holder(number=number)
    if member is None:
        message = _("会员卡无效：卡号有误、二维码已过期，或卡已挂失、停用。")
        raise DomainError(message, fields={"number": message}, code="card_invalid")
    kind = targets.get(survey.target_kind)
    target = kind.find(survey.target_id) if kind else None
    if kind is None or target is None or not kind.may_answer(target, member.user, member):
        raise DomainError(_("该会员不在该测评的范围内。"), code="not_respondent")
    answers = validate(_questions(survey), raw)
    if Response.objects.filter(survey=survey, member=member).exists():
        raise Conflict(_("该会员已提交过该测评。"), code="already_answered")
    return _once(
        lambda: _save(
            survey,
            answers,
            union=results.counting_union(survey, member.union),
            channel=Channel.CARD,
            member=member,
            entered_by=account_of(actor),
        )
    )


def code_survey(token: str) -> tuple[SurveyCode | None, Survey | None]:
    """The code and its survey, for the answering page (None, None for an unknown code)."""
    code = (
        SurveyCode.objects.select_related("survey__union").filter(digest=code_digest(token)).first()
        if token.strip()
        else None
    )
    return code, code.survey if code else None


USED = _("该测评码已使用过，每个码只能答一次。")


@service
def answer_by_code(*, actor: Actor, token: str, raw: Raw) -> Response:
    """A walk-in visitor answers with a one-time code (no login: the page passes ``SYSTEM``,
    as the sign-up pages do; the code is the visitor's only credential)."""
    code, survey = code_survey(token)
    if code is None or survey is None:
        raise DomainError(_("测评码无效。"), code="code_invalid")
    _require_open(survey)
    answers = validate(_questions(survey), raw)
    # One conditional update: of two answers with the same code at once, one sets used_at
    # (1 row) and the other finds it set (0 rows), whatever the database.
    taken = SurveyCode.objects.filter(pk=code.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if taken != 1:
        raise Conflict(str(USED), code="code_used")
    return _save(survey, answers, union=survey.union, channel=Channel.CODE, code=code)
