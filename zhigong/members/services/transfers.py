"""Moving a member to another grassroots union (MEM-4).

Either side may ask; the other side decides, and never the person who asked:
- the member's own union asks (``transfer_request``) and the receiving union accepts;
- the receiving union asks by ID number (``transfer_request_into``) and the member's union
  confirms. The receiving union does not learn whether the person is a member anywhere: the
  look-up answers only for members in its own scope, the request is stored whoever the
  number belongs to (with no member when nobody matches: it lapses like any request nobody
  decides), and the asking side sees the masked number it typed until the member's union
  has decided.
On confirmation the member keeps their record, history and card; the figures of both
subtrees move with them. Requests nobody decides lapse after ``TRANSFER_EXPIRY_DAYS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.idnumber import parse_id_number
from zhigong.core.masking import mask_id_number
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import permissions
from zhigong.members.choices import MemberStatus, RequestStatus, TransferSide
from zhigong.members.models import TRANSFER_FLOW, Member, MembershipTransfer
from zhigong.members.personal import id_index
from zhigong.members.services import registry
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


@dataclass(frozen=True)
class IdLookup:
    """A person asked for by ID number: its blind index and masked form (the number itself is
    not kept, nor carried by the pages between the look-up and the request)."""

    index: str
    masked: str


def id_lookup(id_number: str) -> IdLookup:
    info = parse_id_number(id_number)
    if not info.valid:
        raise DomainError(
            _("身份证号无效。"), fields={"id_number": " ".join(info.errors) or _("无效。")}
        )
    return IdLookup(id_index(info.number), mask_id_number(info.number))


def _current_member(index: str) -> Member | None:
    return (
        Member.objects.select_related("union")
        .filter(id_number_index=index)
        .exclude(status=MemberStatus.LEFT)
        .first()
    )


def member_find_for_transfer(user: Any, *, lookup: IdLookup) -> Member | None:
    """The member with this ID number if the user may see them; otherwise ``None``, the same
    answer whether the person is a member elsewhere or nowhere (no existence oracle)."""
    if not policy.holds(user, Perm.MEMBER_MANAGE):
        raise NotFound()
    member = _current_member(lookup.index)
    if member is None or not permissions.can_view_member(user, member):
        return None
    return member


def _check_request(to_union: Union, reason: str) -> str:
    registry.check_grassroots(to_union)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写转移理由。"), fields={"reason": _("请填写理由。")})
    return reason


def _create(actor: Actor, **fields: Any) -> MembershipTransfer:
    try:
        with transaction.atomic():
            return MembershipTransfer.objects.create(requested_by=acting_user(actor), **fields)
    except IntegrityError as exc:  # another request for this member won the race
        raise Conflict(_("该会员已有一份待确认的转移申请。")) from exc


@service
def transfer_request(
    *, actor: Actor, member: Member, to_union: Union, reason: str
) -> MembershipTransfer:
    """The member's own union asks to move them to ``to_union``; the receiving union decides."""
    policy.require(
        permissions.can_request_transfer_of(actor, member), user=actor, union=member.union
    )
    reason = _check_request(to_union, reason)
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("已退会的会员不能转移。"), code="member_left")
    if to_union.pk == member.union_id:
        raise DomainError(_("会员已在该工会。"), fields={"to_union": _("请选择另一个基层工会。")})
    if member.transfers.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("该会员已有一份待确认的转移申请。"))
    transfer = _create(
        actor,
        member=member,
        from_union=member.union,
        to_union=to_union,
        requested_side=TransferSide.HOLDING,
        reason=reason,
    )
    _recorded(actor, transfer)
    notify(
        member.user,
        title=_("会籍转移已申请"),
        body=_("从“%(old)s”转到“%(new)s”，等待接收工会确认。")
        % {"old": member.union.name, "new": to_union.name},
    )
    return transfer


