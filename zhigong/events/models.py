"""Events (MM-8, MM-9): mixers, get-togethers and counselling sessions that any union level
organises, the members' sign-ups (a place, or the waiting list) with attendance at the door,
and the staff-only record of a counselling session.

An event belongs to its organising union: staff whose ``event.manage`` covers that union
run it. Who may sign up is its audience (``audiences.py``). Places are given under a lock
on the event's row (``services/signups.py``), so two sign-ups at the same moment never
over-fill it; a member holds at most one active sign-up per event (a constraint)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhigong.core import crypto
from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.events.choices import ACTIVE_SIGNUP, EventKind, EventStatus, SignupStatus

# Published events take sign-ups until their window ends (or staff close it early, and may
# reopen it); an event is held, then closed once its records are complete. A draft or an
# event not yet held may be cancelled (the members signed up are told).
EVENT_FLOW = Workflow(
    "event",
    EventStatus,
    {
        EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
        EventStatus.PUBLISHED: {
            EventStatus.SIGNUP_CLOSED,
            EventStatus.HELD,
            EventStatus.CANCELLED,
        },
        EventStatus.SIGNUP_CLOSED: {
            EventStatus.PUBLISHED,
            EventStatus.HELD,
            EventStatus.CANCELLED,
        },
        EventStatus.HELD: {EventStatus.CLOSED},
    },
)
# A waiting sign-up is promoted when a place frees; either kind may be cancelled.
SIGNUP_FLOW = Workflow(
    "event_signup",
    SignupStatus,
    {
        SignupStatus.WAITING: {SignupStatus.CONFIRMED, SignupStatus.CANCELLED},
        SignupStatus.CONFIRMED: {SignupStatus.CANCELLED},
    },
)


class Event(TimeStampedModel):
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("主办工会")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("活动介绍"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    signup_opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("名额"))
    # Gender balance, if wanted: at most this many places for men / for women.
    male_cap = models.PositiveIntegerField(_("男性名额上限"), null=True, blank=True)
    female_cap = models.PositiveIntegerField(_("女性名额上限"), null=True, blank=True)
    audience = models.CharField(_("报名范围"), max_length=40)
    status = models.CharField(
        _("状态"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def cap_for(self, gender: str) -> int | None:
        return {"male": self.male_cap, "female": self.female_cap}.get(gender)


class Signup(TimeStampedModel):
    """A member's sign-up for an event: a place (confirmed) or a place on the waiting list,
    in order of ``created_at``; the gender is the member's when they signed up (the caps
    count it)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=8, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=SignupStatus.choices)
    walk_in = models.BooleanField(_("现场登记"), default=False)
    attended_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(status__in=ACTIVE_SIGNUP),
                name="signup_one_active_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.member_id}"


class CounsellingRecord(TimeStampedModel):
    """What a counselling session was about, by whom: for staff only. The notes are
    sensitive, so stored encrypted, bound to the event's row."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="counselling")
    topic = models.CharField(_("主题"), max_length=200)
    counsellor = models.CharField(_("咨询师"), max_length=100)
    notes_encrypted = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("咨询记录")
        verbose_name_plural = _("咨询记录")

    def __str__(self) -> str:
        return self.topic

    def sealing_context(self, column: str) -> str:
        """Bound to the event (known before the record is written, never changing)."""
        return crypto.bound_to("events_counsellingrecord", column, self.event_id)

    @property
    def notes(self) -> str:
        return (
            crypto.decrypt(self.notes_encrypted, context=self.sealing_context("notes"))
            if self.notes_encrypted
            else ""
        )

    @notes.setter
    def notes(self, value: str) -> None:
        self.notes_encrypted = (
            crypto.encrypt(value, context=self.sealing_context("notes")) if value else ""
        )
