"""Registering a volunteer (VOL-1, 附件2): a member applies on the portal; anyone else is
registered by the staff of their street, community or enterprise union (seed 001 §2). A
returned form is corrected and submitted again; an open one may be withdrawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members.choices import Education, MemberStatus, PoliticalStatus
from zhigong.members.models import Member
from zhigong.members.personal import id_index, id_number_of, phone_of, set_id_number, set_phone
from zhigong.members.services.registry import PersonInput, check_person, clean_phone
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers import files, hooks, permissions
from zhigong.volunteers.choices import (
    LIVE,
    Availability,
    Health,
    Identity,
    ServiceArea,
    VolunteerStatus,
)
from zhigong.volunteers.levels import UNIT_KINDS, place, quota_union_of
from zhigong.volunteers.models import VOLUNTEER_FLOW, Volunteer


@dataclass
class VolunteerInput:
    """The fields of 附件2 besides the photo and the opinions. For a member applying on the
    portal, name, gender and ID number come from their member record."""

    health: str
    employer: str
    identity: str
    statement: str
    name: str = ""
    id_number: str = ""
    gender: str = ""
    phone: str = ""
    political_status: str = ""
    work_started_on: dt.date | None = None
    education: str = ""
    specialty: str = ""
    work_history: str = ""
    availability: list[str] = field(default_factory=list)
    service_areas: list[str] = field(default_factory=list)


_TEXT = {"employer": 128, "specialty": 200, "work_history": 4000, "statement": 2000}


def _check_form(data: VolunteerInput) -> dict[str, Any]:
    """The fields of the form besides the person's identity, cleaned; every bad field gets
    its own message."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, limit in _TEXT.items():
        text = str(getattr(data, name) or "").strip()
        if len(text) > limit:
            errors[name] = _("最多 %(n)d 个字。") % {"n": limit}
        values[name] = text
    for name in ("employer", "statement"):
        if not values[name]:
            errors[name] = _("此项必填。")
    for name, choices, required in (
        ("health", Health, True),
        ("identity", Identity, True),
        ("political_status", PoliticalStatus, False),
        ("education", Education, False),
    ):
        value = getattr(data, name) or ""
        if value and value not in choices.values:
            errors[name] = _("请从列表中选择。")
        elif required and not value:
            errors[name] = _("此项必填。")
        values[name] = value
    for name, listed in (("availability", Availability), ("service_areas", ServiceArea)):
        chosen = list(dict.fromkeys(getattr(data, name) or []))
        if any(c not in listed.values for c in chosen):
            errors[name] = _("请从列表中选择。")
        values[name] = chosen
    if not values["service_areas"] and "service_areas" not in errors:
        errors["service_areas"] = _("请至少选择一个服务方向。")
    started = data.work_started_on
    if started is not None and started > timezone.localdate():
        errors["work_started_on"] = _("参加工作时间不能晚于今天。")
    values["work_started_on"] = started
    if errors:
        raise DomainError(_("登记表有误，请按提示修改。"), fields=errors)
    return values


def _no_live_registration(index: str, *, other_than: int | None = None) -> None:
    live = Volunteer.objects.filter(id_number_index=index, status__in=LIVE)
    if other_than is not None:
        live = live.exclude(pk=other_than)
    if live.exists():
        raise Conflict(
            _("此人已有一份志愿者登记（在审核中、已退回待修改或已批准），不能重复登记。"),
            code="volunteer_exists",
        )


def _save_new(actor: Actor, volunteer: Volunteer, photo: Any) -> Volunteer:
    place(volunteer)
    _no_live_registration(volunteer.id_number_index)
    if photo is not None:
        volunteer.photo_path, volunteer.photo_type = files.store_photo(photo)
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError as exc:  # the same person registered at the same moment
        files.remove_photo(volunteer.photo_path)
        raise Conflict(_("此人已有一份志愿者登记，不能重复登记。")) from exc
    audit_record(actor=actor, action="volunteer.submit", target=volunteer, union=volunteer.union)
    return volunteer


def member_of(user: Any) -> Member | None:
    """The user's own member record, if they are a member now."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    member = Member.objects.filter(user_id=pk).select_related("union")
    return member.exclude(status=MemberStatus.LEFT).first()


@service
def volunteer_apply(*, actor: Actor, data: VolunteerInput, photo: Any = None) -> Volunteer:
    """A member applies on the portal; name, gender and ID number are their member record's."""
    member = member_of(actor)
    if member is None:
        raise NotFound()
    values = _check_form(data)
    phone = data.phone.strip()
    if phone:
        phone, message = clean_phone(phone)
        if message:
            raise DomainError(message, fields={"phone": message})
    else:
        phone = phone_of(member)
    volunteer = Volunteer(
        name=member.name,
        gender=member.gender,
        union=member.union,
        member=member,
        applicant=acting_user(actor),
        entered_by=acting_user(actor),
        signed_at=timezone.now(),
        **{
            **values,
            "political_status": values["political_status"] or member.political_status,
            "education": values["education"] or member.education,
        },
    )
    set_id_number(volunteer, id_number_of(member))
    set_phone(volunteer, phone)
    return _save_new(actor, volunteer, photo)


