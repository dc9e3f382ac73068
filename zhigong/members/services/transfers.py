"""Moving a member to another grassroots union (MEM-4).

Either side may ask (``member.manage`` at the member's union, or at the receiving union);
only the receiving union confirms. On confirmation the member keeps their record, history
and card; the figures of both subtrees are moved with them.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user, same_person
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.idnumber import parse_id_number
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import permissions
from zhigong.members.choices import MemberStatus, RequestStatus
from zhigong.members.models import TRANSFER_FLOW, Member, MembershipTransfer
from zhigong.members.personal import id_index
from zhigong.members.services import registry
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def member_find_for_transfer(user: Any, *, id_number: str) -> Member:
    """The receiving side looks a member up by exact ID number anywhere in the archive.

    Only staff who may manage members somewhere may ask; the page shows just the masked
    name and the current union's name."""
    if not policy.holds(user, Perm.MEMBER_MANAGE):
        raise NotFound()
    info = parse_id_number(id_number)
    if not info.valid:
        raise DomainError(
            _("身份证号无效。"), fields={"id_number": " ".join(info.errors) or _("无效。")}
        )
    member = (
        Member.objects.select_related("union")
        .filter(id_number_index=id_index(info.number))
        .exclude(status=MemberStatus.LEFT)
        .first()
    )
    if member is None:
        raise DomainError(_("没有找到该身份证号的在册会员。"), fields={"id_number": _("未找到。")})
    return member


@service
def transfer_request(
    *, actor: Actor, member: Member, to_union: Union, reason: str
) -> MembershipTransfer:
    if not permissions.can_request_transfer(actor, member, to_union):
        policy.require_perm(actor, Perm.MEMBER_MANAGE, to_union)  # 404 or 403, as fits
        raise NotFound()
    registry.check_grassroots(to_union)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写转移理由。"), fields={"reason": _("请填写理由。")})
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("已退会的会员不能转移。"), code="member_left")
    if to_union.pk == member.union_id:
        raise DomainError(_("会员已在该工会。"), fields={"to_union": _("请选择另一个基层工会。")})
    if member.transfers.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("该会员已有一份待确认的转移申请。"))
    transfer = MembershipTransfer.objects.create(
        member=member,
        from_union=member.union,
        to_union=to_union,
        requested_by=acting_user(actor),
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="transfer.request",
        target=transfer,
        union=member.union,
        reason=reason,
        changes={"union": [member.union.code, to_union.code]},
    )
    notify(
        member.user,
        title=_("会籍转移已申请"),
        body=_("从“%(old)s”转到“%(new)s”，等待接收工会确认。")
        % {"old": member.union.name, "new": to_union.name},
    )
    return transfer


@service
def transfer_decide(
    *, actor: Actor, transfer: MembershipTransfer, accept: bool, reason: str = ""
) -> MembershipTransfer:
    """The receiving union (``member.manage`` at ``to_union``) confirms or declines."""
    policy.require(
        permissions.can_decide_transfer(actor, transfer), user=actor, union=transfer.to_union
    )
    transfer = MembershipTransfer.objects.select_for_update().get(pk=transfer.pk)
    TRANSFER_FLOW.expect(transfer, RequestStatus.PENDING, message=_("该转移申请已处理。"))
    reason = reason.strip()
    if not accept and not reason:
        raise DomainError(_("不予接收须填写理由。"), fields={"reason": _("请填写理由。")})
    member = Member.objects.select_for_update().select_related("union").get(pk=transfer.member_id)
    if accept:
        if member.status == MemberStatus.LEFT or member.union_id != transfer.from_union_id:
            raise DomainError(_("会员的状态或所在工会已变化，此申请不能再执行。"), code="stale")
        registry.check_grassroots(transfer.to_union)
        with registry.member_changing(
            member, actor=actor, action="transfer", reason=reason or transfer.reason
        ):
            member.union = transfer.to_union
    transfer.decided_by = acting_user(actor)
    transfer.decided_at = timezone.now()
    transfer.decision_reason = reason
    transition(
        transfer,
        TRANSFER_FLOW,
        RequestStatus.CONFIRMED if accept else RequestStatus.REJECTED,
        actor=actor,
        union=transfer.to_union,
        reason=reason,
        action="transfer.accept" if accept else "transfer.reject",
    )
    names = {"old": transfer.from_union.name, "new": transfer.to_union.name}
    if accept:
        title = _("会籍已转入“%(new)s”") % names
        body = _("您的会员资料与会员卡保持不变。")
    else:
        title = _("会籍转移未被接收")
        body = _("“%(new)s”未接收，理由：%(reason)s") % {**names, "reason": reason}
    notify(member.user, title=title, body=body)
    if transfer.requested_by is not None and not same_person(actor, transfer.requested_by_id):
        notify(transfer.requested_by, title=title, body=body)
    return transfer
