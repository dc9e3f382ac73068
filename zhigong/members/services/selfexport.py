"""A member's export of everything the platform holds about them (MEM-7), at
``/me/export.xlsx`` and ``/me/export.json``.

Written to be read by the member: Chinese headers, times in local time (``TIME_ZONE``,
Asia/Shanghai, "2026-03-01 14:05:09"), labels instead of codes (已入会, not ``approved``;
会员所在工会, not ``holding``), and every record: all their applications (withdrawn and
rejected ones, and those an officer entered for them), their history, cards, consents (with
the privacy notice's version and digest), change requests and transfers. A part with nothing
in it is still a sheet with its header row, so an empty sheet says "none" rather than
"missing". The workbook comes from the spreadsheet kit (``core.sheets.writing``): every
value is written as text, so nothing anyone typed (a name, a job, a reason) becomes a
formula. The JSON keeps English keys (for programs) with the same readable values.

The export holds the member's own full ID number and phone, so each download is written to
the access log (channel ``self-export``), which the member sees on ``/me/access/``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.actors import Actor
from zhigong.core.audit import log_access
from zhigong.core.audit_words import words
from zhigong.core.errors import NotFound
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row
from zhigong.members import permissions
from zhigong.members.models import Consent, Member, MembershipApplication
from zhigong.members.personal import id_number_of, phone_of
from zhigong.members.services.selfservice import FIELD_LABELS
from zhigong.unions.models import Union
from zhigong.unions.selectors import union_names, union_trails


def local_time(value: dt.datetime | None) -> str:
    """2026-03-01 14:05:09 in the site's time zone; "" for none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def local_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class Part:
    """One part of the export: a sheet of the workbook, a list of the JSON."""

    key: str  # the JSON key
    title: str | Promise  # the sheet's name
    columns: list[tuple[str, str | Promise]]  # (JSON key, Chinese header)
    rows: list[dict[str, str]] = field(default_factory=list)


@dataclass
class MemberExport:
    exported_at: dt.datetime
    profile: list[tuple[str, str | Promise, str]]  # (JSON key, label, value)
    parts: list[Part]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "exported_at": timezone.localtime(self.exported_at).isoformat(),
            "member": {key: value for key, _label, value in self.profile},
        }
        for part in self.parts:
            data[part.key] = part.rows
        return data


def _join(lines: list[str]) -> str:
    return "；".join(lines)