@service
def volunteer_register(
    *, actor: Actor, data: VolunteerInput, union: Union, photo: Any = None
) -> Volunteer:
    """Staff of a street, community or enterprise union register someone on their behalf
    (the person signed the paper form: its statement and signature time are theirs)."""
    policy.require_perm(actor, Perm.VOLUNTEER_REGISTER, union)
    if union.kind not in UNIT_KINDS:
        message = _("志愿者在街道、社区或企业（基层）工会登记，请选择这样的工会。")
        raise DomainError(message, fields={"union": message})
    quota_union_of(union)  # refuses a union under no district or industry union first
    person, errors = check_person(
        PersonInput(
            name=data.name,
            id_number=data.id_number,
            gender=data.gender,
            phone=data.phone,
            political_status=data.political_status,
            education=data.education,
        )
    )
    try:
        values = _check_form(data)
    except DomainError as exc:
        errors = {**errors, **exc.fields}
    if not person or errors:
        raise DomainError(_("登记表有误，请按提示修改。"), fields=errors)
    index = id_index(person.id_number)
    member = Member.objects.filter(id_number_index=index).exclude(status=MemberStatus.LEFT).first()
    volunteer = Volunteer(
        name=person.name,
        gender=person.gender,
        union=union,
        member=member,
        entered_by=acting_user(actor),
        signed_at=timezone.now(),
        **values,
    )
    set_id_number(volunteer, person.id_number)
    set_phone(volunteer, person.phone)
    return _save_new(actor, volunteer, photo)


@service
def volunteer_resubmit(
    *, actor: Actor, volunteer: Volunteer, data: VolunteerInput, photo: Any = None
) -> Volunteer:
    """Correct a returned form and submit it again: the three opinions start over."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    permissions.require(permissions.can_correct(actor, volunteer), user=actor, volunteer=volunteer)
    VOLUNTEER_FLOW.expect(
        volunteer, VolunteerStatus.RETURNED, message=_("只有已退回的登记表可以修改后重新提交。")
    )
    values = _check_form(data)
    for name, value in values.items():
        setattr(volunteer, name, value)
    if data.phone.strip():
        phone, message = clean_phone(data.phone.strip())
        if message:
            raise DomainError(message, fields={"phone": message})
        set_phone(volunteer, phone)
    old_photo = ""
    if photo is not None:
        old_photo = volunteer.photo_path
        volunteer.photo_path, volunteer.photo_type = files.store_photo(photo)
    volunteer.attempt += 1
    if volunteer.applicant_id is None:  # a paper form: whoever submits it now asks for it
        volunteer.entered_by = acting_user(actor)
    volunteer.signed_at = timezone.now()
    place(volunteer)
    volunteer.quota_year, volunteer.over_quota_reason = None, ""
    transition(
        volunteer,
        VOLUNTEER_FLOW,
        VolunteerStatus.SUBMITTED,
        actor=actor,
        union=volunteer.union,
        action="volunteer.resubmit",
    )
    if old_photo:
        transaction.on_commit(lambda: files.remove_photo(old_photo))
    return volunteer


@service
def volunteer_withdraw(*, actor: Actor, volunteer: Volunteer, reason: str = "") -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    permissions.require(permissions.can_correct(actor, volunteer), user=actor, volunteer=volunteer)
    transition(
        volunteer,
        VOLUNTEER_FLOW,
        VolunteerStatus.WITHDRAWN,
        actor=actor,
        union=volunteer.union,
        reason=reason.strip(),
        message=_("这份登记已批准或已撤回，不能撤回。"),
    )
    return volunteer


@service
def volunteer_leave(*, actor: Actor, volunteer: Volunteer, reason: str) -> Volunteer:
    """An approved volunteer stops serving (by themselves, or by staff who approve
    volunteers), with a reason. Every app that gave them work is told in the same
    transaction (``volunteers.hooks``): a one-to-one pair ends and its worker shows as
    unpaired, so nobody is forgotten."""
    volunteer = Volunteer.objects.select_for_update().select_related("union").get(pk=volunteer.pk)
    permissions.require(permissions.can_leave(actor, volunteer), user=actor, volunteer=volunteer)
    reason = reason.strip()
    if len(reason) < 2:
        raise DomainError(_("请填写退出的理由。"), fields={"reason": _("请填写理由。")})
    volunteer.left_at = timezone.now()
    transition(
        volunteer,
        VOLUNTEER_FLOW,
        VolunteerStatus.LEFT,
        actor=actor,
        union=volunteer.union,
        reason=reason,
        message=_("只有已批准的志愿者可以退出。"),
    )
    for hook in hooks.leave_hooks():
        hook(volunteer=volunteer, actor=actor, reason=reason)
    return volunteer
