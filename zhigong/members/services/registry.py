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
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    # (field, message): what was read but deserves a look (an old 15-digit ID number
    # converted, an unknown county code, 研究生 read as 硕士研究生); never blocks.
    warnings: list[tuple[str, str]]


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
    gender = _GENDER_PLAIN.get(data.gender)  # 男, 女 or nothing: most rows of a roster
    if gender is None:
        gender, errors["gender"] = clean_gender(data.gender)
    if info.valid and gender and gender != info.gender:
        errors["gender"] = _("性别与身份证号不一致。")
    phone, errors["phone"] = clean_phone(data.phone)
    ethnicity, errors["ethnicity"] = clean_ethnicity(data.ethnicity)
    political, errors["political_status"] = clean_political_status(data.political_status)
    education, errors["education"] = clean_education(data.education)
    errors = {field: message for field, message in errors.items() if message}
    if errors or info.birth_date is None:
        return None, errors
    warnings = [("id_number", str(w)) for w in info.warnings]
    if education == _MASTER and (note := choice_note(Education, data.education)):
        warnings.append(("education", note))
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
        warnings,
    ), {}


# One rule per field, shared by everything that stores a person's data: the registry, the
# application form, imports, and the change requests staff confirm. Each returns the value
# to store and an error message ("" when the value is fine).


def clean_name(raw: str) -> tuple[str, str]:
    """A name as ID cards write it, without the padding rosters add for alignment.

    Spaces of every kind (the ideographic space U+3000 too) between two Chinese characters
    are padding and go: 王　磊 and 王 磊 are 王磊. The dot of a name transcribed from
    another language (阿依古丽·买买提) is kept, written as U+00B7 whichever look-alike was
    typed (• ・ ‧ ∙ ⋅, or a full stop between Chinese characters), without spaces around it.
    Elsewhere (names in Latin letters) a run of spaces becomes one space. Zero-width
    characters are dropped; a line break or another control character is an error.
    """
    name = (raw or "").strip()
    if not name:
        return name, _("姓名不能为空。")
    if _NAME_UNUSUAL.search(name):  # a plain name (nearly all) costs this one search
        name = name.translate(_INVISIBLE)
        if _CONTROL.search(name):
            return name, _("姓名中有换行符或不可见的控制字符，请删除。")
        name = _MIDDLE_DOT.sub("·", name)
        name = _CJK_STOP.sub("·", name)
        name = _CJK_GAP.sub("", name)
        name = _SPACES.sub(" ", name).strip()
        if not name:
            return name, _("姓名不能为空。")
    if len(name) > 64:
        return name, _("姓名不能超过 64 个字符。")
    return name, ""


def name_key(raw: str) -> str:
    """A name (or part of one) typed into a search, written as ``clean_name`` stores it."""
    return clean_name(raw)[0]


def clean_gender(raw: str) -> tuple[str, str]:
    """男/女, 男性/女性, the GB/T 2261.1 codes 1/2, male/female (M/F); "" (and the codes
    0 未知 and 9 未说明, which say nothing) leaves it to the ID number."""
    code = choice_code(Gender, raw)
    if code is None:
        return "", _(
            "性别“%(value)s”无法识别。可以填：男、女、男性、女性，或国家标准代码 1（男）、"
            "2（女）；留空则按身份证号。"
        ) % {"value": raw}
    return code, ""


def clean_phone(raw: str) -> tuple[str, str]:
    phone = normalise_mobile(raw)
    return phone, check_mobile(phone) or ""


def clean_ethnicity(raw: str) -> tuple[str, str]:
    """As written on ID cards: 汉族, 蒙古族… ("汉" and "其他" are completed with 族)."""
    ethnicity = (raw or "").strip()
    if ethnicity not in _ETHNICITIES:
        ethnicity = _spelling_key(ethnicity)  # 汉　族, full-width spaces and the like
    if ethnicity and not ethnicity.endswith("族"):
        ethnicity += "族"
    if ethnicity and ethnicity not in _ETHNICITIES:
        return ethnicity, _("未知的民族“%(value)s”。") % {"value": raw}
    return ethnicity, ""


def clean_political_status(raw: str) -> tuple[str, str]:
    code = choice_code(PoliticalStatus, raw)
    if code is None:
        return "", _refusal(PoliticalStatus, raw) or _(
            "未知的政治面貌“%(value)s”。可以填：中共党员、中共预备党员、共青团员、"
            "民主党派（或具体的党派，如 民盟盟员、九三学社社员）、无党派人士、群众，"
            "或国家标准 GB/T 4762 的代码 01–13。"
        ) % {"value": raw}
    return code, ""


