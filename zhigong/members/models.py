"""Members, their applications, cards, change requests, consents, transfers and imports.

Resident ID numbers and phone numbers are stored only as AES-GCM ciphertext plus a keyed
blind index (exact search, uniqueness) and a masked form for lists and exports, so that a
list never needs to decrypt and the database never holds a plain number.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core import crypto
from zhigong.core.idnumber import age_on
from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.members.choices import (
    ApplicationStatus,
    CardStatus,
    Education,
    Gender,
    MemberStatus,
    PoliticalStatus,
    RequestStatus,
    TransferSide,
)

# --- workflows: the only status moves each record may make (``core.workflow.transition``) ---

MEMBER_FLOW = Workflow(
    "member",
    MemberStatus,
    {
        MemberStatus.APPLIED: {MemberStatus.ACTIVE, MemberStatus.LEFT},
        MemberStatus.ACTIVE: {MemberStatus.SUSPENDED, MemberStatus.LEFT},
        MemberStatus.SUSPENDED: {MemberStatus.ACTIVE, MemberStatus.LEFT},
        # Rejoining brings the same record back: applied, then active once approved.
        MemberStatus.LEFT: {MemberStatus.APPLIED},
    },
)
APPLICATION_FLOW = Workflow(
    "application",
    ApplicationStatus,
    {
        ApplicationStatus.SUBMITTED: {
            ApplicationStatus.REVIEWED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        },
        ApplicationStatus.REVIEWED: {
            ApplicationStatus.APPROVED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        },
    },
)
CARD_FLOW = Workflow(
    "card",
    CardStatus,
    {
        CardStatus.REQUESTED: {CardStatus.ISSUED, CardStatus.REVOKED},
        CardStatus.ISSUED: {CardStatus.ACTIVE, CardStatus.REVOKED},
        CardStatus.ACTIVE: {CardStatus.SUSPENDED, CardStatus.REVOKED},
        CardStatus.SUSPENDED: {CardStatus.ACTIVE, CardStatus.REVOKED},
    },
)
# A member's change request and a transfer: pending until decided, or cancelled (by the
# member, or because they left).
_REQUEST_MOVES = {
    RequestStatus.PENDING: {
        RequestStatus.CONFIRMED,
        RequestStatus.REJECTED,
        RequestStatus.CANCELLED,
    },
}
CHANGE_FLOW = Workflow("member_change", RequestStatus, _REQUEST_MOVES)
# A transfer nobody decides within ``TRANSFER_EXPIRY_DAYS`` lapses (a nightly job).
TRANSFER_FLOW = Workflow(
    "transfer",
    RequestStatus,
    {RequestStatus.PENDING: {*_REQUEST_MOVES[RequestStatus.PENDING], RequestStatus.EXPIRED}},
)

ID_PURPOSE = "member.id_number"
PHONE_PURPOSE = "member.phone"


class PersonalFields(models.Model):
    """The encrypted identity fields shared by a member and an application to join."""

    id_number_encrypted = models.CharField(max_length=255)
    # Indexed by each model (a plain btree, no pattern index: blind indexes are only ever
    # compared whole); the member's unique constraint is its index.
    id_number_index = models.CharField(max_length=64)
    id_number_masked = models.CharField(_("身份证号"), max_length=18)
    phone_encrypted = models.CharField(max_length=255, blank=True)
    phone_index = models.CharField(max_length=64, blank=True)
    phone_masked = models.CharField(_("手机号"), max_length=11, blank=True)

    class Meta:
        abstract = True

    def sealing_context(self, column: str) -> str:
        """Ciphertexts of a person are bound to their row by the blind index of their ID
        number: known before the row is written (imports stay one pass), unique among
        members, and never changing (``ZHIGONG_BLIND_INDEX_KEY`` never does)."""
        return crypto.bound_to(self._meta.db_table, column, self.id_number_index)


class Member(PersonalFields, TimeStampedModel):
    # No index on the name: search is by part of a name, which a btree cannot serve.
    name = models.CharField(_("姓名"), max_length=64)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    ethnicity = models.CharField(_("民族"), max_length=16, blank=True)
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    education = models.CharField(_("学历"), max_length=16, choices=Education.choices, blank=True)
    union = models.ForeignKey(
        "unions.Union",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("工作单位"),
        db_index=False,  # (union, status) below serves every look-up by union
    )
    job = models.CharField(_("岗位"), max_length=64, blank=True)
    joined_on = models.DateField(_("入会日期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    # When the member left: their contact data are erased a set time later (``retention``).
    left_on = models.DateField(_("退会日期"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )

    class Meta:
        verbose_name = _("会员")
        verbose_name_plural = _("会员")
        constraints = [
            models.UniqueConstraint(fields=["id_number_index"], name="member_unique_id_number")
        ]
        # Every index costs a roster import of a million rows seconds: these are the ones
        # look-ups use.
        indexes = [
            models.Index(fields=["union", "status"]),
            models.Index(fields=["phone_index"], name="member_phone_index"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberHistory(models.Model):
    """Every change to a member, in the member's own record (the audit log has it too)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=32)
    changes = models.JSONField(default=dict)  # masked
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.action} {self.at:%Y-%m-%d}"


