"""Volunteers (VOL-1), their three opinions, and the quotas of district and industry unions
(VOL-2).

A ``Volunteer`` is the registration form of 附件2 and, once the city has approved it, the
volunteer on the roster. ID numbers and phones are stored like a member's (ciphertext bound to
its cell, blind index, masked form: ``members.models.PersonalFields``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.members.choices import Education, Gender, PoliticalStatus
from zhigong.members.models import PersonalFields
from zhigong.volunteers.choices import LIVE, Health, Identity, Step, VolunteerStatus

S = VolunteerStatus
# Each opinion approves (the next step) or returns (with reasons); a returned form is
# corrected and submitted again, from the first step; the applicant may withdraw while open.
# An approved volunteer may leave (by themselves or by staff who approve volunteers): the
# apps that gave them work (one-to-one pairs) are told through ``volunteers.hooks``.
VOLUNTEER_FLOW = Workflow(
    "volunteer",
    VolunteerStatus,
    {
        S.SUBMITTED: {S.UNIT_APPROVED, S.RETURNED, S.WITHDRAWN},
        S.UNIT_APPROVED: {S.DISTRICT_APPROVED, S.RETURNED, S.WITHDRAWN},
        S.DISTRICT_APPROVED: {S.APPROVED, S.RETURNED, S.WITHDRAWN},
        S.RETURNED: {S.SUBMITTED, S.WITHDRAWN},
        S.APPROVED: {S.LEFT},
    },
)


class Volunteer(PersonalFields, TimeStampedModel):
    name = models.CharField(_("姓名"), max_length=64)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    photo_path = models.CharField(max_length=255, blank=True)  # a private file
    photo_type = models.CharField(max_length=32, blank=True)
    work_started_on = models.DateField(_("参加工作时间"), null=True, blank=True)
    education = models.CharField(_("学历"), max_length=16, choices=Education.choices, blank=True)
    health = models.CharField(_("健康状况"), max_length=8, choices=Health.choices)
    employer = models.CharField(_("工作单位"), max_length=128)
    identity = models.CharField(_("身份"), max_length=16, choices=Identity.choices)
    specialty = models.CharField(_("特长"), max_length=200, blank=True)
    work_history = models.TextField(_("工作简历"), blank=True)
    statement = models.TextField(_("本人申请"))
    signed_at = models.DateTimeField(_("签字时间"))
    availability = models.JSONField(_("可服务时间"), default=list)
    service_areas = models.JSONField(_("服务方向"), default=list)
    # The union that keeps the volunteer: a member's grassroots union, or the street or
    # community union that registered someone else. Its unit opinion is the first step.
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="volunteers", verbose_name=_("工会")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_registrations",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=VolunteerStatus.choices, default=VolunteerStatus.SUBMITTED
    )
    # The district/county, zone or industry union above ``union`` (its opinion is the second
    # step; set at each submission); ``quota_year`` is set by its approval: the volunteer
    # then counts in that union's quota of that year.
    quota_union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    city_union = models.ForeignKey(  # the city federation above it: the third step's
        "unions.Union", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quota_year = models.PositiveIntegerField(null=True, blank=True)
    over_quota_reason = models.TextField(_("超出名额的理由"), blank=True)
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    left_at = models.DateTimeField(_("退出时间"), null=True, blank=True)
    # Counts the submissions: a returned form submitted again is the next attempt.
    attempt = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=models.Q(status__in=LIVE),
                name="volunteer_one_live_registration",
            )
        ]
        indexes = [
            models.Index(fields=["union", "status"]),
            models.Index(fields=["quota_union", "quota_year", "status"]),
            models.Index(fields=["applicant"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def waiting_step(self) -> str | None:
        from zhigong.volunteers.choices import STEP_OF_STATUS

        step = STEP_OF_STATUS.get(VolunteerStatus(self.status))
        return str(step) if step is not None else None


class VolunteerOpinion(models.Model):
    """One opinion of 附件2's last row: which step, approved or returned, by whom, why."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="opinions")
    step = models.CharField(_("环节"), max_length=16, choices=Step.choices)
    approved = models.BooleanField(_("同意"))
    reason = models.TextField(_("意见"), blank=True)
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    # An attempt starts at each submission: opinions of earlier rounds stay, for the record.
    attempt = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.step} {'+' if self.approved else '-'}"


class VolunteerQuota(TimeStampedModel):
    """How many volunteers a district/county, zone or industry union recruits in a year (附件1)."""

    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="volunteer_quotas"
    )
    year = models.PositiveIntegerField(_("年度"))
    count = models.PositiveIntegerField(_("人数"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("志愿者名额")
        verbose_name_plural = _("志愿者名额")
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="volunteer_quota_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.year}: {self.count}"


class Commendation(TimeStampedModel):
    """An outstanding volunteer commended by a union for a year (VOL-7, seed 001 §5.4); a
    published one is shown on the portal (name, union, title and citation: nothing else)."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="commendations")
    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("荣誉"), max_length=64)
    citation = models.TextField(_("事迹"))
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("表彰单位")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published = models.BooleanField(_("在门户公布"), default=False)

    class Meta:
        verbose_name = _("志愿者表彰")
        verbose_name_plural = _("志愿者表彰")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "year", "title"], name="volunteer_commended_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.year} {self.title}"


# Projects, hours and offers live in their own module (VOL-5, VOL-6).
from zhigong.volunteers.service_models import (  # noqa: E402,F401
    HelpRequest,
    ProjectCommendation,
    ProjectSignup,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)
