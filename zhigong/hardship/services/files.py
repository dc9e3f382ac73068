"""Hardship files (HARD-1): open one for a member or for a worker who is not a member (whose
name and ID number are checked like a member's), correct it, record help given, add
documents, close and reopen it, and show the sensitive details on a logged reveal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhigong.core import private_files
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record, log_reveal
from zhigong.core.errors import Conflict, DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.hardship import permissions
from zhigong.hardship.choices import Cause, CloseReason, FileStatus, HelpKind, PairingStatus
from zhigong.hardship.models import FILE_FLOW, HardshipDocument, HardshipFile, HelpGiven
from zhigong.hardship.sensitive import Household, HouseholdMember, opened, seal
from zhigong.members.models import Member
from zhigong.members.personal import id_number_of, phone_of, set_id_number, set_phone
from zhigong.members.services.registry import PersonInput, check_person
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.roles import Perm

# Unions that keep hardship files: the worker's grassroots union, or the street or community
# union for someone without one (as volunteers are registered).
KEEPING_KINDS = (UnionKind.GRASSROOTS, UnionKind.COMMUNITY, UnionKind.STREET)


@dataclass
class FileInput:
    cause: str
    needs: str = ""
    cause_note: str = ""
    # A member's file takes name, ID number and phone from the member record.
    member: Member | None = None
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    monthly_income: Decimal | None = None
    household: list[HouseholdMember] = field(default_factory=list)
    review_on: dt.date | None = None


def _check(data: FileInput) -> None:
    errors: dict[str, str] = {}
    if data.cause not in Cause.values:
        errors["cause"] = _("请选择致困原因。")
    if data.monthly_income is not None and data.monthly_income < 0:
        errors["monthly_income"] = _("收入不能为负数。")
    for i, m in enumerate(data.household, start=1):
        if not m.name.strip():
            errors["household"] = _("第 %(n)d 位家庭成员缺少姓名。") % {"n": i}
        elif m.income is not None and m.income < 0:
            errors["household"] = _("第 %(n)d 位家庭成员的收入不能为负数。") % {"n": i}
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)


def _person(file: HardshipFile, data: FileInput) -> None:
    """Name, gender, birth date, ID number and phone: a member's, or checked like one's."""
    if data.member is not None:
        member = data.member
        file.member = member
        file.name, file.gender, file.birth_date = member.name, member.gender, member.birth_date
        set_id_number(file, id_number_of(member))
        set_phone(file, phone_of(member))
        return
    person, errors = check_person(
        PersonInput(name=data.name, id_number=data.id_number, phone=data.phone)
    )
    if person is None:
        raise DomainError(_("请检查姓名、身份证号和电话。"), fields=errors)
    file.name, file.gender, file.birth_date = person.name, person.gender, person.birth_date
    set_id_number(file, person.id_number)
    set_phone(file, person.phone)
    # A member typed in by hand is still the member: the file links to their record.
    file.member = Member.objects.filter(id_number_index=file.id_number_index).first()


def _household(data: FileInput) -> Household:
    return Household(
        address=data.address.strip(),
        monthly_income=data.monthly_income,
        members=data.household,
    )


def _fill(file: HardshipFile, data: FileInput) -> None:
    file.cause = data.cause
    file.cause_note = data.cause_note.strip()
    file.needs = data.needs.strip()
    file.review_on = data.review_on
    file.household_size = max(len(data.household), 1)
    seal(file, _household(data))


@service
def file_create(*, actor: Actor, union: Union, data: FileInput) -> HardshipFile:
    if not policy.has_perm(actor, Perm.HARDSHIP_MANAGE, union):
        raise DomainError(_("您不能在这个工会建立困难职工档案。"), code="not_allowed")
    if union.kind not in KEEPING_KINDS:
        raise DomainError(
            _("困难职工档案由基层工会（或街道、社区工会）建立，请选择职工所在的工会。"),
            fields={"union": _("请选择基层、街道或社区工会。")},
        )
    if data.member is not None and not policy.has_perm(actor, Perm.MEMBER_VIEW, data.member.union):
        raise DomainError(_("找不到这位会员。"), fields={"member": _("找不到这位会员。")})
    _check(data)
    file = HardshipFile(union=union, created_by=acting_user(actor))
    _person(file, data)
    _fill(file, data)
    try:
        with transaction.atomic():
            file.save()
    except IntegrityError:
        raise Conflict(_("这位职工已有一份帮扶中的困难职工档案。"), code="file_exists") from None
    audit_record(
        actor=actor,
        action="hardship_file.create",
        target=file,
        union=union,
        changes={"cause": [None, file.cause]},
    )
    return file


@service
def file_update(*, actor: Actor, file: HardshipFile, data: FileInput) -> HardshipFile:
    """Correct the cause, needs, household and review date (the person stays the same)."""
    file = HardshipFile.objects.select_for_update().select_related("union").get(pk=file.pk)
    permissions.require(permissions.can_edit(actor, file), user=actor, file=file)
    _check(data)
    before = {"cause": file.cause, "review_on": str(file.review_on or "")}
    _fill(file, data)
    file.save()
    after = {"cause": file.cause, "review_on": str(file.review_on or "")}
    audit_record(
        actor=actor,
        action="hardship_file.update",
        target=file,
        union=file.union,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
    )
    return file


@dataclass(frozen=True)
class Revealed:
    id_number: str
    phone: str
    household: Household


@service
def file_reveal(
    *, actor: Actor, file: HardshipFile, reason: str, channel: str = "page"
) -> Revealed:
    """The full ID number, phone, address, household health and income: with a reason, in
    the access log."""
    permissions.require(permissions.can_reveal(actor, file), user=actor, file=file)
    log_reveal(
        actor=actor,
        subject=file,
        fields="id_number,phone,address,health,income",
        reason=reason,
        union_path=file.union.path,
        channel=channel,
    )
    return Revealed(id_number_of(file), phone_of(file), opened(file))


def household_for_edit(file: HardshipFile) -> Household:
    """The household as the edit form shows it back (the page is ``never_cache``)."""
    return opened(file)


@service
def help_record(
    *,
    actor: Actor,
    file: HardshipFile,
    kind: str,
    given_on: dt.date,
    what: str,
    union: Union,
    amount: Decimal | None = None,
    quantity: str = "",
) -> HelpGiven:
    permissions.require(permissions.can_edit(actor, file), user=actor, file=file)
    if not policy.has_perm(actor, Perm.HARDSHIP_VIEW, union) and union.pk != file.union_id:
        raise DomainError(_("请选择您权限范围内的帮扶单位。"), fields={"union": _("不在范围内。")})
    errors: dict[str, str] = {}
    if kind not in HelpKind.values:
        errors["kind"] = _("请选择帮扶方式。")
    if not what.strip():
        errors["what"] = _("请填写帮扶内容。")
    if kind == HelpKind.MONEY and (amount is None or amount <= 0):
        errors["amount"] = _("资金帮扶须填写大于 0 的金额。")
    if amount is not None and amount < 0:
        errors["amount"] = _("金额不能为负数。")
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)
    row = HelpGiven.objects.create(
        file=file,
        kind=kind,
        given_on=given_on,
        what=what.strip(),
        union=union,
        amount=amount,
        quantity=quantity.strip(),
        by=acting_user(actor),
    )
    audit_record(
        actor=actor,
        action="hardship_file.help",
        target=file,
        union=union,
        changes={"help": [None, f"{HelpKind(kind).label} {what.strip()} {amount or quantity}"]},
    )
    return row


def document_folder(file: HardshipFile) -> Path:
    return private_files.private_dir("hardship", file.pk)


@service
def documents_add(
    *, actor: Actor, file: HardshipFile, uploads: Iterable[Any]
) -> list[HardshipDocument]:
    permissions.require(permissions.can_edit(actor, file), user=actor, file=file)
    checked = [private_files.check_upload(u, field="documents") for u in uploads]
    if not checked:
        return []
    audit_record(
        actor=actor,
        action="hardship_file.documents",
        target=file,
        union=file.union,
        changes={"documents": [None, ", ".join(u.name for u in checked)]},
    )
    return private_files.store_each(
        document_folder(file),
        checked,
        lambda upload, stored: HardshipDocument.objects.create(
            file=file,
            name=upload.name,
            content_type=upload.content_type,
            path=str(stored),
            by=acting_user(actor),
        ),
    )


@service
def file_close(*, actor: Actor, file: HardshipFile, reason: str, note: str = "") -> HardshipFile:
    """Close the file (out of hardship, moved, died…): its active pair ends with it."""
    from zhigong.hardship.services.pairing import end_pairing_locked

    file = HardshipFile.objects.select_for_update().select_related("union").get(pk=file.pk)
    permissions.require(permissions.can_manage(actor, file), user=actor, file=file)
    if reason not in CloseReason.values:
        raise DomainError(_("请选择结档原因。"), fields={"reason": _("请选择结档原因。")})
    if reason == CloseReason.OTHER and not note.strip():
        raise DomainError(_("请说明结档原因。"), fields={"note": _("请填写说明。")})
    file.close_reason, file.close_note = reason, note.strip()
    transition(
        file,
        FILE_FLOW,
        FileStatus.CLOSED,
        actor=actor,
        union=file.union,
        reason=f"{CloseReason(reason).label} {note}".strip(),
        message=_("这份档案已结档。"),
    )
    for pairing in file.pairings.filter(
        status__in=(PairingStatus.ACTIVE, PairingStatus.REQUESTED)
    ).select_related("volunteer"):
        end_pairing_locked(pairing, actor=actor, reason="file_closed", note="")
    return file
