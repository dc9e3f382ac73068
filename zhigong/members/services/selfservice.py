"""A member's own data (MEM-5/6/7): change requests confirmed by staff, consents, a full
export of their data, and leaving the union.

A change request holds the new values encrypted (they may be personal) and a masked
before/after summary for display; nothing changes until staff with ``member.manage`` at the
member's union confirm it (maker-checker). Consents are never deleted: a withdrawal stamps
the record. Leaving sets the status to ``left`` and revokes the card; the record is kept.
"""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import xlsxwriter
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts.roles import Perm
from zhigong.audit.services import audit_record
from zhigong.core import crypto
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.masking import mask_phone
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.members import rollups
from zhigong.members.choices import (
    ETHNICITIES,
    Education,
    MemberStatus,
    PoliticalStatus,
    RequestStatus,
)
from zhigong.members.models import (
    Consent,
    ConsentPurpose,
    Member,
    MemberChangeRequest,
    MembershipTransfer,
)
from zhigong.members.personal import id_number_of, phone_of, set_phone
from zhigong.members.services import registry
from zhigong.members.services.reveal import log_access
from zhigong.notifications.services import notify
from zhigong.unions import policy

CHANGE_CONTEXT = "member.change"
# The fields a member may ask to change, in the order the form shows them.
CHANGEABLE = ("name", "phone", "job", "education", "political_status", "ethnicity")
FIELD_LABELS = {
    "name": "姓名",
    "phone": "手机号",
    "job": "岗位",
    "education": "学历",
    "political_status": "政治面貌",
    "ethnicity": "民族",
}


def _own(actor: Any, member: Member) -> None:
    """Only the member themself acts on their own data here; anyone else sees nothing."""
    if actor is None or member.user_id is None or member.user_id != actor.pk:
        raise NotFound()


def _display(field: str, value: str) -> str:
    if field == "phone":
        return mask_phone(value)
    if field == "education" and value:
        return str(Education(value).label)
    if field == "political_status" and value:
        return str(PoliticalStatus(value).label)
    return value


def _current(member: Member, field: str) -> str:
    return phone_of(member) if field == "phone" else str(getattr(member, field) or "")


def _clean_changes(raw: dict[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field in CHANGEABLE:
        value = (raw.get(field) or "").strip()
        if field not in raw:
            continue
        if field == "name":
            if not value or len(value) > 64:
                errors[field] = _("姓名不能为空，且不超过 64 个字符。")
        elif field == "phone":
            value = normalise_mobile(value)
            if message := check_mobile(value):
                errors[field] = message
        elif field == "ethnicity":
            if value and value not in ETHNICITIES and value != "其他":
                errors[field] = _("未知的民族“%(value)s”。") % {"value": value}
        elif field == "education":
            if value and value not in Education.values:
                errors[field] = _("请选择学历。")
        elif field == "political_status":
            if value and value not in PoliticalStatus.values:
                errors[field] = _("请选择政治面貌。")
        elif field == "job":
            value = value[:64]
        clean[field] = value
    if errors:
        raise DomainError(_("变更内容有误，请按提示修改。"), fields=errors)
    return clean


@transaction.atomic
def change_request_create(
    actor: Any, *, member: Member, changes: dict[str, str]
) -> MemberChangeRequest:
    """The member asks for new values; staff must confirm. One pending request at a time."""
    _own(actor, member)
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("您已退会，不能申请变更资料。"), code="member_left")
    if member.change_requests.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("您已有一份待确认的变更申请，请等待处理后再提交。"))
    wanted = {
        field: value
        for field, value in _clean_changes(changes).items()
        if value != _current(member, field)
    }
    if not wanted:
        raise DomainError(_("没有需要变更的内容。"), code="no_change")
    summary = {
        field: [_display(field, _current(member, field)), _display(field, value)]
        for field, value in wanted.items()
    }
    request = MemberChangeRequest.objects.create(
        member=member,
        requested_by=actor,
        payload_encrypted=crypto.encrypt(json.dumps(wanted), context=CHANGE_CONTEXT),
        summary=summary,
    )
    audit_record(
        actor=actor,
        action="member_change.request",
        target=request,
        union=member.union,
        changes={f: list(pair) for f, pair in summary.items()},
    )
    notify(
        actor,
        title=_("资料变更申请已提交"),
        body=_("工会工作人员确认后生效。"),
        url=reverse("portal:me"),
    )
    return request


def change_request_payload(request: MemberChangeRequest) -> dict[str, str]:
    data: dict[str, str] = json.loads(
        crypto.decrypt(request.payload_encrypted, context=CHANGE_CONTEXT)
    )
    return data