def clean_education(raw: str) -> tuple[str, str]:
    code = choice_code(Education, raw)
    if code is None:
        return "", _refusal(Education, raw) or _(
            "未知的学历“%(value)s”。可以填：小学及以下、初中、高中、中专、技校、大专、本科、"
            "硕士研究生、博士研究生，或国家标准 GB/T 4658 的名称"
            "（如 大学本科、大学专科、中等专科、职业高中、技工学校、普通高中）。"
        ) % {"value": raw}
    return code, ""


def clean_job(raw: str) -> str:
    """A job title never fails: control characters become spaces, the rest is cut to fit."""
    job = (raw or "").strip()
    if _CONTROL.search(job):
        job = " ".join(_CONTROL.sub(" ", job).split())
    return job[:64]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never part of a name; a job's become spaces
# Chinese characters: the unified ideographs, their extensions and compatibility forms, 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_DOTS = "\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65"  # · • ‧ ∙ ⋅ ・ ･
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_NAME_UNUSUAL = re.compile(rf"[\s\x00-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff{_DOTS}.\uff0e]")
_MIDDLE_DOT = re.compile(rf"\s*[{_DOTS}]\s*")
_CJK_STOP = re.compile(rf"(?<=[{_CJK}])\s*[.\uff0e]\s*(?=[{_CJK}])")  # 阿依古丽.买买提
_CJK_GAP = re.compile(rf"(?<=[{_CJK}·])\s+(?=[{_CJK}·])")
_SPACES = re.compile(r"\s+")
_ETHNICITIES = frozenset([*ETHNICITIES, "其他族"])
_GENDER_PLAIN = {"": "", "男": Gender.MALE.value, "女": Gender.FEMALE.value}
_MASTER = Education.MASTER.value

# Spellings of the choices, beside their codes and Chinese labels (and a label's parts:
# 高中、中专、技校), from the national standards and common forms. One table serves the entry
# form, applications, imports and change requests. Keys are compared as ``_spelling_key``
# writes them (no spaces, full-width as half-width, lower case).
_WITH_OUTCOMES = ("毕业", "结业", "肄业")  # GB/T 4658 groups each under its level


def _gb4658(code: str, *names: str) -> dict[str, str]:
    """GB/T 4658 names of one level, also with 毕业/结业/肄业 appended."""
    return {
        spelled: code for name in names for spelled in (name, *(name + o for o in _WITH_OUTCOMES))
    }


