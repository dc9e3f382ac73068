"""The matchmaking service (MM-1..7, 10, 11): a single member's profile and partner
requirements, their private documents, identity checks at visits, introductions to
candidates with their follow-ups, and complaints.

A profile is counted under its member's grassroots union (``union``), which reviews it; the
women workers' department or a service centre above enters it into the pool. Screening reads
one table: the requirements (``PartnerRequirements``) are columns of the profile itself, and
the member's gender and birth date are copied onto it, so a search over a million profiles is
one indexed query without joins (``screening``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.matchmaking.choices import (
    ComplaintStatus,
    DocumentKind,
    Education,
    EndReason,
    FollowUpWish,
    Housing,
    IncomeBand,
    IntroductionStatus,
    MaritalStatus,
    ProfileStatus,
    VisitMethod,
)

PROFILE_FLOW = Workflow(
    "match_profile",
    ProfileStatus,
    {
        ProfileStatus.SUBMITTED: {ProfileStatus.REVIEWED, ProfileStatus.RETURNED},
        ProfileStatus.RETURNED: {ProfileStatus.SUBMITTED, ProfileStatus.ENDED},
        ProfileStatus.REVIEWED: {ProfileStatus.ACTIVE, ProfileStatus.RETURNED},
        ProfileStatus.ACTIVE: {ProfileStatus.SUSPENDED, ProfileStatus.ENDED},
        ProfileStatus.SUSPENDED: {ProfileStatus.ACTIVE, ProfileStatus.ENDED},
    },
)
INTRODUCTION_FLOW = Workflow(
    "introduction",
    IntroductionStatus,
    {
        IntroductionStatus.OFFERED: {
            IntroductionStatus.CHOSEN,
            IntroductionStatus.PASSED,
            IntroductionStatus.WITHDRAWN,
        },
        IntroductionStatus.CHOSEN: {
            IntroductionStatus.MEET,
            IntroductionStatus.EXCHANGED,
            IntroductionStatus.DECLINED,
            IntroductionStatus.WITHDRAWN,
        },
        IntroductionStatus.MEET: {IntroductionStatus.EXCHANGED},
    },
)
COMPLAINT_FLOW = Workflow(
    "match_complaint",
    ComplaintStatus,
    {ComplaintStatus.OPEN: {ComplaintStatus.VERIFIED, ComplaintStatus.DISMISSED}},
)

# What the screening reads of each candidate besides the index key (``screening``).
SCREENED_COLUMNS = [
    "id",
    "marital_status",
    "height_cm",
    "education",
    "income_band",
    "district",
    "housing",
    "hobbies",
    "recent_offers",
    "age_min",
    "age_max",
    "height_min",
    "height_max",
    "education_min",
    "marital_mask",
    "districts_mask",
    "wish_education",
    "wish_income",
    "wish_housing",
    "wish_hobbies",
]

# Refusals of the service that suspend a profile: 达到五次以上, and 以上 includes five.
REFUSALS_TO_SUSPEND = 5
ALL_MARITAL = sum(MaritalStatus.values)


class PartnerRequirements(models.Model):
    """择偶要求: whom the member is looking for. Hard requirements exclude (both ways: a
    candidate must meet the member's and the member the candidate's); wishes only rank. Zero
    means "any". Never shown to another member."""

    age_min = models.PositiveSmallIntegerField(_("年龄下限"), default=18)
    age_max = models.PositiveSmallIntegerField(_("年龄上限"), default=70)
    height_min = models.PositiveSmallIntegerField(_("身高下限（厘米）"), default=0)
    height_max = models.PositiveSmallIntegerField(_("身高上限（厘米）"), default=0)
    education_min = models.PositiveSmallIntegerField(
        _("最低学历"), choices=Education.choices, default=0
    )
    marital_mask = models.PositiveSmallIntegerField(_("可接受的婚姻状况"), default=ALL_MARITAL)
    districts_mask = models.PositiveIntegerField(_("可接受的居住区"), default=0)
    # Wishes: count in the ranking, exclude nobody.
    wish_education = models.PositiveSmallIntegerField(
        _("希望学历不低于"), choices=Education.choices, default=0
    )
    wish_income = models.PositiveSmallIntegerField(
        _("希望月收入不低于"), choices=IncomeBand.choices, default=0
    )
    wish_housing = models.BooleanField(_("希望有自有住房"), default=False)
    wish_hobbies = models.PositiveIntegerField(_("希望有共同爱好"), default=0)

    class Meta:
        abstract = True


class Profile(PartnerRequirements, TimeStampedModel):
    member = models.OneToOneField(
        "members.Member", on_delete=models.PROTECT, related_name="match_profile"
    )
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("基层工会")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ProfileStatus.choices, default=ProfileStatus.SUBMITTED
    )
    # Copied from the member record at registration: screening compares them in SQL.
    gender = models.CharField(_("性别"), max_length=8)
    birth_date = models.DateField(_("出生日期"))
    # --- who they are ---
    marital_status = models.PositiveSmallIntegerField(_("婚姻状况"), choices=MaritalStatus.choices)
    height_cm = models.PositiveSmallIntegerField(_("身高（厘米）"))
    education = models.PositiveSmallIntegerField(_("学历"), choices=Education.choices)
    occupation = models.CharField(_("职业"), max_length=64)
    income_band = models.PositiveSmallIntegerField(_("月收入"), choices=IncomeBand.choices)
    home_town = models.CharField(_("籍贯"), max_length=64, blank=True)
    district = models.PositiveIntegerField(_("居住区"))
    housing = models.PositiveSmallIntegerField(_("住房"), choices=Housing.choices)
    hobbies = models.PositiveIntegerField(_("爱好"), default=0)
    self_intro = models.TextField(_("自我介绍"), blank=True)
    # --- the rules (MM-10): which text was signed, when ---
    rules_version = models.CharField(_("服务办法版本"), max_length=16)
    rules_digest = models.CharField(max_length=64)
    rules_signed_at = models.DateTimeField(_("签署时间"))
    # --- review by the grassroots union, entry by the women workers' department ---
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_stamp = models.CharField(_("审核人（盖章）"), max_length=64, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("入库时间"), null=True, blank=True)
    # --- the service ---
    refusals = models.PositiveSmallIntegerField(_("拒绝服务次数"), default=0)
    # How often the profile was offered in the last 30 days: screening spreads offers with it.
    recent_offers = models.PositiveSmallIntegerField(default=0)
    first_introduced_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(_("终止时间"), null=True, blank=True)
    end_reason = models.CharField(
        _("终止原因"), max_length=16, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("婚恋服务登记")
        verbose_name_plural = _("婚恋服务登记")
        indexes = [
            # Screening: the active pool of one gender within a range of birth dates, holding
            # every column the screening compares or scores (PostgreSQL reads the index only,
            # never the table; SQLite, which has no INCLUDE, uses the key).
            models.Index(
                fields=["gender", "birth_date"],
                condition=Q(status="active"),
                include=SCREENED_COLUMNS,
                name="match_pool",
            ),
            # Screening's first, bounded reading (``screening.screen``): the same pool in
            # order of registration, read only as far as the window.
            models.Index(
                fields=["gender", "id"],
                condition=Q(status="active"),
                include=[c for c in ["birth_date", *SCREENED_COLUMNS] if c != "id"],
                name="match_pool_by_id",
            ),
            models.Index(fields=["union", "status"], name="match_union_status"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status}"

    def age(self, on: dt.date) -> int:
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class ProfileDocument(TimeStampedModel):
    """A private file of a profile (``core.private_files``): seen by the member and by the
    staff who review and serve it; never by another member."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("类别"), max_length=24, choices=DocumentKind.choices)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    stored_path = models.CharField(max_length=500)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]