class MembershipApplication(PersonalFields, TimeStampedModel):
    """An application to join, reviewed by the grassroots union, approved by the centre above."""

    name = models.CharField(_("姓名"), max_length=64)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    ethnicity = models.CharField(_("民族"), max_length=16, blank=True)
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    education = models.CharField(_("学历"), max_length=16, choices=Education.choices, blank=True)
    job = models.CharField(_("岗位"), max_length=64, blank=True)
    union = models.ForeignKey(
        "unions.Union",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("工作单位"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_applications",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_stamp = models.CharField(_("审核人（盖章）"), max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )

    class Meta:
        verbose_name = _("入会申请")
        verbose_name_plural = _("入会申请")
        indexes = [
            models.Index(fields=["union", "status"]),
            models.Index(fields=["id_number_index"], name="application_id_number_index"),
            models.Index(fields=["phone_index"], name="application_phone_index"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def age(self) -> int:
        """Full years today: what reviewers need, where the birth date beside the masked ID
        number would spell the whole number out."""
        return age_on(self.birth_date, timezone.localdate())


class MemberCard(TimeStampedModel):
    """The member card. Its number is random with a check digit and says nothing personal."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cards")
    number = models.CharField(_("卡号"), max_length=20, unique=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=CardStatus.choices, default=CardStatus.REQUESTED
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )

    class Meta:
        verbose_name = _("会员卡")
        verbose_name_plural = _("会员卡")
        indexes = [models.Index(fields=["member", "status"])]

    def __str__(self) -> str:
        return self.number


class CardVerifier(TimeStampedModel):
    """An API credential for a merchant or an event desk that checks member cards."""

    name = models.CharField(_("名称"), max_length=128)
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("验卡终端")
        verbose_name_plural = _("验卡终端")

    def __str__(self) -> str:
        return self.name


class MemberChangeRequest(TimeStampedModel):
    """A member's own change to their data: applies only when staff confirm it (MEM-5)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    payload_encrypted = models.TextField()  # the new values, encrypted (they may be personal)
    summary = models.JSONField(default=dict)  # {field: [before, after]} masked, for display
    # The values the request was based on, encrypted: confirming is refused when they changed.
    based_on_encrypted = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["member", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="change_one_pending_per_member",
            )
        ]

    def sealing_context(self, column: str) -> str:
        """Bound to the member the request is about."""
        return crypto.bound_to(self._meta.db_table, column, self.member_id)


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("会员资料的收集与使用")
    CONTACT = "contact", _("工会通过短信、电话联系我")
    MATCHMAKING_PUBLIC = "matchmaking_public", _("婚恋资料对其他会员公开")
    MERCHANT_VERIFY = "merchant_verify", _("商家验卡时显示我的姓氏与所属工会")


# What each consent does, said on the member's consents page.
CONSENT_DETAILS = {
    ConsentPurpose.PROCESSING: _(
        "同意《会员信息处理告知书》：工会据此保存和使用您的会员资料。在线申请入会时在申请表上"
        "同意；由工会登记入会的，可以在这里阅读后同意。这是办理会籍的前提，不能单独撤回；"
        "不再同意的，可以办理退会。"
    ),
    ConsentPurpose.CONTACT: _("同意后，工会可以通过短信、电话向您发送活动和服务信息。"),
    ConsentPurpose.MATCHMAKING_PUBLIC: _(
        "同意后，您在婚恋交友服务中填写的资料可以被其他会员看到；撤回后立即不再显示。"
    ),
    ConsentPurpose.MERCHANT_VERIFY: _(
        "同意后，商家或活动现场验卡时，除“会员卡有效”外还能看到您的姓氏（如 张*）和所属工会；"
        "不同意时只显示卡是否有效。"
    ),
}
# Given on the application form, to a version of the privacy notice; not withdrawn alone.
NOTICE_PURPOSES = frozenset({ConsentPurpose.PROCESSING})


class Consent(models.Model):
    """One consent of a member, or of an applicant before they are one: given at
    ``granted_at``, withdrawn at ``withdrawn_at`` (never deleted). The consent to the
    processing of the member records is given on the application form, to one version of the
    privacy notice (``members.notices``): its version and the SHA-256 of its Chinese text
    are kept. Approval hands the application's consent on to the member record."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="consents", null=True, blank=True
    )
    application = models.ForeignKey(
        "MembershipApplication",
        on_delete=models.CASCADE,
        related_name="consents",
        null=True,
        blank=True,
    )
    purpose = models.CharField(max_length=32, choices=ConsentPurpose.choices)
    granted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The privacy notice agreed to (the processing consent): its version and text digest.
    notice_version = models.CharField(_("告知书版本"), max_length=16, blank=True)
    notice_digest = models.CharField(_("告知书摘要"), max_length=64, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["member", "purpose"]),
            models.Index(fields=["application"], name="consent_application"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | models.Q(application__isnull=False),
                name="consent_of_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id or self.application_id} {self.purpose}"


class MembershipTransfer(TimeStampedModel):
    """Moving a member to another grassroots union (MEM-4).

    Either side may ask; the other side decides. A receiving union may ask by ID number for a
    person outside its scope without learning whether they are a member anywhere: the request
    is stored either way (``member`` stays empty when nobody matches, and such a request only
    ever lapses), and the asking side sees only the masked number it typed until the member's
    union has decided.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="transfers", null=True, blank=True
    )
    from_union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    to_union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    requested_side = models.CharField(
        max_length=16, choices=TransferSide.choices, default=TransferSide.HOLDING
    )
    # What the asking side typed, for a request by ID number (the masked form is all it sees).
    id_number_masked = models.CharField(max_length=18, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)  # the requester's
    decision_reason = models.TextField(blank=True)  # the deciding union's

    class Meta:
        indexes = [
            models.Index(fields=["to_union", "status"]),
            models.Index(fields=["from_union", "status"]),
        ]
        constraints = [
            # Concurrent asks cannot leave two pending transfers of one member.
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="transfer_one_pending_per_member",
            )
        ]

    @property
    def deciding_union(self) -> Any:
        """The side that did not ask: the receiving union when the member's own union asked,
        the member's union when the receiving union asked."""
        return self.to_union if self.requested_side == TransferSide.HOLDING else self.from_union


class MemberImport(TimeStampedModel):
    """A roster import run as a background job; the page polls it for progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        FAILED = "failed", _("有错误，未写入")
        DONE = "done", _("已完成")
        CHECKED = "checked", _("校验通过（未写入）")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    anchor = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    report_path = models.CharField(max_length=500, blank=True)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)


IMPORT_FLOW = Workflow(
    "member_import",
    MemberImport.Status,
    {
        MemberImport.Status.QUEUED: {MemberImport.Status.RUNNING, MemberImport.Status.FAILED},
        MemberImport.Status.RUNNING: {
            MemberImport.Status.DONE,
            MemberImport.Status.CHECKED,
            MemberImport.Status.FAILED,
        },
    },
)