_ALIASES: dict[Any, dict[str, str]] = {
    Gender: {
        # GB/T 2261.1: 1 男性, 2 女性; 0 未知的性别 and 9 未说明的性别 say nothing, and
        # the ID number decides ("").
        "男性": Gender.MALE.value,
        "女性": Gender.FEMALE.value,
        "1": Gender.MALE.value,
        "2": Gender.FEMALE.value,
        "m": Gender.MALE.value,
        "f": Gender.FEMALE.value,
        "0": "",
        "9": "",
        "未知": "",
        "未知的性别": "",
        "未说明": "",
        "未说明的性别": "",
    },
    PoliticalStatus: {
        # GB/T 4762 names and codes (01–13, also without the 0 that Excel drops).
        **dict.fromkeys(
            ("中国共产党党员", "中共正式党员", "共产党员", "党员", "01", "1"),
            PoliticalStatus.CPC.value,
        ),
        **dict.fromkeys(
            ("中国共产党预备党员", "预备党员", "02", "2"), PoliticalStatus.CPC_PROBATIONARY.value
        ),
        **dict.fromkeys(
            ("中国共产主义青年团团员", "共青团员", "团员", "03", "3"), PoliticalStatus.CYL.value
        ),
        # The eight democratic parties (04–11): the registry keeps 民主党派, not which one.
        **dict.fromkeys(
            (
                "民主党派成员",
                "民主党派人士",
                "中国国民党革命委员会会员",
                "中国国民党革命委员会党员",
                "民革会员",
                "民革党员",
                "中国民主同盟盟员",
                "民盟盟员",
                "中国民主建国会会员",
                "民建会员",
                "中国民主促进会会员",
                "民进会员",
                "中国农工民主党党员",
                "农工民主党党员",
                "农工党党员",
                "中国致公党党员",
                "致公党党员",
                "九三学社社员",
                "台湾民主自治同盟盟员",
                "台盟盟员",
                # The party alone, as some rosters write it.
                "中国国民党革命委员会",
                "民革",
                "中国民主同盟",
                "民盟",
                "中国民主建国会",
                "民建",
                "中国民主促进会",
                "民进",
                "中国农工民主党",
                "农工党",
                "中国致公党",
                "致公党",
                "九三学社",
                "台湾民主自治同盟",
                "台盟",
                *(f"{n:02d}" for n in range(4, 12)),
                *(str(n) for n in range(4, 12)),
            ),
            PoliticalStatus.DEMOCRATIC.value,
        ),
        **dict.fromkeys(("无党派民主人士", "12"), PoliticalStatus.NON_PARTY.value),
        **dict.fromkeys(("13",), PoliticalStatus.MASSES.value),
    },
    Education: {
        **_gb4658(Education.DOCTOR.value, "博士研究生", "博士"),
        **_gb4658(Education.MASTER.value, "硕士研究生", "硕士", "研究生班", "研究生"),
        **_gb4658(Education.BACHELOR.value, "大学本科", "本科", "大学普通班"),
        **_gb4658(Education.COLLEGE.value, "大学专科", "专科", "大专"),
        **_gb4658(
            Education.SENIOR.value,
            "中等专科",
            "中等专业学校",
            "中专",
            "职业高中",
            "职高",
            "技工学校",
            "技校",
            "普通高中",
            "普通高级中学",
            "高中",
        ),
        "中等职业教育": Education.SENIOR.value,
        **_gb4658(Education.JUNIOR.value, "初中", "初级中学"),
        **_gb4658(Education.PRIMARY.value, "小学"),
        **dict.fromkeys(("小学以下", "文盲", "半文盲", "文盲或半文盲"), Education.PRIMARY.value),
    },
}
# Spellings that are read, with a word about how.
_NOTES: dict[Any, dict[str, Any]] = {
    Education: dict.fromkeys(
        ("研究生", *("研究生" + o for o in _WITH_OUTCOMES)),
        gettext_lazy("“研究生”已按“硕士研究生”登记；如果是博士，请填“博士研究生”。"),
    ),
}
# Spellings that could mean two choices: refused, saying which.
_REFUSALS: dict[Any, dict[str, Any]] = {
    PoliticalStatus: dict.fromkeys(
        ("无党派", "无"),
        gettext_lazy(
            "政治面貌“%(value)s”有两种理解：没有参加任何党派、团体的是“群众”；"
            "“无党派人士”是统一战线中的一类人士。请写明是哪一种。"
        ),
    ),
    Education: dict.fromkeys(
        ("其他", "其它"),
        gettext_lazy("学历“%(value)s”没有对应的类别，请写明最高学历，如 初中、高中、大专。"),
    ),
}


def _spelling_key(raw: str) -> str:
    key = "".join(raw.split())
    if not key.isascii():
        key = "".join(unicodedata.normalize("NFKC", key).split())
    return key.lower()


_TABLES: dict[Any, dict[str, str]] = {}


def _lookup(choices: Any) -> dict[str, str]:
    """Every accepted spelling of a choice (code, Chinese label, its parts, aliases) → code.

    Built once per choices class: imports call ``choice_code`` for every row.
    """
    table = _TABLES.get(choices)
    if table is not None:
        return table
    table = {str(code): str(code) for code in choices.values}
    with translation.override("zh-hans"):  # rosters are written in Chinese whatever the UI
        labels = [(str(code), str(label)) for code, label in choices.choices]
    for code, label in labels:
        table.setdefault(_spelling_key(label), code)
        for part in label.split("、"):
            table.setdefault(_spelling_key(part), code)
    for alias, code in _ALIASES.get(choices, {}).items():
        table.setdefault(_spelling_key(alias), code)
    _TABLES[choices] = table
    return table


def choice_code(choices: Any, raw: str) -> str | None:
    """A choice by its code, its Chinese label or another accepted spelling; "" stays "";
    unknown (or ambiguous) is None."""
    table = _TABLES.get(choices) or _lookup(choices)
    found = table.get(raw)  # a roster's cell, already stripped: nearly always found here
    if found is not None:
        return found
    value = (raw or "").strip()
    if not value:
        return ""
    found = table.get(value)
    return found if found is not None else table.get(_spelling_key(value))


def choice_note(choices: Any, raw: str) -> str:
    """What to say about a spelling that was read but might mean more ("" mostly)."""
    note = _note(choices, raw or "")
    return str(note) if note is not None else ""


@lru_cache(maxsize=1024)
def _note(choices: Any, raw: str) -> Any:
    notes = _NOTES.get(choices)
    return notes.get(_spelling_key(raw)) if notes else None


def _refusal(choices: Any, raw: str) -> str:
    """Why an ambiguous spelling is refused ("" when it is simply unknown)."""
    message = _REFUSALS.get(choices, {}).get(_spelling_key(raw or ""))
    return str(message) % {"value": raw} if message is not None else ""


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