@transaction.atomic
def change_request_decide(
    actor: Any, *, request: MemberChangeRequest, confirm: bool, reason: str = ""
) -> MemberChangeRequest:
    """Staff with ``member.manage`` at the member's union apply the change, or reject it."""
    policy.require_perm(actor, Perm.MEMBER_MANAGE, request.member.union)
    request = MemberChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise DomainError(_("该变更申请已处理。"), code="bad_transition")
    reason = reason.strip()
    if not confirm and not reason:
        raise DomainError(_("驳回须填写理由。"), fields={"reason": _("请填写理由。")})
    member = Member.objects.select_for_update().select_related("union").get(pk=request.member_id)
    if confirm:
        if member.status == MemberStatus.LEFT:
            raise DomainError(_("该会员已退会，不能变更资料。"), code="member_left")
        changes = change_request_payload(request)
        before = registry.snapshot(member)
        counted = copy.copy(member)  # as the figures count it now
        for field, value in changes.items():
            if field == "phone":
                set_phone(member, value)
            elif field in CHANGEABLE:
                setattr(member, field, value)
        member.save()
        rollups.adjust(removed=[counted], added=[member])
        registry.record(
            member,
            actor=actor,
            action="change",
            before=before,
            reason=reason or _("会员申请变更 #%(id)s") % {"id": request.pk},
        )
    request.status = RequestStatus.CONFIRMED if confirm else RequestStatus.REJECTED
    request.decided_by, request.decided_at, request.reason = actor, timezone.now(), reason
    request.save()
    audit_record(
        actor=actor,
        action="member_change.confirm" if confirm else "member_change.reject",
        target=request,
        union=member.union,
        reason=reason,
    )
    if confirm:
        notify(member.user, title=_("资料变更已生效"), body="", url=reverse("portal:me"))
    else:
        notify(
            member.user,
            title=_("资料变更申请被驳回"),
            body=_("理由：%(reason)s") % {"reason": reason},
            url=reverse("portal:me"),
        )
    return request


@transaction.atomic
def change_request_cancel(actor: Any, *, request: MemberChangeRequest) -> MemberChangeRequest:
    _own(actor, request.member)
    if request.status != RequestStatus.PENDING:
        raise DomainError(_("该变更申请已处理。"), code="bad_transition")
    request.status = RequestStatus.CANCELLED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(
        actor=actor, action="member_change.cancel", target=request, union=request.member.union
    )
    return request


# --- consents ----------------------------------------------------------------------------


def consent_state(member: Member) -> list[dict[str, Any]]:
    """Each purpose with its current record (granted, withdrawn) and its past records."""
    records: dict[str, list[Consent]] = {}
    for consent in member.consents.all():  # newest first
        records.setdefault(consent.purpose, []).append(consent)
    rows = []
    for purpose in ConsentPurpose:
        history = records.get(purpose.value, [])
        latest = history[0] if history else None
        rows.append(
            {
                "purpose": purpose.value,
                "label": purpose.label,
                "granted": latest is not None and latest.withdrawn_at is None,
                "latest": latest,
                "history": history,
            }
        )
    return rows


@transaction.atomic
def consent_grant(actor: Any, *, member: Member, purpose: str) -> Consent:
    _own(actor, member)
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("未知的授权事项。"))
    current = member.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if current is not None:
        return current
    consent = Consent.objects.create(member=member, purpose=purpose, granted_at=timezone.now())
    audit_record(
        actor=actor,
        action="consent.grant",
        target=member,
        union=member.union,
        changes={"consent": [None, purpose]},
    )
    return consent


@transaction.atomic
def consent_withdraw(actor: Any, *, member: Member, purpose: str) -> Consent | None:
    _own(actor, member)
    current = member.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if current is None:
        return None
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        action="consent.withdraw",
        target=member,
        union=member.union,
        changes={"consent": [purpose, None]},
    )
    return current


# --- export ------------------------------------------------------------------------------


def _when(value: Any) -> str:
    return value.isoformat() if value else ""


