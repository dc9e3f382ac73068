"""A member's own data (MEM-5/6): change requests confirmed by staff, consents, and leaving
the union (the export of all their data is ``selfexport``).

A change request holds the new values encrypted (they may be personal) and a masked
before/after summary for display; nothing changes until staff with ``member.manage`` at the
member's union confirm it (maker-checker). Consents are never deleted: a withdrawal stamps
the record. Leaving sets the status to ``left`` and revokes the card; the record is kept.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core import crypto
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.masking import mask_phone
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import notices, permissions
from zhigong.members.choices import Education, MemberStatus, PoliticalStatus, RequestStatus
from zhigong.members.models import (
    CHANGE_FLOW,
    CONSENT_DETAILS,
    NOTICE_PURPOSES,
    TRANSFER_FLOW,
    Consent,
    ConsentPurpose,
    Member,
    MemberChangeRequest,
    MembershipTransfer,
)
from zhigong.members.personal import phone_of, set_phone
from zhigong.members.services import registry
from zhigong.notifications.services import notify
from zhigong.unions import policy

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


def _own(actor: Actor, member: Member) -> None:
    """Only the member themself acts on their own data here; anyone else sees nothing."""
    if not permissions.is_own(actor, member):
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
    """The registry's own rule for each field asked for (``registry.clean_*``): a change
    confirmed by staff stores exactly what entering the member would have stored."""
    cleaners = {
        "name": registry.clean_name,
        "phone": registry.clean_phone,
        "ethnicity": registry.clean_ethnicity,
        "education": registry.clean_education,
        "political_status": registry.clean_political_status,
    }
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field in CHANGEABLE:
        if field not in raw:
            continue
        if field == "job":
            clean[field] = registry.clean_job(raw[field])
            continue
        clean[field], message = cleaners[field](raw[field])
        if message:
            errors[field] = message
    if errors:
        raise DomainError(_("变更内容有误，请按提示修改。"), fields=errors)
    return clean


@service
def change_request_create(
    *, actor: Actor, member: Member, changes: dict[str, str]
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
    based_on = {field: _current(member, field) for field in wanted}
    request = MemberChangeRequest(member=member, requested_by=acting_user(actor), summary=summary)
    request.payload_encrypted = _seal(request, "payload", wanted)
    request.based_on_encrypted = _seal(request, "based_on", based_on)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as exc:  # a concurrent submit won: one pending request at a time
        raise Conflict(_("您已有一份待确认的变更申请，请等待处理后再提交。")) from exc
    audit_record(
        actor=actor,
        action="member_change.request",
        target=request,
        union=member.union,
        changes={f: list(pair) for f, pair in summary.items()},
    )
    notify(
        member.user,
        title=_("资料变更申请已提交"),
        body=_("工会工作人员确认后生效。"),
        url=reverse("portal:members:me"),
    )
    return request


def _seal(request: MemberChangeRequest, column: str, values: dict[str, str]) -> str:
    """New values may be personal (a phone): encrypted, bound to the member's request."""
    return crypto.encrypt(json.dumps(values), context=request.sealing_context(column))


def _open(request: MemberChangeRequest, column: str, sealed: str) -> dict[str, str]:
    data: dict[str, str] = json.loads(
        crypto.decrypt(sealed, context=request.sealing_context(column))
    )
    return data


def change_request_payload(request: MemberChangeRequest) -> dict[str, str]:
    return _open(request, "payload", request.payload_encrypted)


def _based_on(request: MemberChangeRequest) -> dict[str, str]:
    """The values the request was made against (empty for requests older than the field)."""
    if not request.based_on_encrypted:
        return {}
    return _open(request, "based_on", request.based_on_encrypted)


@service
def change_request_decide(
    *, actor: Actor, request: MemberChangeRequest, confirm: bool, reason: str = ""
) -> MemberChangeRequest:
    """Staff with ``member.manage`` at the member's union apply the change, or reject it."""
    member = request.member
    policy.require(permissions.can_decide_change(actor, request), user=actor, union=member.union)
    request = MemberChangeRequest.objects.select_for_update().get(pk=request.pk)
    CHANGE_FLOW.expect(request, RequestStatus.PENDING, message=_("该变更申请已处理。"))
    reason = reason.strip()
    if not confirm and not reason:
        raise DomainError(_("驳回须填写理由。"), fields={"reason": _("请填写理由。")})
    member = Member.objects.select_for_update().select_related("union").get(pk=request.member_id)
    if confirm:
        if member.status == MemberStatus.LEFT:
            raise DomainError(_("该会员已退会，不能变更资料。"), code="member_left")
        changed = [f for f, v in _based_on(request).items() if _current(member, f) != v]
        if changed:
            raise Conflict(
                _("会员的%(fields)s在申请之后已被修改，此申请不能再执行，请驳回并请会员重新提交。")
                % {"fields": "、".join(str(FIELD_LABELS.get(f, f)) for f in changed)},
                code="stale",
            )
        changes = change_request_payload(request)
        with registry.member_changing(
            member,
            actor=actor,
            action="change",
            reason=reason or _("会员申请变更 #%(id)s") % {"id": request.pk},
        ):
            for field, value in changes.items():
                if field == "phone":
                    set_phone(member, value)
                elif field in CHANGEABLE:
                    setattr(member, field, value)
    request.decided_by = acting_user(actor)
    request.decided_at, request.reason = timezone.now(), reason
    transition(
        request,
        CHANGE_FLOW,
        RequestStatus.CONFIRMED if confirm else RequestStatus.REJECTED,
        actor=actor,
        union=member.union,
        reason=reason,
        action="member_change.confirm" if confirm else "member_change.reject",
    )
    if confirm:
        notify(member.user, title=_("资料变更已生效"), body="", url=reverse("portal:members:me"))
    else:
        notify(
            member.user,
            title=_("资料变更申请被驳回"),
            body=_("理由：%(reason)s") % {"reason": reason},
            url=reverse("portal:members:me"),
        )
    return request


