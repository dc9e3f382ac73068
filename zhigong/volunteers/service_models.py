"""Service projects, sign-ups and service hours (VOL-5), published offers and the workers'
requests for help (VOL-6), and the commendation of outstanding projects (VOL-7).

Imported by ``models.py`` (Django finds an app's models there)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.volunteers.choices import ServiceArea
from zhigong.volunteers.service_choices import (
    HelpRequestStatus,
    HoursStatus,
    OfferStatus,
    ProjectOrigin,
    ProjectStatus,
    SignupStatus,
)

P = ProjectStatus
# A union's or a volunteer's proposal waits for the city's approval (or is returned, then
# corrected and proposed again); the city's own proposal waits for a union to take it on.
# Then the organiser opens sign-up, starts and completes it; it may be cancelled until done.
PROJECT_FLOW = Workflow(
    "volunteer_project",
    ProjectStatus,
    {
        P.PROPOSED: {P.APPROVED, P.RETURNED, P.CANCELLED},
        P.RETURNED: {P.PROPOSED, P.CANCELLED},
        P.AWAITING_UNION: {P.APPROVED, P.CANCELLED},
        P.APPROVED: {P.OPEN, P.CANCELLED},
        P.OPEN: {P.UNDER_WAY, P.CANCELLED},
        P.UNDER_WAY: {P.COMPLETED, P.CANCELLED},
    },
)
SIGNUP_FLOW = Workflow(
    "volunteer_signup", SignupStatus, {SignupStatus.SIGNED_UP: {SignupStatus.WITHDRAWN}}
)
HOURS_FLOW = Workflow(
    "volunteer_hours",
    HoursStatus,
    {HoursStatus.PENDING: {HoursStatus.CONFIRMED, HoursStatus.REJECTED}},
)
OS = OfferStatus
OFFER_FLOW = Workflow(
    "volunteer_offer",
    OfferStatus,
    {
        OS.SUBMITTED: {OS.RECOMMENDED, OS.RETURNED, OS.WITHDRAWN},
        OS.RECOMMENDED: {OS.LISTED, OS.RETURNED, OS.WITHDRAWN},
        OS.RETURNED: {OS.WITHDRAWN},
        OS.LISTED: {OS.HIDDEN, OS.WITHDRAWN},
        OS.HIDDEN: {OS.LISTED, OS.WITHDRAWN},
    },
)
H = HelpRequestStatus
HELP_FLOW = Workflow(
    "volunteer_help",
    HelpRequestStatus,
    {H.WAITING: {H.CONNECTED, H.DECLINED}, H.CONNECTED: {H.CLOSED}},
)


class ServiceProject(TimeStampedModel):
    """A service project (服务项目, seed 001 §4.3)."""

    title = models.CharField(_("项目名称"), max_length=100)
    content = models.TextField(_("服务内容"))
    service_area = models.CharField(_("服务方向"), max_length=16, choices=ServiceArea.choices)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    volunteers_needed = models.PositiveIntegerField(_("需要志愿者人数"))
    budget = models.DecimalField(_("预算（元）"), max_digits=12, decimal_places=2, default=0)
    origin = models.CharField(_("来源"), max_length=16, choices=ProjectOrigin.choices)
    status = models.CharField(_("状态"), max_length=20, choices=ProjectStatus.choices)
    # The organising union: the proposing union, the volunteer's union, or the union that took
    # on the city's project (empty while the city's project waits for one).
    union = models.ForeignKey(
        "unions.Union",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("组织工会"),
    )
    city_union = models.ForeignKey(  # the city federation that approves or proposed it
        "unions.Union", on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("组织人"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposing_volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_reason = models.TextField(_("审批意见"), blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    summary = models.TextField(_("项目总结"), blank=True)

    class Meta:
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        indexes = [
            models.Index(fields=["status", "city_union"]),
            models.Index(fields=["union", "status"]),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectSignup(TimeStampedModel):
    """A volunteer signed up to a project (by themselves on the portal, or by its staff)."""

    project = models.ForeignKey(ServiceProject, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=SignupStatus.choices, default=SignupStatus.SIGNED_UP
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "volunteer"],
                condition=models.Q(status="signed_up"),
                name="volunteer_signed_up_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.volunteer_id}"


class ServiceHours(TimeStampedModel):
    """Hours a volunteer logged on a project; they count once the organiser confirms them."""

    project = models.ForeignKey(ServiceProject, on_delete=models.CASCADE, related_name="hours")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="hours"
    )
    served_on = models.DateField(_("服务日期"))
    hours = models.DecimalField(_("时长（小时）"), max_digits=4, decimal_places=1)
    what = models.CharField(_("服务内容"), max_length=500)
    status = models.CharField(
        _("状态"), max_length=16, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("服务时长")
        verbose_name_plural = _("服务时长")
        indexes = [
            models.Index(fields=["volunteer", "status", "served_on"]),
            models.Index(fields=["project", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.served_on} {self.hours}"


class ProjectCommendation(TimeStampedModel):
    """An outstanding service project commended for a year (VOL-7)."""

    project = models.ForeignKey(
        ServiceProject, on_delete=models.CASCADE, related_name="commendations"
    )
    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("荣誉"), max_length=64)
    citation = models.TextField(_("事迹"))
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published = models.BooleanField(_("在门户公布"), default=False)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "title"], name="volunteer_project_commended_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year} {self.title}"


class VolunteerOffer(TimeStampedModel):
    """A volunteer's published service offer (服务承诺, seed 003 §20): what they offer, where
    and when. The portal shows it with the volunteer's masked name only."""

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="offers"
    )
    specialty = models.CharField(_("特长"), max_length=100)
    service_area = models.CharField(_("服务方向"), max_length=16, choices=ServiceArea.choices)
    area_served = models.CharField(_("服务区域"), max_length=100)
    availability = models.JSONField(_("可服务时间"), default=list)
    description = models.TextField(_("服务说明"))
    status = models.CharField(
        _("状态"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.SUBMITTED
    )
    # The district/county union whose centre reviews it (the volunteer's quota union).
    review_union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("意见"), blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("服务承诺")
        verbose_name_plural = _("服务承诺")
        indexes = [models.Index(fields=["status", "review_union"])]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.specialty}"


class HelpRequest(TimeStampedModel):
    """A worker's request for help through a published offer; staff connect them."""

    offer = models.ForeignKey(VolunteerOffer, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(_("求助内容"), max_length=500)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.WAITING,
    )
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    connected_at = models.DateTimeField(_("对接时间"), null=True, blank=True)
    note = models.TextField(_("对接情况"), blank=True)
    outcome = models.TextField(_("结果"), blank=True)

    class Meta:
        verbose_name = _("求助")
        verbose_name_plural = _("求助")
        indexes = [models.Index(fields=["status", "offer"])]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.status}"
