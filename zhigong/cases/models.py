"""Cases (CASE-1..6): a worker's rights request or legal question, by whatever channel it came,
its timeline, attachments, referrals to government departments, and the settings operators
change (routing per federation, deadlines per kind and complexity, reply templates, the list
of departments).

The requester's name and phone are stored only encrypted, bound to the case's row (its
reference number), with a masked form for pages and a blind index of the phone (a hotline
caller's earlier cases). Nothing of a case is public: its requester and the staff whose scope
covers the union that holds it see it (``permissions``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.cases.choices import (
    ON_THE_CLOCK,
    OPEN,
    CaseKind,
    CaseStatus,
    Category,
    Channel,
    Complexity,
    Escalation,
    ReferralStatus,
    StepKind,
)
from zhigong.core import crypto
from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.unions.models import UnionKind

# --- workflows: the only status moves a case and a referral may make --------------------------

# Transfer and escalation hand the case to another union, where it waits to be accepted
# again (a move back to ``submitted``); a reply stops the clock; a case closes only once
# answered; the requester may reopen an answered or closed case (within REOPEN_DAYS).
CASE_FLOW = Workflow(
    "case",
    CaseStatus,
    {
        CaseStatus.SUBMITTED: {CaseStatus.ACCEPTED, CaseStatus.SUBMITTED},
        CaseStatus.ACCEPTED: {CaseStatus.ASSIGNED, CaseStatus.REPLIED, CaseStatus.SUBMITTED},
        CaseStatus.ASSIGNED: {CaseStatus.ASSIGNED, CaseStatus.REPLIED, CaseStatus.SUBMITTED},
        CaseStatus.REPLIED: {
            CaseStatus.REPLIED,
            CaseStatus.CLOSED,
            CaseStatus.ACCEPTED,
            CaseStatus.ASSIGNED,
        },
        CaseStatus.CLOSED: {CaseStatus.ACCEPTED, CaseStatus.ASSIGNED},
    },
)
REFERRAL_FLOW = Workflow(
    "case_referral", ReferralStatus, {ReferralStatus.OPEN: {ReferralStatus.ANSWERED}}
)


class Case(TimeStampedModel):
    reference = models.CharField(_("编号"), max_length=20, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=CaseKind.choices)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    category = models.CharField(_("类别"), max_length=24, choices=Category.choices)
    complexity = models.CharField(
        _("复杂程度"), max_length=16, choices=Complexity.choices, default=Complexity.NORMAL
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED
    )

    # --- who asks ---
    # The account that follows the case on the portal (the submitter, or a hotline caller's
    # own account when the caller is a member with one); none for a caller without one.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    name_encrypted = models.CharField(max_length=255)
    name_masked = models.CharField(_("求助人"), max_length=64)
    phone_encrypted = models.CharField(max_length=255, blank=True)
    phone_index = models.CharField(max_length=64, blank=True)
    phone_masked = models.CharField(_("手机号"), max_length=11, blank=True)
    # The union the case is counted under in the figures: the member's grassroots union, or
    # the district a non-member chose. It never changes.
    origin = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    employer = models.CharField(_("涉及单位"), max_length=200, blank=True)
    description = models.TextField(_("诉求内容"))

    # --- where it is ---
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办工会")
    )
    centre = models.ForeignKey(
        "unions.ServiceCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("服务中心"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    # --- the union's clock (working days, from acceptance) ---
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    due_start = models.DateField(null=True, blank=True)  # counted from (not counted itself)
    due_days = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(default=False)
    warn_50_on = models.DateField(null=True, blank=True)
    warn_80_on = models.DateField(null=True, blank=True)
    warned_50_at = models.DateTimeField(null=True, blank=True)
    warned_80_at = models.DateTimeField(null=True, blank=True)
    # Set by the deadline scan when it acted on the current deadline (escalated the case, or
    # found it overdue at the top of the tree): each deadline is acted on once.
    deadline_passed_at = models.DateTimeField(null=True, blank=True)

    # --- outcome ---
    first_replied_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_on_time = models.BooleanField(null=True, blank=True)
    reply_working_days = models.PositiveIntegerField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)  # first time past a deadline
    escalated = models.CharField(max_length=16, choices=Escalation.choices, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    rating_comment = models.CharField(_("评价"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    # --- a hotline call ---
    call_started_at = models.DateTimeField(_("来电时间"), null=True, blank=True)
    call_seconds = models.PositiveIntegerField(_("通话时长（秒）"), null=True, blank=True)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        indexes = [
            # The workbench's queues and their counts read the open cases of a few unions: a
            # small index over those only, holding what the counts ask (index-only on
            # PostgreSQL). "All cases" of a union uses the foreign key's own index.
            models.Index(
                fields=["union", "status", "due_date", "handler", "overdue_at"],
                condition=Q(status__in=OPEN),
                name="case_open_queue",
            ),
            # "Mine": a handler's open cases, most urgent first, read in the index's order.
            models.Index(
                fields=["handler", "due_date", "id"],
                condition=Q(status__in=OPEN),
                name="case_open_by_handler",
            ),
            models.Index(fields=["phone_index"], name="case_phone_index"),
            # The deadline scan reads only what is due: partial indexes over the cases on
            # the clock whose step has not been taken yet.
            models.Index(
                fields=["due_date"],
                condition=Q(status__in=ON_THE_CLOCK, deadline_passed_at__isnull=True),
                name="case_due_scan",
            ),
            models.Index(
                fields=["warn_50_on"],
                condition=Q(status__in=ON_THE_CLOCK, warned_50_at__isnull=True),
                name="case_warn50_scan",
            ),
            models.Index(
                fields=["warn_80_on"],
                condition=Q(status__in=ON_THE_CLOCK, warned_80_at__isnull=True),
                name="case_warn80_scan",
            ),
            models.Index(
                fields=["id"],
                condition=Q(status__in=ON_THE_CLOCK, due_provisional=True),
                name="case_provisional",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="case_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def call_minutes(self) -> int:
        return (self.call_seconds or 0) // 60

    @property
    def call_rest_seconds(self) -> int:
        return (self.call_seconds or 0) % 60

    def sealing_context(self, column: str) -> str:
        """The requester's name and phone are bound to the case's reference number (known
        before the row is written, unique, never changing)."""
        return crypto.bound_to(self._meta.db_table, column, self.reference)


class CaseStep(models.Model):
    """One entry of a case's timeline: who, when, from which union, what and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=24, choices=StepKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(max_length=150)
    union = models.ForeignKey(
        "unions.Union",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    to_union = models.ForeignKey(
        "unions.Union",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    note = models.TextField(blank=True)  # the reply, the reason, the information added

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class CaseAttachment(models.Model):
    """A file the requester or staff added: stored under MEDIA_ROOT (never served directly),
    served only through the case's permission check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    step = models.ForeignKey(
        CaseStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    stored_path = models.CharField(max_length=500)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class GovernmentDepartment(models.Model):
    """A department cases are referred to (editable by operators)."""

    name = models.CharField(_("名称"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("政府部门")
        verbose_name_plural = _("政府部门")

    def __str__(self) -> str:
        return self.name


class Referral(TimeStampedModel):
    """A case referred to a government department: its due date, chasing and answer. The
    case stays open and on the union's clock until the union replies to the requester."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    department = models.ForeignKey(
        GovernmentDepartment, on_delete=models.PROTECT, related_name="+", verbose_name=_("部门")
    )
    referred_on = models.DateField(_("转请日期"))
    due_on = models.DateField(_("部门答复期限"))
    note = models.TextField(_("转请事项"), blank=True)
    status = models.CharField(
        max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    answer = models.TextField(_("部门答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["referred_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="referral_due")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id}"


class ReferralChase(models.Model):
    """A chase (催办) of a department about a referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="chases")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    note = models.CharField(_("催办情况"), max_length=500)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.at:%Y-%m-%d}"


class ReplyTemplate(models.Model):
    """A reply to start from, per category (operators keep them)."""

    category = models.CharField(_("类别"), max_length=24, choices=Category.choices)
    title = models.CharField(_("标题"), max_length=64)
    body = models.TextField(_("内容"))
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["category", "title"]
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")

    def __str__(self) -> str:
        return self.title


class RoutingRule(models.Model):
    """Which service centre receives a federation's new cases (of one kind, or of every kind
    when ``kind`` is empty). Without a rule, the federation's own first centre does."""

    union = models.ForeignKey(
        "unions.Union", on_delete=models.CASCADE, related_name="+", verbose_name=_("总工会")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=CaseKind.choices, blank=True)
    centre = models.ForeignKey(
        "unions.ServiceCentre",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("受理的服务中心"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        constraints = [
            models.UniqueConstraint(fields=["union", "kind"], name="routing_one_rule_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.kind or '*'} → {self.centre_id}"

    def clean(self) -> None:
        """What the admin's form checks (the service checks the same): a federation's rule
        names an active centre of its own subtree."""
        if self.union_id and self.union.kind != UnionKind.FEDERATION:
            raise ValidationError({"union": _("分派规则只能为总工会设置。")})
        if self.union_id and self.centre_id:
            centre = self.centre
            if not (
                centre.is_active
                and centre.union.is_active
                and centre.union.path.startswith(self.union.path)
            ):
                raise ValidationError(
                    {"centre": _("只能选择本工会及下级工会中有效的服务中心（站）。")}
                )


class DeadlineRule(models.Model):
    """How many working days the union has to reply, per kind and complexity (operators
    change them; ``deadlines.DEFAULT_DAYS`` when a row is missing)."""

    kind = models.CharField(_("类型"), max_length=16, choices=CaseKind.choices)
    complexity = models.CharField(_("复杂程度"), max_length=16, choices=Complexity.choices)
    working_days = models.PositiveSmallIntegerField(_("答复时限（工作日）"))

    class Meta:
        ordering = ["kind", "working_days"]
        verbose_name = _("答复时限")
        verbose_name_plural = _("答复时限")
        constraints = [
            models.UniqueConstraint(fields=["kind", "complexity"], name="deadline_one_rule"),
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=60),
                name="deadline_days_1_to_60",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.complexity}: {self.working_days}"
