"""Pledges of help to a published appeal (HARD-2: 可以组织对本单位、本区域内的职工给予援助):
a member pledges on the portal; staff record a donor's or an organisation's pledge taken
offline, with a contact kept for staff only; staff mark a pledge fulfilled."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.appeals import permissions
from zhigong.appeals.choices import PledgeKind, PledgeStatus
from zhigong.appeals.models import PLEDGE_FLOW, HardshipAppeal, Pledge
from zhigong.appeals.personal import set_contact
from zhigong.appeals.selectors import on_portal
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.masking import mask_name
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.services.registry import clean_phone


@dataclass
class PledgeInput:
    kind: str
    amount: Decimal | None = None
    description: str = ""
    anonymous: bool = False
    donor_name: str = ""  # offline pledges: the donor or organisation
    is_organisation: bool = False
    contact: str = ""


def _check(data: PledgeInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if data.kind not in PledgeKind.values:
        errors["kind"] = _("请选择帮助方式。")
    amount = data.amount
    if data.kind == PledgeKind.MONEY:
        if amount is None or amount <= 0:
            errors["amount"] = _("捐款请填写大于 0 的金额。")
        elif amount >= Decimal("100000000"):
            errors["amount"] = _("金额过大。")
    else:
        amount = None
    description = data.description.strip()
    if data.kind != PledgeKind.MONEY and not description:
        errors["description"] = _("请写明提供的物资或服务。")
    if len(description) > 200:
        errors["description"] = _("最多 %(n)d 个字。") % {"n": 200}
    if errors:
        raise DomainError(_("认捐信息有误，请按提示修改。"), fields=errors)
    return {"kind": data.kind, "amount": amount, "description": description}


def _member_of(user: Any) -> Member | None:
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    return Member.objects.filter(user_id=pk).exclude(status=MemberStatus.LEFT).first()


@service
def pledge_by_member(*, actor: Actor, appeal: HardshipAppeal, data: PledgeInput) -> Pledge:
    """A member pledges on the portal, to an appeal on the portal now."""
    found = on_portal().select_for_update(of=("self",)).filter(pk=appeal.pk).first()
    if found is None:
        raise NotFound()
    appeal = found
    member = _member_of(actor)
    if member is None:
        raise DomainError(
            _("只有会员可以在网上认捐；其他爱心人士请联系职工所在工会登记。"), code="not_member"
        )
    values = _check(data)
    pledge = Pledge(
        appeal=appeal,
        member=member,
        donor_name=member.name,
        anonymous=data.anonymous,
        recorded_by=acting_user(actor),
        **values,
    )
    pledge.save()
    audit_record(actor=actor, action="pledge.create", target=pledge, union=appeal.union)
    return pledge


@service
def pledge_record(*, actor: Actor, appeal: HardshipAppeal, data: PledgeInput) -> Pledge:
    """Staff record a pledge taken offline (a donor, an organisation), with their contact."""
    appeal = HardshipAppeal.objects.select_related("union").get(pk=appeal.pk)
    permissions.require(permissions.can_record_pledge(actor, appeal), user=actor, appeal=appeal)
    values = _check(data)
    name = data.donor_name.strip()
    errors: dict[str, str] = {}
    if not name or len(name) > 80:
        errors["donor_name"] = _("请填写认捐人或单位名称（最多 80 字）。")
    contact = data.contact.strip()
    if contact:
        contact, message = clean_phone(contact)
        if message:
            errors["contact"] = message
    if errors:
        raise DomainError(_("认捐信息有误，请按提示修改。"), fields=errors)
    pledge = Pledge(
        appeal=appeal,
        donor_name=name,
        is_organisation=data.is_organisation,
        anonymous=data.anonymous,
        recorded_by=acting_user(actor),
        **values,
    )
    set_contact(pledge, contact)
    pledge.save()
    audit_record(actor=actor, action="pledge.record", target=pledge, union=appeal.union)
    return pledge


@service
def pledge_fulfil(*, actor: Actor, pledge: Pledge) -> Pledge:
    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("appeal__union")
        .get(pk=pledge.pk)
    )
    appeal = pledge.appeal
    permissions.require(permissions.can_fulfil(actor, appeal), user=actor, appeal=appeal)
    pledge.fulfilled_by, pledge.fulfilled_at = acting_user(actor), timezone.now()
    transition(
        pledge,
        PLEDGE_FLOW,
        PledgeStatus.FULFILLED,
        actor=actor,
        union=appeal.union,
        message=_("这项认捐已兑现或已取消。"),
    )
    return pledge


def public_donor(pledge: Pledge) -> str:
    """How the portal names a pledger: anonymous, an organisation by name, a person masked."""
    if pledge.anonymous:
        return _("爱心人士")
    if pledge.is_organisation:
        return pledge.donor_name
    return mask_name(pledge.donor_name)