@service
def member_export(*, actor: Actor, member: Member, fmt: str = "json") -> MemberExport:
    """Everything the platform holds about the member, with their own full ID and phone.

    The export is a full view of personal data, so it is written to the access log."""
    if not permissions.is_own(actor, member):
        raise NotFound()
    log_access(
        actor=actor,
        subject=member,
        fields="id_number,phone",
        reason=_("本人导出个人数据（%(fmt)s）") % {"fmt": fmt},
        union_path=member.union.path,
        channel="self-export",
    )
    vocabulary = words()
    union = member.union
    trail = union_trails([union])[union.path]
    profile: list[tuple[str, str | Promise, str]] = [
        ("name", gettext_lazy("姓名"), member.name),
        ("gender", gettext_lazy("性别"), member.get_gender_display()),
        ("birth_date", gettext_lazy("出生日期"), local_date(member.birth_date)),
        ("id_number", gettext_lazy("身份证号"), id_number_of(member)),
        ("phone", gettext_lazy("手机号"), phone_of(member)),
        ("ethnicity", gettext_lazy("民族"), member.ethnicity),
        ("political_status", gettext_lazy("政治面貌"), member.get_political_status_display()),
        ("education", gettext_lazy("学历"), member.get_education_display()),
        ("union", gettext_lazy("工作单位（基层工会）"), union.name),
        ("union_code", gettext_lazy("工会编码"), union.code),
        ("union_path", gettext_lazy("所属上级工会"), " › ".join(trail)),
        ("job", gettext_lazy("岗位"), member.job),
        ("joined_on", gettext_lazy("入会日期"), local_date(member.joined_on)),
        ("status", gettext_lazy("会籍状态"), member.get_status_display()),
        ("left_on", gettext_lazy("退会日期"), local_date(member.left_on)),
    ]

    # history: the member's own record, in words (union codes by name, nothing masked)
    history = list(member.history.order_by("at", "id"))
    codes = set().union(*(vocabulary.union_codes(h.changes) for h in history)) if history else set()
    names = union_names(codes)
    history_part = Part(
        "history",
        gettext_lazy("变更记录"),
        [
            ("at", gettext_lazy("时间")),
            ("action", gettext_lazy("事项")),
            ("changes", gettext_lazy("变更内容")),
            ("reason", gettext_lazy("理由")),
        ],
        [
            {
                "at": local_time(h.at),
                "action": vocabulary.action_label(f"member.{h.action}"),
                "changes": _join(
                    [
                        f"{line.field}：{line.before} → {line.after}"
                        for line in vocabulary.change_lines(
                            "members.member", h.changes, unions=names
                        )
                    ]
                ),
                "reason": h.reason,
            }
            for h in history
        ],
    )

    # applications: approved into this record, made by this login, or entered for this ID
    who = Q(member=member) | Q(id_number_index=member.id_number_index)
    if member.user_id is not None:
        who |= Q(applicant_id=member.user_id)
    applications = list(
        MembershipApplication.objects.filter(who).select_related("union").order_by("created_at")
    )
    application_part = Part(
        "applications",
        gettext_lazy("入会申请"),
        [
            ("submitted_at", gettext_lazy("提交时间")),
            ("union", gettext_lazy("申请加入的工会")),
            ("name", gettext_lazy("姓名")),
            ("id_number", gettext_lazy("身份证号")),
            ("phone", gettext_lazy("手机号")),
            ("job", gettext_lazy("岗位")),
            ("how", gettext_lazy("提交方式")),
            ("status", gettext_lazy("状态")),
            ("review_stamp", gettext_lazy("基层工会审核人（盖章）")),
            ("reviewed_at", gettext_lazy("审核时间")),
            ("decided_at", gettext_lazy("办结时间")),
            ("reason", gettext_lazy("理由")),
        ],
        [
            {
                "submitted_at": local_time(a.created_at),
                "union": a.union.name,
                "name": a.name,
                "id_number": id_number_of(a),
                "phone": phone_of(a),
                "job": a.job,
                "how": _("本人在线申请") if a.applicant_id else _("工会工作人员代为录入"),
                "status": a.get_status_display(),
                "review_stamp": a.review_stamp,
                "reviewed_at": local_time(a.reviewed_at),
                "decided_at": local_time(a.decided_at),
                "reason": a.reason,
            }
            for a in applications
        ],
    )

    card_part = Part(
        "cards",
        gettext_lazy("会员卡"),
        [
            ("number", gettext_lazy("卡号")),
            ("status", gettext_lazy("状态")),
            ("issued_at", gettext_lazy("制卡时间")),
            ("revoked_at", gettext_lazy("注销时间")),
        ],
        [
            {
                "number": c.number,
                "status": c.get_status_display(),
                "issued_at": local_time(c.issued_at),
                "revoked_at": local_time(c.revoked_at),
            }
            for c in member.cards.order_by("created_at", "id")
        ],
    )

    consents = Consent.objects.filter(
        Q(member=member) | Q(application__in=[a.pk for a in applications])
    ).order_by("granted_at", "id")
    consent_part = Part(
        "consents",
        gettext_lazy("授权同意"),
        [
            ("purpose", gettext_lazy("事项")),
            ("granted_at", gettext_lazy("同意时间")),
            ("withdrawn_at", gettext_lazy("撤回时间")),
            ("given_on", gettext_lazy("在哪里同意")),
            ("notice_version", gettext_lazy("告知书版本")),
            ("notice_digest", gettext_lazy("告知书文本摘要（SHA-256）")),
        ],
        [
            {
                "purpose": c.get_purpose_display(),
                "granted_at": local_time(c.granted_at),
                "withdrawn_at": local_time(c.withdrawn_at),
                "given_on": _("入会申请表") if c.application_id else _("授权管理"),
                "notice_version": c.notice_version,
                "notice_digest": c.notice_digest,
            }
            for c in consents
        ],
    )

    change_part = Part(
        "change_requests",
        gettext_lazy("资料变更申请"),
        [
            ("at", gettext_lazy("提交时间")),
            ("changes", gettext_lazy("申请变更的内容")),
            ("status", gettext_lazy("状态")),
            ("decided_at", gettext_lazy("处理时间")),
            ("reason", gettext_lazy("处理理由")),
        ],
        [
            {
                "at": local_time(r.created_at),
                "changes": _join(
                    [
                        f"{FIELD_LABELS.get(f, f)}：{pair[0] or _('（空）')} → {pair[1] or _('（空）')}"
                        for f, pair in r.summary.items()
                    ]
                ),
                "status": r.get_status_display(),
                "decided_at": local_time(r.decided_at),
                "reason": r.reason,
            }
            for r in member.change_requests.order_by("created_at", "id")
        ],
    )

    transfers = member.transfers.select_related("from_union", "to_union").order_by(
        "created_at", "id"
    )
    transfer_part = Part(
        "transfers",
        gettext_lazy("会籍转移"),
        [
            ("at", gettext_lazy("申请时间")),
            ("from", gettext_lazy("转出工会")),
            ("to", gettext_lazy("转入工会")),
            ("asked_by", gettext_lazy("提出方")),
            ("reason", gettext_lazy("转移理由")),
            ("status", gettext_lazy("状态")),
            ("decided_at", gettext_lazy("处理时间")),
            ("decision_reason", gettext_lazy("处理意见")),
        ],
        [
            {
                "at": local_time(t.created_at),
                "from": _union_name(t.from_union),
                "to": _union_name(t.to_union),
                "asked_by": t.get_requested_side_display(),
                "reason": t.reason,
                "status": t.get_status_display(),
                "decided_at": local_time(t.decided_at),
                "decision_reason": t.decision_reason,
            }
            for t in transfers
        ],
    )
    return MemberExport(
        exported_at=timezone.now(),
        profile=profile,
        parts=[history_part, application_part, card_part, consent_part, change_part, transfer_part],
    )


