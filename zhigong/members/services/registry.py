"""Creating members, changing them, keeping their history, the audit log and the figures right.

Every change of a member goes through ``member_changing``: it takes the member as the figures
count it before, lets the caller change it, then saves it, moves its counts, and writes one
history row and one audit event with the masked before/after. Status moves inside it go
through ``transition(..., commit=False)``: the recorder records them with the rest.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError
from zhigong.core.idnumber import parse_id_number
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import permissions
from zhigong.members.choices import (
    ETHNICITIES,
    Education,
    Gender,
    MemberStatus,
    PoliticalStatus,
)
from zhigong.members.figures import counting
from zhigong.members.models import MEMBER_FLOW, Member, MemberHistory
from zhigong.members.personal import id_index, set_id_number, set_phone
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind


@dataclass(slots=True)
class PersonInput:
    """What a roster row, a form or an application says about a person."""

    name: str
    id_number: str
    gender: str = ""
    phone: str = ""
    ethnicity: str = ""
    political_status: str = ""
    education: str = ""
    job: str = ""


@dataclass(slots=True)
class CheckedPerson:
    name: str
    id_number: str
    gender: str
    birth_date: dt.date
    phone: str
    ethnicity: str
    political_status: str
    education: str
    job: str
    warnings: list[str]


# The descriptive fields a member or an application stores as they are given (the ID number
# and phone go through ``set_id_number``/``set_phone`` instead).
PROFILE_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "job",
)


def profile(person: Any) -> dict[str, Any]:
    """The profile fields of a checked person (or a demo person), ready for a model."""
    return {field: getattr(person, field) for field in PROFILE_FIELDS}


def check_person(
    data: PersonInput, *, today: dt.date | None = None
) -> tuple[CheckedPerson | None, dict[str, str]]:
    """Validate a person's fields; every bad field gets its own message (for imports too).

    ``today`` (the day birth dates may not pass) is given by callers checking many rows."""
    errors: dict[str, str] = {}
    name, errors["name"] = clean_name(data.name)
    info = parse_id_number(data.id_number, today=today)
    errors["id_number"] = " ".join(info.errors)
    gender = (data.gender or "").strip()
    gender = _GENDER_WORDS.get(gender, gender)
    if gender and gender not in _GENDERS:
        errors["gender"] = _("性别应为“男”或“女”。")
    elif info.valid and gender and gender != info.gender:
        errors["gender"] = _("性别与身份证号不一致。")
    phone, errors["phone"] = clean_phone(data.phone)
    ethnicity, errors["ethnicity"] = clean_ethnicity(data.ethnicity)
    political, errors["political_status"] = clean_political_status(data.political_status)
    education, errors["education"] = clean_education(data.education)
    errors = {field: message for field, message in errors.items() if message}
    if errors or info.birth_date is None:
        return None, errors
    # Positional: imports make a million of these.
    return CheckedPerson(
        name,
        info.number,
        info.gender,
        info.birth_date,
        phone,
        ethnicity,
        political,
        education,
        clean_job(data.job),
        list(info.warnings),
    ), {}


# One rule per field, shared by everything that stores a person's data: the registry, the
# application form, imports, and the change requests staff confirm. Each returns the value
# to store and an error message ("" when the value is fine).


def clean_name(raw: str) -> tuple[str, str]:
    name = (raw or "").strip()
    if not name:
        return name, _("姓名不能为空。")
    if len(name) > 64:
        return name, _("姓名不能超过 64 个字符。")
    if _CONTROL.search(name):
        return name, _("姓名中有换行符或不可见的控制字符，请删除。")
    return name, ""


def clean_phone(raw: str) -> tuple[str, str]:
    phone = normalise_mobile(raw)
    return phone, check_mobile(phone) or ""


def clean_ethnicity(raw: str) -> tuple[str, str]:
    """As written on ID cards: 汉族, 蒙古族… ("汉" and "其他" are completed with 族)."""
    ethnicity = (raw or "").strip()
    if ethnicity and not ethnicity.endswith("族"):
        ethnicity += "族"
    if ethnicity and ethnicity not in _ETHNICITIES:
        return ethnicity, _("未知的民族“%(value)s”。") % {"value": raw}
    return ethnicity, ""


def clean_political_status(raw: str) -> tuple[str, str]:
    code = choice_code(PoliticalStatus, raw)
    if code is None:
        return "", _("未知的政治面貌“%(value)s”。") % {"value": raw}
    return code, ""


def clean_education(raw: str) -> tuple[str, str]:
    code = choice_code(Education, raw)
    if code is None:
        return "", _("未知的学历“%(value)s”。") % {"value": raw}
    return code, ""


def clean_job(raw: str) -> str:
    """A job title never fails: control characters become spaces, the rest is cut to fit."""
    job = (raw or "").strip()
    if _CONTROL.search(job):
        job = " ".join(_CONTROL.sub(" ", job).split())
    return job[:64]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never part of a name; a job's become spaces
_GENDERS = frozenset(Gender.values)
_GENDER_WORDS = {"男": Gender.MALE.value, "女": Gender.FEMALE.value}
_ETHNICITIES = frozenset([*ETHNICITIES, "其他族"])
_ALIASES = {
    "党员": "cpc",
    "预备党员": "cpc_probationary",
    "团员": "cyl",
    "高中": "senior",
    "中专": "senior",
    "技校": "senior",
    "研究生": "master",
    "硕士": "master",
    "博士": "doctor",
    "小学": "primary",
}


@lru_cache(maxsize=16)
def _lookup(choices: Any) -> dict[str, str]:
    """Every accepted spelling of a choice (code, Chinese label, its parts, aliases) → code.

    Built once per choices class: imports call ``choice_code`` for every row.
    """
    table = {str(code): str(code) for code in choices.values}
    with translation.override("zh-hans"):  # rosters are written in Chinese whatever the UI
        labels = [(str(code), str(label)) for code, label in choices.choices]
    for code, label in labels:
        table.setdefault(label, code)
        for part in label.split("、"):
            table.setdefault(part, code)
    for alias, code in _ALIASES.items():
        if code in choices.values:
            table.setdefault(alias, code)
    return table


def choice_code(choices: Any, raw: str) -> str | None:
    """A choice by its code or its Chinese label; "" stays ""; unknown is None."""
    value = (raw or "").strip()
    if not value:
        return ""
    return _lookup(choices).get(value)


def check_grassroots(union: Union) -> None:
    if union.kind != UnionKind.GRASSROOTS or not union.is_active:
        raise DomainError(
            _("会员只能登记在有效的基层工会。"), fields={"union": _("请选择基层工会。")}
        )


def snapshot(member: Member) -> dict[str, Any]:
    """The fields of a member as the history and audit log record them (masked)."""
    return {
        "name": member.name,
        "gender": member.gender,
        "id_number": member.id_number_masked,
        "phone": member.phone_masked,
        "ethnicity": member.ethnicity,
        "political_status": member.political_status,
        "education": member.education,
        "job": member.job,
        "union": member.union.code,
        "status": member.status,
    }


def record(
    member: Member,
    *,
    actor: Actor,
    action: str,
    before: dict[str, Any],
    reason: str = "",
    union: Union | None = None,
) -> None:
    """History row plus audit event for one change of a member."""
    after = snapshot(member)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    MemberHistory.objects.create(
        member=member,
        actor=acting_user(actor),
        action=action,
        changes=changes,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=f"member.{action}",
        target=member,
        union=union or member.union,
        reason=reason,
        changes=changes,
    )


@contextmanager
def member_changing(
    member: Member, *, actor: Actor, action: str, reason: str = ""
) -> Iterator[Member]:
    """Change a member and keep figures, history and audit right::

        with member_changing(member, actor=actor, action="transfer", reason=why):
            member.union = to_union

    Call it inside the service's transaction, on a member locked for update when others may
    change it at the same time. The caller has authorised the change."""
    before = snapshot(member)
    counted = copy.copy(member)  # as the figures count it now
    yield member
    member.save()
    counting.adjust(removed=[counted], added=[member])
    record(member, actor=actor, action=action, before=before, reason=reason)


@service
def member_create(
    *,
    actor: Actor,
    person: CheckedPerson,
    union: Union,
    joined_on: dt.date | None = None,
    status: str = MemberStatus.ACTIVE,
    user: Any = None,
    reason: str = "",
) -> Member:
    """Archive a member (from an approved application, or staff entry with member.manage)."""
    policy.require(permissions.can_enter_member(actor, union), user=actor, union=union)
    check_grassroots(union)
    if Member.objects.filter(id_number_index=id_index(person.id_number)).exists():
        raise Conflict(_("该身份证号已登记为会员。"), fields={"id_number": _("已登记。")})
    member = Member(
        **profile(person),
        union=union,
        joined_on=joined_on or timezone.localdate(),
        status=status,
        user=user,
    )
    set_id_number(member, person.id_number)
    set_phone(member, person.phone)
    member.save()
    record(member, actor=actor, action="create", before={}, reason=reason)
    counting.adjust(added=[member])
    return member


@service
def member_set_status(*, actor: Actor, member: Member, status: str, reason: str = "") -> Member:
    """Staff (``member.manage``) change a member's status."""
    policy.require(permissions.can_manage_member(actor, member), user=actor, union=member.union)
    return apply_status(actor=actor, member=member, status=status, reason=reason)


