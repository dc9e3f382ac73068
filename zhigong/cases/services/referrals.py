"""Referral to a government department (CASE-3): the department (from the operators' list),
the date referred, its own due date, chasing (催办) and the department's answer. The case
stays open and on the union's clock: the union still answers the requester itself."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import permissions
from zhigong.cases.choices import ON_THE_CLOCK, ReferralStatus, StepKind
from zhigong.cases.models import REFERRAL_FLOW, Case, GovernmentDepartment, Referral, ReferralChase
from zhigong.cases.timeline import step
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition

NOTE_MAX = 2000


def _text(value: str, field: str, *, required: str = "", limit: int = NOTE_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError(required, fields={field: required})
    if len(text) > limit:
        message = _("不能超过 %(n)d 个字。") % {"n": limit}
        raise DomainError(message, fields={field: message})
    return text


def _manage(actor: Actor, case: Case) -> None:
    permissions.require(permissions.can_manage_case(actor, case), user=actor, case=case)


@service
def case_refer(
    *,
    actor: Actor,
    case: Case,
    department: GovernmentDepartment,
    due_on: dt.date,
    note: str = "",
) -> Referral:
    """Refer the case to a department, with the date it should answer by."""
    _manage(actor, case)
    if case.status not in ON_THE_CLOCK:
        raise DomainError(_("受理后、答复前的诉求才能转请政府部门。"), code="referral_not_open")
    if department is None or not department.is_active:
        message = _("请选择部门。")
        raise DomainError(message, fields={"department": message})
    today = timezone.localdate()
    if due_on is None or due_on < today:
        message = _("部门答复期限不能早于今天。")
        raise DomainError(message, fields={"due_on": message})
    note = _text(note, "note")
    referral = Referral.objects.create(
        case=case,
        department=department,
        referred_on=today,
        due_on=due_on,
        note=note,
        referred_by=acting_user(actor),
    )
    step(
        case,
        StepKind.REFERRED,
        actor=actor,
        note=_("转请%(dept)s，期限 %(due)s%(note)s")
        % {"dept": department.name, "due": due_on, "note": f"：{note}" if note else ""},
    )
    audit_record(
        actor=actor,
        action="case.refer",
        target=case,
        union=case.union,
        reason=note,
        changes={"department": [None, department.name], "due_on": [None, str(due_on)]},
    )
    return referral


@service
def referral_chase(*, actor: Actor, referral: Referral, note: str) -> ReferralChase:
    """Record a chase (催办) of the department."""
    case = referral.case
    _manage(actor, case)
    REFERRAL_FLOW.expect(referral, ReferralStatus.OPEN, message=_("部门已回复，无需催办。"))
    note = _text(note, "note", required=_("请填写催办情况。"), limit=500)
    chase = ReferralChase.objects.create(referral=referral, actor=acting_user(actor), note=note)
    step(
        case,
        StepKind.CHASED,
        actor=actor,
        note=_("催办%(dept)s：%(note)s") % {"dept": referral.department.name, "note": note},
    )
    audit_record(actor=actor, action="case.chase", target=case, union=case.union, reason=note)
    return chase


@service
def referral_answer(
    *, actor: Actor, referral: Referral, answer: str, answered_on: dt.date | None = None
) -> Referral:
    """Record the department's answer (the union then answers the requester itself)."""
    case = referral.case
    _manage(actor, case)
    answer = _text(answer, "answer", required=_("请填写部门的答复。"))
    answered_on = answered_on or timezone.localdate()
    if answered_on > timezone.localdate() or answered_on < referral.referred_on:
        message = _("答复日期应在转请日期与今天之间。")
        raise DomainError(message, fields={"answered_on": message})
    referral.answer, referral.answered_on = answer, answered_on
    transition(
        referral,
        REFERRAL_FLOW,
        ReferralStatus.ANSWERED,
        actor=actor,
        union=case.union,
        action="case_referral.answer",
        from_=(ReferralStatus.OPEN,),
        message=_("部门已回复过。"),
    )
    step(
        case,
        StepKind.REFERRAL_ANSWERED,
        actor=actor,
        note=_("%(dept)s答复：%(answer)s") % {"dept": referral.department.name, "answer": answer},
    )
    return referral