@service
def change_request_cancel(*, actor: Actor, request: MemberChangeRequest) -> MemberChangeRequest:
    _own(actor, request.member)
    request.decided_at = timezone.now()
    transition(
        request,
        CHANGE_FLOW,
        RequestStatus.CANCELLED,
        actor=actor,
        union=request.member.union,
        action="member_change.cancel",
        from_=[RequestStatus.PENDING],
        message=_("该变更申请已处理。"),
    )
    return request


# --- consents ----------------------------------------------------------------------------


def consent_state(member: Member) -> list[dict[str, Any]]:
    """Each purpose with its current record (granted, withdrawn), its past records, what it
    does, and for the privacy notice which version was agreed to and whether a newer one
    waits to be read."""
    records: dict[str, list[Consent]] = {}
    for consent in member.consents.all():  # newest first
        records.setdefault(consent.purpose, []).append(consent)
    current = notices.current_notice()
    rows = []
    for purpose in ConsentPurpose:
        history = records.get(purpose.value, [])
        latest = history[0] if history else None
        granted = latest is not None and latest.withdrawn_at is None
        notice = purpose in NOTICE_PURPOSES
        rows.append(
            {
                "purpose": purpose.value,
                "label": purpose.label,
                "detail": CONSENT_DETAILS[purpose],
                "granted": granted,
                "latest": latest,
                "history": history,
                "notice": notice,
                "withdrawable": granted and not notice,
                # agreed to an older notice, or never online (entered by staff): may agree
                # to the current one here
                "newer_notice": notice
                and not (
                    granted and latest is not None and latest.notice_version == current.version
                ),
            }
        )
    return rows


@service
def consent_grant(*, actor: Actor, member: Member, purpose: str) -> Consent:
    """The member agrees (again); for the privacy notice, to its current version."""
    _own(actor, member)
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("未知的授权事项。"))
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("您已退会。"), code="member_left")
    notice = notices.current_notice() if purpose in NOTICE_PURPOSES else None
    open_ones = member.consents.filter(purpose=purpose, withdrawn_at__isnull=True)
    if notice is not None:
        open_ones = open_ones.filter(notice_version=notice.version)
    current = open_ones.first()
    if current is not None:
        return current
    consent = Consent.objects.create(
        member=member,
        purpose=purpose,
        granted_at=timezone.now(),
        notice_version=notice.version if notice else "",
        notice_digest=notice.digest if notice else "",
    )
    changes: dict[str, list[Any]] = {"consent": [None, purpose]}
    if notice is not None:
        changes["notice_version"] = [None, notice.version]
    audit_record(
        actor=actor, action="consent.grant", target=member, union=member.union, changes=changes
    )
    return consent


@service
def consent_withdraw(*, actor: Actor, member: Member, purpose: str) -> Consent | None:
    """The member takes a consent back: every open record of it is stamped, none deleted.
    The consent to the privacy notice goes only with the membership (leaving)."""
    _own(actor, member)
    if purpose in NOTICE_PURPOSES:
        raise DomainError(
            _("会员资料的收集与使用是办理会籍的前提，不能单独撤回；如不再同意，请办理退会。"),
            code="consent_required",
        )
    open_ones = list(member.consents.filter(purpose=purpose, withdrawn_at__isnull=True))
    if not open_ones:
        return None
    now = timezone.now()
    for consent in open_ones:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        action="consent.withdraw",
        target=member,
        union=member.union,
        changes={"consent": [purpose, None]},
    )
    return open_ones[0]


# --- leaving -----------------------------------------------------------------------------


@service
def member_leave(*, actor: Actor, member: Member, reason: str) -> Member:
    """The member leaves: status ``left``, card revoked, pending requests cancelled; the
    record is kept (as the law requires) but no longer shown to them."""
    _own(actor, member)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写退会理由。"), fields={"reason": _("请填写理由。")})
    if member.status == MemberStatus.LEFT:
        raise DomainError(_("您已退会。"), code="member_left")
    now = timezone.now()
    pending: list[tuple[Any, Any, str]] = [
        (change, CHANGE_FLOW, "member_change.cancel")
        for change in member.change_requests.filter(status=RequestStatus.PENDING)
    ] + [
        (transfer, TRANSFER_FLOW, "transfer.cancel")
        for transfer in MembershipTransfer.objects.filter(
            member=member, status=RequestStatus.PENDING
        )
    ]
    for request, flow, action in pending:
        request.decided_at = now
        transition(
            request,
            flow,
            RequestStatus.CANCELLED,
            actor=actor,
            union=member.union,
            action=action,
            reason=_("会员本人退会"),
        )
    # The member's own record (``_own`` above): history and audit name them as the actor.
    registry.apply_status(
        actor=actor, member=member, status=MemberStatus.LEFT, reason=_("本人申请退会：") + reason
    )
    notify(
        member.user,
        title=_("您已退会"),
        body=_("会员卡已注销。您的资料按规定保存，不再对外显示。"),
        url=reverse("portal:members:me"),
    )
    return member
