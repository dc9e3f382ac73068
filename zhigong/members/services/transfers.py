"""Moving a member to another grassroots union (MEM-4).

Either side may ask (``member.manage`` at the member's union, or at the receiving union);
only the receiving union confirms. On confirmation the member keeps their record, history
and card; the figures of both subtrees are moved with them.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts.roles import Perm
from zhigong.audit.services import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.idnumber import parse_id_number
from zhigong.members import rollups
from zhigong.members.choices import MemberStatus, RequestStatus
from zhigong.members.models import Member, MembershipTransfer
from zhigong.members.personal import id_index
from zhigong.members.services import registry
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union


def member_find_for_transfer(actor: Any, *, id_number: str) -> Member:
    """The receiving side looks a member up by exact ID number anywhere in the archive.

    Only staff who may manage members somewhere may ask; the page shows just the masked
    name and the current union's name."""
    if not policy.scope_paths(actor, Perm.MEMBER_MANAGE):
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


@transaction.atomic
def transfer_request(
    actor: Any, *, member: Member, to_union: Union, reason: str
) -> MembershipTransfer:
    sending = policy.has_perm(actor, Perm.MEMBER_MANAGE, member.union)
    receiving = policy.has_perm(actor, Perm.MEMBER_MANAGE, to_union)
    if actor is not None and not (sending or receiving):
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
        requested_by=actor if getattr(actor, "pk", None) else None,
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


@transaction.atomic
def transfer_decide(
    actor: Any, *, transfer: MembershipTransfer, accept: bool, reason: str = ""
) -> MembershipTransfer:
    """The receiving union (``member.manage`` at ``to_union``) confirms or declines."""
    policy.require_perm(actor, Perm.MEMBER_MANAGE, transfer.to_union)
    transfer = MembershipTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != RequestStatus.PENDING:
        raise DomainError(_("该转移申请已处理。"), code="bad_transition")
    reason = reason.strip()
    if not accept and not reason:
        raise DomainError(_("不予接收须填写理由。"), fields={"reason": _("请填写理由。")})
    member = Member.objects.select_for_update().select_related("union").get(pk=transfer.member_id)
    if accept:
        if member.status == MemberStatus.LEFT or member.union_id != transfer.from_union_id:
            raise DomainError(_("会员的状态或所在工会已变化，此申请不能再执行。"), code="stale")
        registry.check_grassroots(transfer.to_union)
        before = registry.snapshot(member)
        counted = copy.copy(member)  # as the figures count it now
        member.union = transfer.to_union
        member.save(update_fields=["union", "updated_at"])
        rollups.adjust(removed=[counted], added=[member])
        registry.record(
            member,
            actor=actor,
            action="transfer",
            before=before,
            reason=reason or transfer.reason,
        )
    transfer.status = RequestStatus.CONFIRMED if accept else RequestStatus.REJECTED
    transfer.decided_by = actor if getattr(actor, "pk", None) else None
    transfer.decided_at = timezone.now()
    transfer.decision_reason = reason
    transfer.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="transfer.accept" if accept else "transfer.reject",
        target=transfer,
        union=transfer.to_union,
        reason=reason,
    )
    names = {"old": transfer.from_union.name, "new": transfer.to_union.name}
    if accept:
        title = _("会籍已转入“%(new)s”") % names
        body = _("您的会员资料与会员卡保持不变。")
    else:
        title = _("会籍转移未被接收")
        body = _("“%(new)s”未接收，理由：%(reason)s") % {**names, "reason": reason}
    notify(member.user, title=title, body=body)
    if transfer.requested_by is not None and transfer.requested_by != actor:
        notify(transfer.requested_by, title=title, body=body)
    return transfer