@transaction.atomic
def member_export(actor: Any, *, member: Member, fmt: str = "json") -> dict[str, Any]:
    """Everything the platform holds about the member, with their own full ID and phone.

    The export is a full view of personal data, so it is written to the access log."""
    _own(actor, member)
    log_access(
        actor,
        subject=member,
        fields="id_number,phone",
        reason=_("本人导出个人数据（%(fmt)s）") % {"fmt": fmt},
        union_path=member.union.path,
        channel="self-export",
    )
    from zhigong.members.models import MembershipApplication

    data: dict[str, Any] = {
        "member": {
            "name": member.name,
            "gender": member.get_gender_display(),
            "birth_date": _when(member.birth_date),
            "id_number": id_number_of(member),
            "phone": phone_of(member),
            "ethnicity": member.ethnicity,
            "political_status": member.get_political_status_display(),
            "education": member.get_education_display(),
            "union": member.union.name,
            "union_code": member.union.code,
            "job": member.job,
            "joined_on": _when(member.joined_on),
            "status": member.get_status_display(),
        },
        "history": [
            {"at": _when(h.at), "action": h.action, "changes": h.changes, "reason": h.reason}
            for h in member.history.all()
        ],
        "applications": [
            {
                "submitted_at": _when(a.created_at),
                "union": a.union.name,
                "status": a.get_status_display(),
                "review_stamp": a.review_stamp,
                "reason": a.reason,
                "decided_at": _when(a.decided_at),
            }
            for a in MembershipApplication.objects.filter(member=member)
            .select_related("union")
            .order_by("created_at")
        ],
        "cards": [
            {
                "number": c.number,
                "status": c.get_status_display(),
                "issued_at": _when(c.issued_at),
                "revoked_at": _when(c.revoked_at),
            }
            for c in member.cards.order_by("created_at")
        ],
        "consents": [
            {
                "purpose": c.get_purpose_display(),
                "granted_at": _when(c.granted_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in member.consents.order_by("granted_at")
        ],
        "change_requests": [
            {
                "at": _when(r.created_at),
                "status": r.get_status_display(),
                "changes": {
                    FIELD_LABELS.get(f, f): {"before": p[0], "after": p[1]}
                    for f, p in r.summary.items()
                },
                "reason": r.reason,
            }
            for r in member.change_requests.order_by("created_at")
        ],
        "transfers": [
            {
                "at": _when(t.created_at),
                "from": t.from_union.name,
                "to": t.to_union.name,
                "status": t.get_status_display(),
                "decided_at": _when(t.decided_at),
            }
            for t in member.transfers.select_related("from_union", "to_union").order_by(
                "created_at"
            )
        ],
    }
    return data


EXPORT_LABELS = {
    "member": "会员资料",
    "history": "变更记录",
    "applications": "入会申请",
    "cards": "会员卡",
    "consents": "授权同意",
    "change_requests": "资料变更申请",
    "transfers": "会籍转移",
}


def export_xlsx(data: dict[str, Any]) -> bytes:
    """The export as a workbook: one sheet per part, every value written as text."""
    from zhigong.core.sheets.writing import open_workbook

    stream = io.BytesIO()
    workbook: xlsxwriter.Workbook = open_workbook(stream)
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(EXPORT_LABELS["member"])
    for row, (key, value) in enumerate(data["member"].items()):
        sheet.write_string(row, 0, key, bold)
        sheet.write_string(row, 1, str(value))
    sheet.set_column(0, 1, 24)
    for part in list(EXPORT_LABELS)[1:]:
        sheet = workbook.add_worksheet(EXPORT_LABELS[part])
        rows = data[part]
        keys = list(rows[0]) if rows else []
        for col, key in enumerate(keys):
            sheet.write_string(0, col, key, bold)
        for r, item in enumerate(rows, start=1):
            for col, key in enumerate(keys):
                value = item[key]
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                sheet.write_string(r, col, text)
        sheet.set_column(0, max(len(keys) - 1, 0), 20)
    workbook.close()
    return stream.getvalue()


# --- leaving -----------------------------------------------------------------------------


@transaction.atomic
def member_leave(actor: Any, *, member: Member, reason: str) -> Member:
    """The member leaves: status ``left``, card revoked, pending requests cancelled; the
    record is kept (as the law requires) but no longer shown to them."""
    _own(actor, member)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写退会理由。"), fields={"reason": _("请填写理由。")})
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("您已退会。"), code="member_left")
    now = timezone.now()
    member.change_requests.filter(status=RequestStatus.PENDING).update(
        status=RequestStatus.CANCELLED, decided_at=now
    )
    MembershipTransfer.objects.filter(member=member, status=RequestStatus.PENDING).update(
        status=RequestStatus.CANCELLED, decided_at=now
    )
    # The member's own record (``_own`` above): history and audit name them as the actor.
    registry.apply_status(
        actor, member=member, status=MemberStatus.LEFT, reason=_("本人申请退会：") + reason
    )
    notify(
        actor,
        title=_("您已退会"),
        body=_("会员卡已注销。您的资料按规定保存，不再对外显示。"),
        url=reverse("portal:me"),
    )
    return member
