"""Raising an appeal at the grassroots union (HARD-2, seed 003 §19): the worker (a member of
the union, or someone typed in with a checked ID number), the text, what is needed, the
amount sought, the pictures. A draft is edited until it is raised for verification; a
returned one is corrected and raised again; while the grassroots side holds it, it may be
withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.appeals import permissions, pictures
from zhigong.appeals.choices import EDITABLE, AppealStatus
from zhigong.appeals.models import APPEAL_FLOW, AppealPicture, HardshipAppeal
from zhigong.appeals.personal import set_address
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.hardship.models import HardshipFile
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.personal import id_index, phone_of, set_id_number, set_phone
from zhigong.members.services.registry import PersonInput, check_person
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

_TEXT = {"title": 80, "story": 4000, "needs": 1000, "locality": 40, "address": 200}


@dataclass
class AppealInput:
    """The appeal as the grassroots union writes it; the worker's name, ID number and phone
    (for a member of the union, their own phone when left empty)."""

    title: str
    story: str
    needs: str
    locality: str
    address: str
    amount_sought: Decimal | None = None
    name: str = ""
    id_number: str = ""
    phone: str = ""
    hardship_file_id: int | None = None  # the worker's hardship file, of the same union


def _check_text(data: AppealInput) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, limit in _TEXT.items():
        text = str(getattr(data, name) or "").strip()
        if not text:
            errors[name] = _("此项必填。")
        elif len(text) > limit:
            errors[name] = _("最多 %(n)d 个字。") % {"n": limit}
        values[name] = text
    if any(c.isdigit() for c in values["locality"]):
        errors["locality"] = _("只写到区和街道（如“江岸区大智街道”），不写门牌号。")
    amount = data.amount_sought
    if amount is not None and (amount <= 0 or amount >= Decimal("100000000")):
        errors["amount_sought"] = _("请填写大于 0 的金额。")
    values["amount_sought"] = amount
    return values, errors


def _set_worker(appeal: HardshipAppeal, data: AppealInput, union: Union) -> dict[str, str]:
    """The worker's identity onto ``appeal``, checked like a member's (``check_person``).
    A member of ``union`` with that ID number is linked (their phone is the default)."""
    person, errors = check_person(
        PersonInput(name=data.name, id_number=data.id_number, phone=data.phone)
    )
    errors = {k: v for k, v in errors.items() if v and k in ("name", "id_number", "phone")}
    if person is None or errors:
        return errors or {"id_number": _("请填写职工的身份证号。")}
    member = (
        Member.objects.filter(id_number_index=id_index(person.id_number), union=union)
        .exclude(status=MemberStatus.LEFT)
        .first()
    )
    appeal.member, appeal.worker_name = member, person.name
    set_id_number(appeal, person.id_number)
    phone = person.phone or (phone_of(member) if member is not None else "")
    if not phone:
        return {"phone": _("请填写职工的手机号（非会员须填写）。")}
    set_phone(appeal, phone)
    return {}


def _set_file(
    actor: Actor, appeal: HardshipAppeal, data: AppealInput, union: Union
) -> dict[str, str]:
    """Link the worker's hardship file: one of the appeal's own union, which the user's
    ``hardship.view`` covers (anything else is refused like an unknown file)."""
    if not data.hardship_file_id:
        appeal.hardship_file = None
        return {}
    found = HardshipFile.objects.filter(pk=data.hardship_file_id, union=union).first()
    if found is None or not policy.has_perm(actor, Perm.HARDSHIP_VIEW, union):
        return {"hardship_file": _("请从本工会的困难职工档案中选择。")}
    appeal.hardship_file = found
    return {}


def _fill(actor: Actor, appeal: HardshipAppeal, data: AppealInput, union: Union) -> None:
    values, errors = _check_text(data)
    address = values.pop("address")
    errors.update(_set_worker(appeal, data, union))
    errors.update(_set_file(actor, appeal, data, union))
    if errors:
        raise DomainError(_("求助信息有误，请按提示修改。"), fields=errors)
    for name, value in values.items():
        setattr(appeal, name, value)
    set_address(appeal, address)


@service
def appeal_create(
    *, actor: Actor, union: Union, data: AppealInput, uploads: list[Any] | None = None
) -> HardshipAppeal:
    """A draft appeal of ``union`` (a grassroots, community or street union)."""
    policy.require_perm(actor, Perm.APPEAL_RAISE, union)
    if union.kind not in permissions.RAISING_KINDS:
        message = _("特殊困难求助由职工所在的基层、社区或街道工会提出，请选择这样的工会。")
        raise DomainError(message, fields={"union": message})
    checked = pictures.check(uploads or [])
    if len(checked) > pictures.MAX_PICTURES:
        raise DomainError(_("最多上传 %(n)d 张图片。") % {"n": pictures.MAX_PICTURES})
    appeal = HardshipAppeal(union=union, created_by=acting_user(actor))
    _fill(actor, appeal, data, union)
    appeal.save()
    audit_record(actor=actor, action="appeal.create", target=appeal, union=union)
    pictures.store(appeal, checked)
    return appeal


@service
def appeal_update(
    *,
    actor: Actor,
    appeal: HardshipAppeal,
    data: AppealInput,
    uploads: list[Any] | None = None,
    drop: list[int] | None = None,
) -> HardshipAppeal:
    """Correct a draft or a returned appeal; add pictures or drop some."""
    appeal = (
        HardshipAppeal.objects.select_for_update(of=("self",))
        .select_related("union")
        .get(pk=appeal.pk)
    )
    permissions.require(permissions.can_edit(actor, appeal), user=actor, appeal=appeal)
    checked = pictures.check(uploads or [])
    kept = appeal.pictures.exclude(pk__in=drop or [])
    if kept.count() + len(checked) > pictures.MAX_PICTURES:
        raise DomainError(_("最多上传 %(n)d 张图片。") % {"n": pictures.MAX_PICTURES})
    _fill(actor, appeal, data, appeal.union)
    appeal.save()
    audit_record(actor=actor, action="appeal.update", target=appeal, union=appeal.union)
    dropped = list(appeal.pictures.filter(pk__in=drop or []))
    AppealPicture.objects.filter(pk__in=[p.pk for p in dropped]).delete()
    pictures.store(appeal, checked)
    transaction.on_commit(lambda: pictures.remove(p.path for p in dropped))
    return appeal


@service
def appeal_raise(*, actor: Actor, appeal: HardshipAppeal) -> HardshipAppeal:
    """Send a draft (or a corrected returned appeal) for verification. Whoever raises it
    never verifies or publishes it."""
    appeal = (
        HardshipAppeal.objects.select_for_update(of=("self",))
        .select_related("union")
        .get(pk=appeal.pk)
    )
    permissions.require(permissions.can_raise(actor, appeal), user=actor, appeal=appeal)
    appeal.raised_by, appeal.raised_at = acting_user(actor), timezone.now()
    appeal.help_centre = permissions.help_centre_of(appeal.union)
    appeal.verified_by, appeal.verified_at = None, None
    transition(
        appeal,
        APPEAL_FLOW,
        AppealStatus.RAISED,
        actor=actor,
        union=appeal.union,
        from_=EDITABLE,
        message=_("只有草稿或已退回的求助可以提交核实。"),
    )
    return appeal


@service
def appeal_withdraw(*, actor: Actor, appeal: HardshipAppeal, reason: str = "") -> HardshipAppeal:
    appeal = (
        HardshipAppeal.objects.select_for_update(of=("self",))
        .select_related("union")
        .get(pk=appeal.pk)
    )
    permissions.require(
        policy.has_perm(actor, Perm.APPEAL_RAISE, appeal.union), user=actor, appeal=appeal
    )
    transition(
        appeal,
        APPEAL_FLOW,
        AppealStatus.WITHDRAWN,
        actor=actor,
        union=appeal.union,
        reason=reason.strip(),
        message=_("已发布或已结束的求助不能撤回。"),
    )
    return appeal