class Visit(TimeStampedModel):
    """An identity check before service (MM-3): at the counter by card or ID number, or the
    member's own request online (logged in)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="visits")
    method = models.CharField(_("核实方式"), max_length=16, choices=VisitMethod.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("来访事由"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Introduction(TimeStampedModel):
    """One candidate offered to a member, and what became of it: the member chose it or
    not; staff contacted the candidate, who agreed to meet, to exchange contacts, or declined.
    Contacts pass only in ``exchanged``: both sides said yes."""

    member = models.ForeignKey(Profile, on_delete=models.PROTECT, related_name="introductions")
    candidate = models.ForeignKey(Profile, on_delete=models.PROTECT, related_name="offered_as")
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.OFFERED,
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    decline_reason = models.CharField(_("婉拒原因"), max_length=500, blank=True)
    meeting_at = models.DateTimeField(_("见面时间"), null=True, blank=True)
    meeting_place = models.CharField(_("见面地点"), max_length=200, blank=True)
    exchanged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["member", "candidate"], name="intro_pair"),
            models.Index(fields=["candidate", "created_at"], name="intro_exposure"),
        ]


class FollowUp(TimeStampedModel):
    """跟踪服务: due 3 days, 3 weeks and 3 months after the candidate said yes."""

    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("计划日期"))
    done_at = models.DateTimeField(_("跟踪时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("进展"), blank=True)
    wish = models.CharField(_("会员意愿"), max_length=16, choices=FollowUpWish.choices, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["due_on"], condition=Q(done_at__isnull=True), name="followup_open")
        ]


class Complaint(TimeStampedModel):
    """A complaint against a member of the service (its own small case type): staff verify
    it or dismiss it; a verified one ends the service of the member complained about."""

    about = models.ForeignKey(Profile, on_delete=models.PROTECT, related_name="complaints")
    by = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("投诉内容"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    finding = models.CharField(_("核实情况"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