@service
def transfer_request_into(
    *, actor: Actor, lookup: IdLookup, to_union: Union, reason: str
) -> MembershipTransfer:
    """The receiving union asks for the person with this ID number to move into ``to_union``;
    the member's own union confirms. Whatever the number, the asking side gets the same
    answer: a pending request showing the masked number."""
    policy.require(
        permissions.can_request_transfer_into(actor, to_union), user=actor, union=to_union
    )
    member = _current_member(lookup.index)
    if member is not None and permissions.can_request_transfer_of(actor, member):
        # The asker looks after this member too: an ordinary request of the member's union.
        return transfer_request(actor=actor, member=member, to_union=to_union, reason=reason)
    reason = _check_request(to_union, reason)
    if member is not None and member.transfers.filter(status=RequestStatus.PENDING).exists():
        member = None  # telling the asker so would tell them the person is a member
    transfer = _create(
        actor,
        member=member,
        from_union=member.union if member is not None else None,
        to_union=to_union,
        requested_side=TransferSide.RECEIVING,
        id_number_masked=lookup.masked,
        reason=reason,
    )
    _recorded(actor, transfer)
    if member is not None:
        notify(
            member.user,
            title=_("会籍转移已申请"),
            body=_("“%(new)s”申请将您的会籍转入，等待您所在工会确认。") % {"new": to_union.name},
        )
    return transfer


def _recorded(actor: Actor, transfer: MembershipTransfer) -> None:
    old = transfer.from_union
    audit_record(
        actor=actor,
        action="transfer.request",
        target=transfer,
        union=old or transfer.to_union,
        reason=transfer.reason,
        changes={
            "union": [old.code if old else None, transfer.to_union.code],
            "side": [None, transfer.requested_side],
        },
    )


@service
def transfer_decide(
    *, actor: Actor, transfer: MembershipTransfer, accept: bool, reason: str = ""
) -> MembershipTransfer:
    """The side that did not ask confirms or declines; never the person who asked."""
    if not permissions.can_decide_transfer(actor, transfer):
        if not permissions.can_see_transfer(actor, transfer):
            raise NotFound()
        raise DomainError(
            _("转移申请由一方提出、另一方确认，申请人不能自己确认。"), code="not_deciding_side"
        )
    transfer = MembershipTransfer.objects.select_for_update().get(pk=transfer.pk)
    TRANSFER_FLOW.expect(transfer, RequestStatus.PENDING, message=_("该转移申请已处理。"))
    reason = reason.strip()
    if not accept and not reason:
        raise DomainError(_("不予接收须填写理由。"), fields={"reason": _("请填写理由。")})
    # A request that matched nobody has no deciding side: ``can_decide_transfer`` refused it.
    assert transfer.member_id is not None and transfer.from_union is not None
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
        union=transfer.deciding_union,
        reason=reason,
        action="transfer.accept" if accept else "transfer.reject",
    )
    names = {"old": transfer.from_union.name, "new": transfer.to_union.name}
    if accept:
        title = _("会籍已转入“%(new)s”") % names
        body = _("您的会员资料与会员卡保持不变。")
    else:
        title = _("会籍转移未获同意")
        body = _("从“%(old)s”转入“%(new)s”未获同意，理由：%(reason)s") % {
            **names,
            "reason": reason,
        }
    notify(member.user, title=title, body=body)
    if transfer.requested_by is not None:
        notify(transfer.requested_by, title=title, body=body)
    return transfer


@service
def transfers_expire(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """Requests nobody decided within ``TRANSFER_EXPIRY_DAYS`` lapse (the nightly job).
    Safe to run any number of times, also two at once: each request is locked and moved
    once."""
    policy.require_perm_above_roots(actor, Perm.MEMBER_MANAGE)
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.TRANSFER_EXPIRY_DAYS)
    lapsed = 0
    due = MembershipTransfer.objects.filter(status=RequestStatus.PENDING, created_at__lt=cutoff)
    for transfer in due.select_for_update(skip_locked=True).select_related("to_union"):
        transfer.decided_at = timezone.now()
        transition(
            transfer,
            TRANSFER_FLOW,
            RequestStatus.EXPIRED,
            actor=actor,
            union=transfer.to_union,
            reason=_("逾期 %(days)s 天未确认") % {"days": settings.TRANSFER_EXPIRY_DAYS},
        )
        if transfer.requested_by is not None:
            notify(
                transfer.requested_by,
                title=_("会籍转移申请已逾期"),
                body=_("转入“%(new)s”的申请逾期未获确认，已失效。")
                % {"new": transfer.to_union.name},
            )
        lapsed += 1
    return lapsed
