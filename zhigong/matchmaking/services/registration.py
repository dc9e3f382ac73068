"""Registration (MM-1, MM-10): the member fills in the form and signs the rules; their
grassroots union reviews it (approve with the officer's name as the stamp, or return with a
reason); the women workers' department or a service centre enters it into the pool."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.matchmaking import documents, figures, permissions
from zhigong.matchmaking.choices import DocumentKind, MaritalStatus, ProfileStatus
from zhigong.matchmaking.models import PROFILE_FLOW, Profile
from zhigong.matchmaking.moves import move_profile
from zhigong.matchmaking.rules import current_rules
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member

# What proves a marital status other than single (000 §5).
PROOF = {
    MaritalStatus.DIVORCED: DocumentKind.DIVORCE_CERTIFICATE,
    MaritalStatus.WIDOWED: DocumentKind.HOUSEHOLD_REGISTER,
}


@dataclass(frozen=True)
class ProfileInput:
    """The registration form (基本情况, 婚姻状况, 婚恋要求), checked by the form."""

    marital_status: int
    height_cm: int
    education: int
    occupation: str
    income_band: int
    district: int
    housing: int
    home_town: str = ""
    hobbies: int = 0
    self_intro: str = ""
    age_min: int = 18
    age_max: int = 70
    height_min: int = 0
    height_max: int = 0
    education_min: int = 0
    marital_mask: int = 7
    districts_mask: int = 0
    wish_education: int = 0
    wish_income: int = 0
    wish_housing: bool = False
    wish_hobbies: int = 0


def member_of(user: Any) -> Member | None:
    """The user's own active member record: only active members may use the service."""
    if not getattr(user, "pk", None):
        return None
    return Member.objects.filter(user_id=user.pk, status=MemberStatus.ACTIVE).first()


def _check(data: ProfileInput) -> None:
    errors = {}
    if data.age_min > data.age_max:
        errors["age_max"] = _("年龄上限不能小于下限。")
    if data.height_min and data.height_max and data.height_min > data.height_max:
        errors["height_max"] = _("身高上限不能小于下限。")
    if not data.marital_mask:
        errors["marital_mask"] = _("请至少选择一种可接受的婚姻状况。")
    if data.marital_status not in MaritalStatus.values:
        errors["marital_status"] = _("婚恋服务面向未婚、离异或丧偶的单身职工。")
    if errors:
        raise DomainError(_("请检查标出的字段。"), fields=errors)


@service
def profile_register(
    *,
    actor: Actor,
    data: ProfileInput,
    rules_version: str,
    uploads: dict[str, Any] | None = None,
) -> Profile:
    """The member's registration, or their corrected form after it was returned. Signing
    the current rules is part of it (the version shown must be the current one)."""
    member = member_of(actor)
    if member is None:
        raise DomainError(_("婚恋服务只面向在册的正常会员；请先加入工会。"), code="not_member")
    _check(data)
    rules = current_rules()
    if rules_version != rules.version:
        message = _("服务办法已更新，请重新阅读后签署。")
        raise DomainError(message, code="rules_changed", fields={"sign_rules": message})
    uploads = dict(uploads or {})
    profile = Profile.objects.filter(member=member).first()
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    now = timezone.now()
    signed = {"rules_version": rules.version, "rules_digest": rules.digest, "rules_signed_at": now}
    if profile is None:
        profile = Profile.objects.create(
            member=member,
            union=member.union,
            gender=member.gender,
            birth_date=member.birth_date,
            **values,
            **signed,
        )
        audit_record(
            actor=actor, action="match_profile.register", target=profile, union=profile.union
        )
        figures.registered(profile)
    else:
        if profile.status != ProfileStatus.RETURNED:
            raise DomainError(
                _("您的登记表已提交；资料如有变化，请告知工作人员。"), code="submitted"
            )
        for name, value in {**values, **signed}.items():
            setattr(profile, name, value)
        profile.save()
        move_profile(profile, ProfileStatus.SUBMITTED, actor=actor, union=profile.union)
    proof = PROOF.get(MaritalStatus(data.marital_status))
    if proof and not uploads.get(proof) and not profile.documents.filter(kind=proof).exists():
        label = DocumentKind(proof).label
        message = _("请上传%(doc)s。") % {"doc": label}
        raise DomainError(message, fields={proof: message})
    documents.save_documents(profile, uploads, uploader=actor)
    return profile


def _get_for(actor: Actor, profile: Profile, allowed: bool) -> None:
    permissions.require(allowed, user=actor, profile=profile)


@service
def profile_review(
    *, actor: Actor, profile: Profile, approve: bool, stamp: str = "", reason: str = ""
) -> Profile:
    """The grassroots union's review: approve (the officer's name stands for the stamp) or
    return with a reason the member reads."""
    _get_for(actor, profile, permissions.can_review(actor, profile))
    PROFILE_FLOW.expect(profile, ProfileStatus.SUBMITTED, message=_("该登记表不在待审核状态。"))
    if approve:
        stamp = (stamp or "").strip()
        if not stamp:
            message = _("请填写审核人姓名（代盖章）。")
            raise DomainError(message, fields={"stamp": message})
        profile.reviewed_by = acting_user(actor)
        profile.reviewed_at = timezone.now()
        profile.review_stamp = stamp[:64]
        profile.return_reason = ""
        move_profile(profile, ProfileStatus.REVIEWED, actor=actor, union=profile.union)
    else:
        _return(actor, profile, reason)
    return profile


def _return(actor: Actor, profile: Profile, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        message = _("退回时请写明原因。")
        raise DomainError(message, fields={"reason": message})
    profile.return_reason = reason[:500]
    move_profile(
        profile,
        ProfileStatus.RETURNED,
        actor=actor,
        union=profile.union,
        reason=reason,
    )


@service
def profile_enter(
    *, actor: Actor, profile: Profile, approve: bool = True, reason: str = ""
) -> Profile:
    """The women workers' department (or a centre) enters a reviewed form into the pool,
    or returns it."""
    _get_for(actor, profile, permissions.can_serve(actor, profile))
    PROFILE_FLOW.expect(profile, ProfileStatus.REVIEWED, message=_("该登记表还未经基层工会审核。"))
    if not approve:
        _return(actor, profile, reason)
        return profile
    profile.entered_by = acting_user(actor)
    profile.entered_at = timezone.now()
    move_profile(profile, ProfileStatus.ACTIVE, actor=actor, union=profile.union)
    return profile
