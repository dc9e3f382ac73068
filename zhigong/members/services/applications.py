"""Applications to join (MEM-1): submit, grassroots review, centre approval, withdrawal.

The path is ``submitted → reviewed → approved`` (or ``rejected`` at either step, or
``withdrawn`` by the applicant while undecided), as ``APPLICATION_FLOW`` allows.
Approval is maker-checker: whoever approves may not be the person who reviewed. Approval
archives the member, links the applicant's login to them and issues a card. Every step
tells the applicant (in-app, and SMS/email through the notification adapters).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user, same_person
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, PermissionDenied
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.members import notices, permissions
from zhigong.members.choices import OPEN_APPLICATION_STATUSES, ApplicationStatus, MemberStatus
from zhigong.members.models import (
    APPLICATION_FLOW,
    MEMBER_FLOW,
    Consent,
    ConsentPurpose,
    Member,
    MembershipApplication,
)
from zhigong.members.personal import (
    id_index,
    id_number_of,
    phone_of,
    set_id_number,
    set_phone,
)
from zhigong.members.services import cards, registry
from zhigong.members.services.registry import PersonInput
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

OPEN_STATUSES = OPEN_APPLICATION_STATUSES


def _tell(application: MembershipApplication, title: str, body: str = "") -> None:
    notify(
        application.applicant,
        title=title,
        body=body,
        url=reverse("portal:members:my_application"),
    )


def _move(
    actor: Actor,
    application: MembershipApplication,
    to: str,
    *,
    action: str,
    reason: str = "",
    step: str = "",
    refused: str = "",
) -> None:
    """Move the application and record it (the audit event keeps its step's name)."""
    transition(
        application,
        APPLICATION_FLOW,
        to,
        actor=actor,
        union=application.union,
        reason=reason,
        action=f"application.{action}",
        from_=[step] if step else (),
        message=refused,
    )


@service
def application_submit(
    *,
    actor: Actor,
    person: PersonInput,
    union: Union,
    applicant_user: Any = None,
    notice_version: str = "",
) -> MembershipApplication:
    """A worker applies for themself (``applicant_user`` is the actor), or an officer with
    ``member.manage`` at the union enters the application for them.

    A worker applying online agrees to the privacy notice they were shown
    (``notice_version``, the current one): the consent is recorded with the notice's version
    and the digest of its text, and there is no application without it. An officer's entry
    rests on the paper form the worker signed at the union."""
    self_service = applicant_user is not None and same_person(actor, applicant_user.pk)
    if not self_service:
        policy.require(permissions.can_enter_member(actor, union), user=actor, union=union)
    elif notice_version != notices.CURRENT:
        raise DomainError(
            _("请阅读《会员信息处理告知书》并勾选同意，才能提交申请。"),
            code="consent_required",
            fields={"consent": _("请阅读告知书并勾选同意。")},
        )
    registry.check_grassroots(union)
    checked, errors = registry.check_person(person)
    if checked is None:
        raise DomainError(_("申请信息有误，请按提示修改。"), fields=errors)
    index = id_index(checked.id_number)
    existing = Member.objects.filter(id_number_index=index).first()
    if existing is not None and existing.status != MemberStatus.LEFT:
        raise Conflict(
            _("该身份证号已是会员，无需重复申请。"),
            fields={
                "id_number": _(
                    "已是会员。如果是单位工会为您登记的，请在“绑定会员信息”页面绑定本人账号。"
                )
            },
        )
    if MembershipApplication.objects.filter(
        id_number_index=index, status__in=OPEN_STATUSES
    ).exists():
        raise Conflict(
            _("该身份证号已有一份正在办理的入会申请。"),
            fields={"id_number": _("已有正在办理的申请。")},
        )
    if applicant_user is not None:
        linked = Member.objects.filter(user=applicant_user).first()
        if linked is not None and linked.status != MemberStatus.LEFT:
            raise Conflict(_("您已经是会员。"))
        if linked is not None and linked.id_number_index != index:
            raise DomainError(
                _("重新入会请使用本人原登记的身份证号。"),
                fields={"id_number": _("与原登记的身份证号不一致。")},
            )
        if MembershipApplication.objects.filter(
            applicant=applicant_user, status__in=OPEN_STATUSES
        ).exists():
            raise Conflict(_("您已有一份正在办理的入会申请。"))
    application = MembershipApplication(
        **registry.profile(checked),
        union=union,
        applicant=applicant_user,
        entered_by=acting_user(actor),
    )
    set_id_number(application, checked.id_number)
    set_phone(application, checked.phone)
    application.save()
    audit_record(
        actor=actor,
        action="application.submit",
        target=application,
        union=union,
        changes={"status": [None, application.status]},
    )
    if self_service:
        _record_notice_consent(actor, application)
    _tell(
        application,
        _("入会申请已提交"),
        _("您申请加入“%(union)s”，等待基层工会审核。") % {"union": union.name},
    )
    return application


def _record_notice_consent(actor: Actor, application: MembershipApplication) -> Consent:
    """The applicant's consent to the current privacy notice, kept with the application
    until approval hands it on to the member record."""
    notice = notices.current_notice()
    consent = Consent.objects.create(
        application=application,
        purpose=ConsentPurpose.PROCESSING,
        granted_at=timezone.now(),
        notice_version=notice.version,
        notice_digest=notice.digest,
    )
    audit_record(
        actor=actor,
        action="consent.grant",
        target=application,
        union=application.union,
        changes={
            "consent": [None, ConsentPurpose.PROCESSING.value],
            "notice_version": [None, notice.version],
        },
    )
    return consent


@service
def application_review(
    *,
    actor: Actor,
    application: MembershipApplication,
    approve: bool,
    stamp_name: str = "",
    reason: str = "",
) -> MembershipApplication:
    """The grassroots union's step: pass it on with the officer's name as the stamp, or
    reject it with a reason."""
    policy.require(
        permissions.can_review_application(actor, application),
        user=actor,
        union=application.union,
    )
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    APPLICATION_FLOW.expect(
        application, ApplicationStatus.SUBMITTED, message=_("该申请当前不在待审核状态。")
    )
    stamp_name, reason = stamp_name.strip(), reason.strip()
    now = timezone.now()
    if approve and not stamp_name:
        raise DomainError(
            _("审核通过须签署审核人姓名。"), fields={"stamp_name": _("请填写审核人姓名。")}
        )
    if not approve and not reason:
        raise DomainError(_("驳回须填写理由。"), fields={"reason": _("请填写理由。")})
    if not approve:
        application.decided_by, application.decided_at = acting_user(actor), now
    application.reviewed_by, application.reviewed_at = acting_user(actor), now
    application.review_stamp = stamp_name[:64]
    application.reason = reason
    _move(
        actor,
        application,
        ApplicationStatus.REVIEWED if approve else ApplicationStatus.REJECTED,
        action="review" if approve else "reject",
        reason=reason,
    )
    if approve:
        _tell(
            application,
            _("入会申请已通过基层工会审核"),
            _("审核人：%(stamp)s。等待服务中心审批。") % {"stamp": application.review_stamp},
        )
    else:
        _tell(
            application,
            _("入会申请未通过基层工会审核"),
            _("理由：%(reason)s") % {"reason": reason},
        )
    return application


@service
def application_approve(
    *, actor: Actor, application: MembershipApplication, approve: bool, reason: str = ""
) -> MembershipApplication:
    """The service centre's step (``member.approve``, never the reviewer): archive the member
    and issue a card, or reject with a reason."""
    policy.require_perm(actor, Perm.MEMBER_APPROVE, application.union)
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    APPLICATION_FLOW.expect(
        application, ApplicationStatus.REVIEWED, message=_("该申请当前不在待审批状态。")
    )
    if not permissions.can_approve_application(actor, application):
        raise PermissionDenied(_("审核人不能审批自己审核过的申请。"), code="same_person")
    reason = reason.strip()
    if not approve:
        if not reason:
            raise DomainError(_("不予批准须填写理由。"), fields={"reason": _("请填写理由。")})
        application.decided_by, application.decided_at = acting_user(actor), timezone.now()
        application.reason = reason
        _move(actor, application, ApplicationStatus.REJECTED, action="reject", reason=reason)
        _tell(application, _("入会申请未获批准"), _("理由：%(reason)s") % {"reason": reason})
        return application
    APPLICATION_FLOW.check(application.status, ApplicationStatus.APPROVED)
    member = _archive(actor, application)
    # The consents given on the application are now the member's.
    Consent.objects.filter(application=application, member__isnull=True).update(member=member)
    card = cards.card_issue(actor=actor, member=member, reason=_("入会发卡"))
    application.member = member
    application.decided_by, application.decided_at = acting_user(actor), timezone.now()
    application.reason = reason
    _move(actor, application, ApplicationStatus.APPROVED, action="approve", reason=reason)
    _tell(
        application,
        _("欢迎入会！"),
        _("您已加入“%(union)s”，会员卡号 %(number)s 已制卡，请在“我的会员卡”中启用。")
        % {"union": application.union.name, "number": card.number},
    )
    return application


def _archive(actor: Actor, application: MembershipApplication) -> Member:
    """Create the member, or bring back one who left (same ID number, record kept)."""
    checked, errors = registry.check_person(
        PersonInput(
            name=application.name,
            id_number=id_number_of(application),
            gender=application.gender,
            phone=phone_of(application),
            ethnicity=application.ethnicity,
            political_status=application.political_status,
            education=application.education,
            job=application.job,
        )
    )
    if checked is None:
        raise DomainError(_("申请信息有误，请按提示修改。"), fields=errors)
    applicant = application.applicant
    if (
        applicant is not None
        and Member.objects.filter(user=applicant)
        .exclude(id_number_index=application.id_number_index)
        .exists()
    ):
        applicant = None  # this login already belongs to another member record
    existing = (
        Member.objects.select_for_update()
        .select_related("union")
        .filter(id_number_index=application.id_number_index)
        .first()
    )
    why = _("入会申请 #%(id)s 获批") % {"id": application.pk}
    if existing is None:
        return registry.member_create(
            actor=actor, person=checked, union=application.union, user=applicant, reason=why
        )
    if existing.status != MemberStatus.LEFT:
        raise Conflict(_("该身份证号已是会员。"))
    # Rejoining: the same record comes back, with the new union and details.
    policy.require(
        permissions.can_enter_member(actor, application.union),
        user=actor,
        union=application.union,
    )
    with registry.member_changing(existing, actor=actor, action="rejoin", reason=why):
        for field in ("name", "ethnicity", "political_status", "education", "job"):
            setattr(existing, field, getattr(checked, field))
        set_phone(existing, checked.phone)
        existing.union = application.union
        existing.joined_on = timezone.localdate()
        existing.left_on = None
        if applicant is not None:
            existing.user = applicant
        # left → applied → active: the application was the "applied" part
        transition(existing, MEMBER_FLOW, MemberStatus.APPLIED, actor=actor, commit=False)
        transition(existing, MEMBER_FLOW, MemberStatus.ACTIVE, actor=actor, commit=False)
    return existing


@service
def application_withdraw(
    *, actor: Actor, application: MembershipApplication
) -> MembershipApplication:
    """The applicant takes back an application that is not yet decided."""
    policy.require(
        permissions.can_withdraw_application(actor, application),
        user=actor,
        union=application.union,
    )
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    application.decided_at = timezone.now()
    _move(
        actor,
        application,
        ApplicationStatus.WITHDRAWN,
        action="withdraw",
        refused=_("该申请已办结，不能撤回。"),
    )
    _tell(application, _("入会申请已撤回"))
    return application