def _union_name(union: Union | None) -> str:
    return union.name if union is not None else ""


PROFILE_TITLE = gettext_lazy("会员资料")


def export_xlsx(export: MemberExport) -> bytes:
    """The export as a workbook: the member's data first (项目, 内容), then one sheet per
    part with its Chinese header row (also when it is empty), every value as text."""
    stream = io.BytesIO()
    workbook = open_workbook(stream)
    bold = workbook.add_format(HEADER_STYLE)
    sheet = workbook.add_worksheet(str(PROFILE_TITLE))
    write_row(sheet, 0, [str(_("项目")), str(_("内容"))], bold)
    for row, (_key, label, value) in enumerate(export.profile, start=1):
        write_row(sheet, row, [str(label), value])
    write_row(
        sheet,
        len(export.profile) + 2,
        [str(_("导出时间")), local_time(export.exported_at)],
    )
    write_row(
        sheet,
        len(export.profile) + 3,
        [
            str(_("说明")),
            str(_("时间均为北京时间（UTC+8）。本文件含您完整的身份证号和手机号，请妥善保管。")),
        ],
    )
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 48)
    sheet.freeze_panes(1, 0)
    for part in export.parts:
        sheet = workbook.add_worksheet(str(part.title))
        write_row(sheet, 0, [str(header) for _key, header in part.columns], bold)
        for row, item in enumerate(part.rows, start=1):
            write_row(sheet, row, [item[key] for key, _header in part.columns])
        for column, (key, header) in enumerate(part.columns):
            longest = max([len(str(header)), *(len(item[key]) for item in part.rows)])
            sheet.set_column(column, column, min(max(longest * 1.8, 10), 60))
        sheet.freeze_panes(1, 0)
    workbook.close()
    return stream.getvalue()
