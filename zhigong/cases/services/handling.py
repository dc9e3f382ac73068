"""The union's steps on a case (CASE-2, CASE-4): accept (which starts the clock), assign a
handler, reply (which stops it), close (only once answered), transfer to another centre or
down to a grassroots union, escalate to the upper union. Each step goes through
``transition()`` (the audit event) and adds a step to the case's timeline."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import deadlines, figures, permissions, routing
from zhigong.cases.choices import (
    CaseKind,
    CaseStatus,
    Complexity,
    Escalation,
    StepKind,
)
from zhigong.cases.models import CASE_FLOW, Case
from zhigong.cases.timeline import actor_name, case_url, staff_url, step
from zhigong.core.actors import Actor
from zhigong.core.calendar import working_days_between
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union, UnionKind
from zhigong.unions.roles import Perm

REPLY_MAX = 5000
REASON_MAX = 500
# A case is handed to another union (transfer, escalation) only before it is answered.
HANDED_OVER_FROM = (CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.ASSIGNED)


def _reason(text: str, *, required: str = "") -> str:
    text = (text or "").strip()
    if required and not text:
        raise DomainError(required, fields={"reason": required})
    if len(text) > REASON_MAX:
        message = _("不能超过 %(n)d 个字。") % {"n": REASON_MAX}
        raise DomainError(message, fields={"reason": message})
    return text


def start_clock(case: Case, *, today: Any = None) -> None:
    """Set the deadline and the warning days from ``today`` (acceptance, reopening)."""
    start = today or timezone.localdate()
    days = deadlines.working_days_for(case.kind, case.complexity)
    found = deadlines.clock(start, days)
    case.due_start, case.due_days = found.start, found.days
    case.due_date, case.due_provisional = found.due, found.provisional
    case.warn_50_on, case.warn_80_on = found.warn_50, found.warn_80
    case.warned_50_at = case.warned_80_at = case.deadline_passed_at = None


def stop_clock(case: Case) -> None:
    """The case leaves the union that held it: the next one starts its own clock."""
    case.due_start = case.due_days = case.due_date = None
    case.warn_50_on = case.warn_80_on = None
    case.due_provisional = False
    case.warned_50_at = case.warned_80_at = case.deadline_passed_at = None


@service
def case_accept(*, actor: Actor, case: Case, complexity: str = "", note: str = "") -> Case:
    """The holding union accepts (受理) the case: the clock starts (legal consultations 5
    working days; rights requests by the complexity given here)."""
    permissions.require(permissions.can_manage_case(actor, case), user=actor, case=case)
    note = _reason(note)
    CASE_FLOW.expect(case, CaseStatus.SUBMITTED, message=_("该诉求已受理。"))
    if complexity and complexity not in Complexity.values:
        raise DomainError(_("复杂程度无效。"), fields={"complexity": _("请选择。")})
    old_complexity = case.complexity
    case.complexity = complexity or case.complexity
    case.accepted_at = timezone.now()
    start_clock(case, today=timezone.localdate(case.accepted_at))
    old = transition(
        case,
        CASE_FLOW,
        CaseStatus.ACCEPTED,
        actor=actor,
        union=case.union,
        action="case.accept",
        reason=note,
        changes={
            "complexity": [old_complexity, case.complexity],
            "due_date": [None, str(case.due_date)],
        },
    )
    figures.moved(case, old)
    days_note = _("答复期限 %(due)s（%(n)d 个工作日%(mark)s）") % {
        "due": case.due_date,
        "n": case.due_days,
        "mark": _("，预计") if case.due_provisional else "",
    }
    step(case, StepKind.ACCEPTED, actor=actor, note="；".join(filter(None, [days_note, note])))
    notify(
        case.requester,
        title=_("您的诉求已受理"),
        body=_("编号 %(ref)s，将于 %(due)s 前答复您。")
        % {"ref": case.reference, "due": case.due_date},
        url=case_url(case),
    )
    return case


def handler_candidates(case: Case) -> Any:
    """Who may be assigned: every active account holding ``case.handle`` at the holding
    union (its officers or centre staff, the legal department and legal volunteers above)."""
    return policy.users_with_perm(Perm.CASE_HANDLE, case.union).order_by("full_name", "username")


@service
def case_assign(*, actor: Actor, case: Case, handler: Any, note: str = "") -> Case:
    """Assign (交办) the case to a handler, or to another one."""
    permissions.require(permissions.can_manage_case(actor, case), user=actor, case=case)
    note = _reason(note)
    CASE_FLOW.expect(
        case, CaseStatus.ACCEPTED, CaseStatus.ASSIGNED, message=_("该诉求当前不能交办。")
    )
    if handler is None or not handler_candidates(case).filter(pk=handler.pk).exists():
        message = _("此人不能办理该工会的案件，请从列表中选择。")
        raise DomainError(message, fields={"handler": message})
    old_handler = case.handler
    case.handler = handler
    old = transition(
        case,
        CASE_FLOW,
        CaseStatus.ASSIGNED,
        actor=actor,
        union=case.union,
        action="case.assign",
        reason=note,
        changes={
            "handler": [actor_name(old_handler) if old_handler else None, actor_name(handler)]
        },
    )
    figures.moved(case, old)
    step(
        case,
        StepKind.ASSIGNED,
        actor=actor,
        note="；".join(filter(None, [_("交给 %(name)s") % {"name": actor_name(handler)}, note])),
    )
    notify(
        handler,
        title=_("交给您办理：%(ref)s") % {"ref": case.reference},
        body=_("%(kind)s，答复期限 %(due)s。")
        % {"kind": CaseKind(case.kind).label, "due": case.due_date or "—"},
        url=staff_url(case),
    )
    return case


@service
def case_reply(*, actor: Actor, case: Case, body: str) -> Case:
    """Answer the requester (件件有回复): the clock stops; the first answer decides whether
    the case was answered on time."""
    permissions.require(permissions.can_reply(actor, case), user=actor, case=case)
    text = (body or "").strip()
    if not text:
        raise DomainError(_("请填写答复内容。"), fields={"body": _("请填写答复内容。")})
    if len(text) > REPLY_MAX:
        message = _("不能超过 %(n)d 个字。") % {"n": REPLY_MAX}
        raise DomainError(message, fields={"body": message})
    CASE_FLOW.expect(
        case,
        CaseStatus.ACCEPTED,
        CaseStatus.ASSIGNED,
        CaseStatus.REPLIED,
        message=_("请先受理该诉求，再答复。")
        if case.status == CaseStatus.SUBMITTED
        else _("该诉求已办结；求助人申请重新办理后才能再答复。"),
    )
    now = timezone.now()
    first = case.first_replied_at is None
    if first:
        today = timezone.localdate(now)
        case.first_replied_at = now
        case.replied_on_time = case.due_date is None or today <= case.due_date
        case.reply_working_days = max(
            0, working_days_between(timezone.localdate(case.created_at), today).days
        )
    case.replied_at = now
    old = transition(
        case, CASE_FLOW, CaseStatus.REPLIED, actor=actor, union=case.union, action="case.reply"
    )
    figures.moved(case, old)
    if first:
        assert case.reply_working_days is not None
        figures.counted(
            case,
            ("on_time", "yes" if case.replied_on_time else "no"),
            ("reply_days", figures.reply_bucket(case.reply_working_days)),
        )
    step(case, StepKind.REPLIED, actor=actor, note=text)
    notify(
        case.requester,
        title=_("您的诉求有了答复"),
        body=_("编号 %(ref)s：请查看答复，并为我们的服务评价。") % {"ref": case.reference},
        url=case_url(case),
    )
    return case


@service
def case_close(*, actor: Actor, case: Case, note: str = "") -> Case:
    """Close (办结) an answered case. A case nobody answered cannot close."""
    permissions.require(permissions.can_manage_case(actor, case), user=actor, case=case)
    note = _reason(note)
    if case.status in (CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.ASSIGNED):
        raise DomainError(
            _("该诉求还没有答复求助人，不能办结：请先在答复框中答复，再办结。"),
            code="reply_required",
        )
    CASE_FLOW.expect(case, CaseStatus.REPLIED, message=_("该诉求已办结。"))
    case.closed_at = timezone.now()
    old = transition(
        case,
        CASE_FLOW,
        CaseStatus.CLOSED,
        actor=actor,
        union=case.union,
        action="case.close",
        reason=note,
    )
    figures.moved(case, old)
    step(case, StepKind.CLOSED, actor=actor, note=note)
    notify(
        case.requester,
        title=_("您的诉求已办结"),
        body=_("编号 %(ref)s。如对答复不满意，可在答复后 15 天内申请重新办理。")
        % {"ref": case.reference},
        url=case_url(case),
    )
    return case


def hand_over(
    case: Case,
    holder: routing.Holder,
    *,
    by: Actor,
    kind: str,
    reason: str,
    action: str,
) -> str:
    """Move the case to ``holder``, where it waits to be accepted: the handler and the clock
    go, the timeline keeps where it came from. Returns the old status."""
    CASE_FLOW.expect(
        case,
        *HANDED_OVER_FROM,
        message=_("已答复或已办结的诉求不能转交或上报。"),
    )
    previous = case.union
    case.union, case.centre, case.handler = holder.union, holder.centre, None
    stop_clock(case)
    old = transition(
        case,
        CASE_FLOW,
        CaseStatus.SUBMITTED,
        actor=by,
        union=previous,
        action=action,
        reason=reason,
        changes={"union": [previous.code, holder.union.code]},
    )
    figures.moved(case, old)
    step(case, kind, actor=by, note=reason, union=previous, to_union=holder.union)
    return old


def transfer_target(case: Case, to_union: Union) -> routing.Holder:
    """Where a transfer to ``to_union`` goes: a federation's cases centre (by its rule), a
    union below the holding one (down to the grassroots union), or another union's own
    service centre. Anything else is refused beside the field."""
    if to_union.kind == UnionKind.FEDERATION:
        holder = routing.route(to_union, case.kind)
    else:
        holder = routing.Holder(to_union, routing.own_centre(to_union))
    below = to_union.path.startswith(case.union.path)
    if not to_union.is_active or (holder.centre is None and not below):
        message = _("只能转交给设有服务中心的工会，或本工会下级的工会。")
        raise DomainError(message, fields={"to_union": message})
    if holder.union.pk == case.union.pk:
        message = _("该诉求已在这里办理，请选择另一个工会。")
        raise DomainError(message, fields={"to_union": message})
    return holder


@service
def case_transfer(
    *,
    actor: Actor,
    case: Case,
    reason: str,
    to_union: Union | None = None,
    centre: ServiceCentre | None = None,
) -> Case:
    """Transfer (转交) to another service centre (``centre``), or to a union
    (``to_union``: a federation's cases centre by its rule, or down to a grassroots union),
    with the reason."""
    permissions.require(permissions.can_manage_case(actor, case), user=actor, case=case)
    reason = _reason(reason, required=_("请填写转交理由。"))
    CASE_FLOW.expect(case, *HANDED_OVER_FROM, message=_("已答复或已办结的诉求不能转交。"))
    if centre is not None:
        if not centre.is_active or not centre.union.is_active:
            message = _("该服务中心已停用。")
            raise DomainError(message, fields={"centre": message})
        if centre.pk == case.centre_id:
            message = _("该诉求已在这里办理，请选择另一个服务中心。")
            raise DomainError(message, fields={"centre": message})
        holder = routing.Holder(centre.union, centre)
    elif to_union is not None:
        holder = transfer_target(case, to_union)
    else:
        message = _("请选择转交给哪个服务中心或工会。")
        raise DomainError(message, fields={"centre": message})
    hand_over(
        case, holder, by=actor, kind=StepKind.TRANSFERRED, reason=reason, action="case.transfer"
    )
    notify(
        case.requester,
        title=_("您的诉求已转交"),
        body=_("编号 %(ref)s 已转交%(holder)s办理。")
        % {"ref": case.reference, "holder": holder.label},
        url=case_url(case),
    )
    return case


def escalation_target(case: Case) -> routing.Holder:
    holder = routing.route_up(case.union, case.kind)
    if holder is None:
        raise DomainError(_("已是最上级工会，不能再上报。"), code="no_upper_union")
    return holder


@service
def case_escalate(*, actor: Actor, case: Case, reason: str) -> Case:
    """Escalate (上报) to the service centre of the upper federation: what the handler cannot
    answer (CASE-4) or should not decide alone."""
    permissions.require(permissions.can_reply(actor, case), user=actor, case=case)
    reason = _reason(reason, required=_("请填写上报理由。"))
    CASE_FLOW.expect(case, *HANDED_OVER_FROM, message=_("已答复或已办结的诉求不能上报。"))
    holder = escalation_target(case)
    first = not case.escalated
    if first:
        case.escalated = Escalation.HANDLER
    hand_over(
        case, holder, by=actor, kind=StepKind.ESCALATED, reason=reason, action="case.escalate"
    )
    if first:
        figures.counted(case, ("escalated", Escalation.HANDLER))
    return case
