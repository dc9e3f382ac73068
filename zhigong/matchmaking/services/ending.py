"""The end of the service (MM-7): the member quits in person (staff record the signed
form), found a partner, a complaint against them was verified, or they broke the law or the
rules. Each takes the profile out of the pool at once (the pool pages and screening read
only active profiles), withdraws what was pending, and is audited. Complaints are a small
case type of their own: filed by a member about someone they were introduced to (or by staff
on their behalf), verified or dismissed by the staff who serve."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.matchmaking import documents, permissions
from zhigong.matchmaking.choices import ComplaintStatus, DocumentKind, EndReason, ProfileStatus
from zhigong.matchmaking.models import (
    COMPLAINT_FLOW,
    Complaint,
    Introduction,
    Profile,
)
from zhigong.matchmaking.moves import move_profile
from zhigong.matchmaking.services.serving import _withdraw_open


def _end(actor: Actor, profile: Profile, reason: str, note: str) -> Profile:
    profile.ended_at = timezone.now()
    profile.end_reason = reason
    profile.end_note = note[:500]
    move_profile(
        profile,
        ProfileStatus.ENDED,
        actor=actor,
        union=profile.union,
        reason=str(EndReason(reason).label),
        changes={"end_reason": [None, reason]},
    )
    _withdraw_open(actor=actor, profile=profile)
    return profile


@service
def profile_end(
    *, actor: Actor, profile: Profile, reason: str, note: str = "", signature: Any = None
) -> Profile:
    """Staff end the service. Quitting needs the member's signed form, uploaded as a private
    file; a verified complaint ends it through ``complaint_decide``."""
    permissions.require(permissions.can_serve(actor, profile), user=actor, profile=profile)
    if reason not in (EndReason.QUIT, EndReason.FOUND_PARTNER, EndReason.BREACH):
        message = _("请选择终止原因。")
        raise DomainError(message, fields={"reason": message})
    note = (note or "").strip()
    if reason == EndReason.BREACH and not note:
        message = _("请写明违反的规定和经过。")
        raise DomainError(message, fields={"note": message})
    if profile.status == ProfileStatus.ENDED:
        raise DomainError(_("该会员已终止服务。"), code="ended")
    _end(actor, profile, reason, note)
    if reason == EndReason.QUIT:
        if not signature:
            message = _("本人当面退出须上传签字确认的退出申请。")
            raise DomainError(message, fields={"signature": message})
        documents.save_documents(profile, {DocumentKind.QUIT_SIGNATURE: signature}, uploader=actor)
    return profile


@service
def complaint_file(
    *, actor: Actor, about: Profile, text: str, by: Profile | None = None
) -> Complaint:
    """A member complains about someone they were introduced to; staff may file for them."""
    text = (text or "").strip()
    if not text:
        message = _("请填写投诉内容。")
        raise DomainError(message, fields={"text": message})
    if by is not None and permissions.is_owner(actor, by):
        met = Introduction.objects.filter(
            Q(member=by, candidate=about) | Q(member=about, candidate=by)
        ).exists()
        if not met:
            raise DomainError(_("只能投诉经服务介绍认识的会员。"), code="not_introduced")
    else:
        permissions.require(permissions.can_serve(actor, about), user=actor, profile=about)
    complaint = Complaint.objects.create(about=about, by=by, text=text[:5000])
    audit_record(actor=actor, action="match_complaint.file", target=about, union=about.union)
    return complaint


@service
def complaint_decide(
    *, actor: Actor, complaint: Complaint, verified: bool, finding: str
) -> Complaint:
    """Verified: the service of the member complained about ends; dismissed: nothing else."""
    about = complaint.about
    permissions.require(permissions.can_serve(actor, about), user=actor, profile=about)
    finding = (finding or "").strip()
    if not finding:
        message = _("请填写核实情况。")
        raise DomainError(message, fields={"finding": message})
    complaint.finding = finding[:1000]
    complaint.decided_by, complaint.decided_at = acting_user(actor), timezone.now()
    to = ComplaintStatus.VERIFIED if verified else ComplaintStatus.DISMISSED
    transition(complaint, COMPLAINT_FLOW, to, actor=actor, union=about.union)
    if verified and about.status != ProfileStatus.ENDED:
        _end(actor, about, EndReason.COMPLAINT, finding)
    return complaint
