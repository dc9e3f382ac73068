"""The requester's own steps on their case: add information and attachments, rate the
answer (1-5 stars and a comment), reopen an answer they are not satisfied with (within
``REOPEN_DAYS`` of the last reply). Nobody else may take them: anyone else gets the same
answer as for a case that does not exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import figures, files, permissions
from zhigong.cases.choices import CaseStatus, StepKind
from zhigong.cases.models import CASE_FLOW, Case
from zhigong.cases.services.handling import start_clock
from zhigong.cases.timeline import staff_url, step
from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify

REOPEN_DAYS = 15
INFO_MAX = 2000
COMMENT_MAX = 500


def _own(actor: Actor, case: Case) -> None:
    permissions.require(permissions.is_requester(actor, case), user=actor, case=case)


def reopen_until(case: Case) -> dt.datetime | None:
    """Until when the requester may reopen (None: not answered, so nothing to reopen)."""
    if case.replied_at is None:
        return None
    return case.replied_at + dt.timedelta(days=REOPEN_DAYS)


def can_reopen_now(case: Case, now: dt.datetime | None = None) -> bool:
    until = reopen_until(case)
    return (
        until is not None
        and (now or timezone.now()) <= until
        and case.status in (CaseStatus.REPLIED, CaseStatus.CLOSED)
    )


@service
def case_add_info(*, actor: Actor, case: Case, text: str = "", uploads: Iterable[Any] = ()) -> Case:
    """The requester adds information or files (before the case is closed)."""
    _own(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise DomainError(_("该诉求已办结；如对答复不满意，请申请重新办理。"), code="case_closed")
    text = (text or "").strip()
    if len(text) > INFO_MAX:
        message = _("不能超过 %(n)d 个字。") % {"n": INFO_MAX}
        raise DomainError(message, fields={"text": message})
    checked = files.check_uploads(uploads)
    if not text and not checked:
        message = _("请填写补充内容或选择文件。")
        raise DomainError(message, fields={"text": message})
    made = step(case, StepKind.INFO_ADDED, actor=actor, note=text)
    audit_record(
        actor=actor,
        action="case.add_info",
        target=case,
        union=case.union,
        changes={"attachments": [None, len(checked)]} if checked else None,
    )
    if case.handler is not None:
        notify(
            case.handler,
            title=_("求助人补充了材料：%(ref)s") % {"ref": case.reference},
            body=text[:200],
            url=staff_url(case),
        )
    files.save_attachments(case, checked, uploader=actor, step=made)
    return case


@service
def case_rate(*, actor: Actor, case: Case, rating: int, comment: str = "") -> Case:
    """The requester rates the answer: 1 to 5 stars, with a comment; rating again replaces
    the earlier rating."""
    _own(actor, case)
    if case.status not in (CaseStatus.REPLIED, CaseStatus.CLOSED):
        raise DomainError(_("收到答复后才能评价。"), code="not_answered")
    try:
        stars = int(rating)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        message = _("请选择 1 至 5 星。")
        raise DomainError(message, fields={"rating": message})
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        message = _("不能超过 %(n)d 个字。") % {"n": COMMENT_MAX}
        raise DomainError(message, fields={"comment": message})
    old = case.rating
    case.rating, case.rating_comment, case.rated_at = stars, comment, timezone.now()
    case.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    figures.rated(case, old)
    step(
        case,
        StepKind.RATED,
        actor=actor,
        note="★" * stars + "☆" * (5 - stars) + (f" {comment}" if comment else ""),
    )
    audit_record(
        actor=actor,
        action="case.rate",
        target=case,
        union=case.union,
        changes={"rating": [old, stars]},
    )
    return case


@service
def case_reopen(*, actor: Actor, case: Case, reason: str) -> Case:
    """An unsatisfied requester reopens the case within ``REOPEN_DAYS`` of the last reply:
    it goes back to its handler (or the centre), with a new deadline."""
    _own(actor, case)
    reason = (reason or "").strip()
    if not reason:
        message = _("请说明不满意的原因。")
        raise DomainError(message, fields={"reason": message})
    if len(reason) > COMMENT_MAX:
        message = _("不能超过 %(n)d 个字。") % {"n": COMMENT_MAX}
        raise DomainError(message, fields={"reason": message})
    CASE_FLOW.expect(
        case, CaseStatus.REPLIED, CaseStatus.CLOSED, message=_("该诉求尚未答复，无需重新办理。")
    )
    if not can_reopen_now(case):
        raise DomainError(
            _("答复已超过 %(n)d 天，不能再申请重新办理；如有新的问题，请重新提交诉求。")
            % {"n": REOPEN_DAYS},
            code="reopen_expired",
        )
    case.closed_at = None
    start_clock(case)
    target = CaseStatus.ASSIGNED if case.handler_id else CaseStatus.ACCEPTED
    old = transition(
        case, CASE_FLOW, target, actor=actor, union=case.union, action="case.reopen", reason=reason
    )
    figures.moved(case, old)
    step(case, StepKind.REOPENED, actor=actor, note=reason)
    if case.handler is not None:
        notify(
            case.handler,
            title=_("求助人申请重新办理：%(ref)s") % {"ref": case.reference},
            body=reason[:200],
            url=staff_url(case),
        )
    return case