def apply_status(*, actor: Actor, member: Member, status: str, reason: str = "") -> Member:
    """Change the status, figures, history and cards, recorded under ``actor``.

    Checks the move, not the actor: the caller has decided who may do this (staff through
    ``member_set_status``, the member leaving through ``selfservice.member_leave``).
    """
    MEMBER_FLOW.check(member.status, status)
    if status in (MemberStatus.SUSPENDED, MemberStatus.LEFT) and not reason.strip():
        raise DomainError(_("请填写理由。"), fields={"reason": _("请填写理由。")})
    with member_changing(member, actor=actor, action="status", reason=reason):
        transition(member, MEMBER_FLOW, status, actor=actor, commit=False)
        member.left_on = timezone.localdate() if status == MemberStatus.LEFT else None
    from zhigong.members.services.cards import cards_follow_member_status

    cards_follow_member_status(actor=actor, member=member, reason=reason)
    return member


@service
def member_contact_erase(*, actor: Actor, member: Member, reason: str) -> Member:
    """Erase the phone of a member who left long enough ago (the retention job). The record
    itself, with its ID number, is kept: the law asks for the membership records."""
    policy.require(permissions.can_manage_member(actor, member), user=actor, union=member.union)
    if member.status != MemberStatus.LEFT:
        raise DomainError(_("只能清除已退会会员的联系方式。"), code="member_not_left")
    with member_changing(member, actor=actor, action="erase_contact", reason=reason):
        set_phone(member, "")
    return member
