"""Hardship files (困难职工档案, HARD-1) and one-to-one pairs (一助一结对, VOL-4).

A ``HardshipFile`` is one worker's household in hardship, kept by their grassroots union and
scoped like members. The worker's ID number and phone are stored like a member's
(``members.models.PersonalFields``: ciphertext bound to its cell, blind index, masked form);
the household's health and income, and the exact address, are sensitive personal
information: they live in one ciphertext (``sensitive_encrypted``, a JSON document bound to
the file's row) and are shown only on a logged reveal (``services.files.file_reveal``).

A ``Pairing`` ties an approved volunteer to a file with a service agreement; its visits are
``Visit`` rows. ``last_seen_on`` (the last visit, else the start) is kept by the services so
that the 30-day alert is one indexed filter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.hardship.choices import (
    HOLDING,
    Cause,
    CloseReason,
    EndReason,
    FileStatus,
    Frequency,
    HelpKind,
    PairingStatus,
    Satisfaction,
)
from zhigong.members.choices import Gender
from zhigong.members.models import PersonalFields

F = FileStatus
FILE_FLOW = Workflow("hardship_file", FileStatus, {F.OPEN: {F.CLOSED}, F.CLOSED: {F.OPEN}})

P = PairingStatus
# Staff pair directly (active), or a volunteer chooses a file (requested) and staff other
# than the volunteer confirm or decline it. An active pair ends: the volunteer left, it was
# handed over, the file closed.
PAIRING_FLOW = Workflow(
    "pairing",
    PairingStatus,
    {
        P.REQUESTED: {P.ACTIVE, P.DECLINED},
        P.ACTIVE: {P.ENDED},
    },
)


class HardshipFile(PersonalFields, TimeStampedModel):
    union = models.ForeignKey(
        "unions.Union",
        on_delete=models.PROTECT,
        related_name="hardship_files",
        verbose_name=_("建档工会"),
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=64)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    cause = models.CharField(_("致困原因"), max_length=16, choices=Cause.choices)
    cause_note = models.CharField(_("致困情况说明"), max_length=500, blank=True)
    needs = models.TextField(_("帮扶需求"), blank=True)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"), default=1)
    # Household members (with health and income), monthly income, exact address: one
    # AES-GCM ciphertext of a JSON document, bound to this row (``sealing_context``).
    sensitive_encrypted = models.TextField(blank=True)
    review_on = models.DateField(_("复核日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=FileStatus.choices, default=FileStatus.OPEN
    )
    close_reason = models.CharField(
        _("结档原因"), max_length=20, choices=CloseReason.choices, blank=True
    )
    close_note = models.CharField(_("结档说明"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=models.Q(status="open"),
                name="hardship_file_one_open_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["union", "status"]),
            models.Index(fields=["status", "review_on"]),
        ]

    def __str__(self) -> str:
        return self.name


class HardshipDocument(models.Model):
    """A supporting document (certificates, proofs of income): a private file."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=64)
    path = models.CharField(max_length=255)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name


class HelpGiven(models.Model):
    """Help given to the household: money, goods or a service, by which union, when."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="help_given")
    kind = models.CharField(_("帮扶方式"), max_length=16, choices=HelpKind.choices)
    given_on = models.DateField(_("日期"))
    amount = models.DecimalField(
        _("金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    quantity = models.CharField(_("数量"), max_length=64, blank=True)
    what = models.CharField(_("内容"), max_length=200)
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("帮扶单位")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("帮扶记录")
        verbose_name_plural = _("帮扶记录")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.file_id} {self.kind} {self.given_on}"


class Pairing(TimeStampedModel):
    file = models.ForeignKey(HardshipFile, on_delete=models.PROTECT, related_name="pairings")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=PairingStatus.choices)
    # The service agreement.
    service = models.CharField(_("服务内容"), max_length=500)
    frequency = models.CharField(_("服务频次"), max_length=16, choices=Frequency.choices)
    starts_on = models.DateField(_("开始日期"))
    # The last visit, else the start: the 30-day alert reads it (one indexed filter).
    last_seen_on = models.DateField()
    # The ``last_seen_on`` the volunteer was last reminded for: the daily reminder sends
    # one notice per silence, however many times it runs.
    reminded_for = models.DateField(null=True, blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    end_reason = models.CharField(
        _("结束原因"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("说明"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The pair this one took over from (a handover): the history of the file's volunteers.
    follows = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("一助一结对")
        verbose_name_plural = _("一助一结对")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["file"],
                condition=models.Q(status__in=HOLDING),
                name="pairing_one_holding_per_file",
            )
        ]
        indexes = [
            models.Index(fields=["status", "last_seen_on"]),
            models.Index(fields=["volunteer", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.file_id}↔{self.volunteer_id} {self.status}"


class Visit(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("走访日期"))
    minutes = models.PositiveIntegerField(_("时长（分钟）"))
    what = models.TextField(_("服务内容"))
    satisfaction = models.CharField(_("职工满意度"), max_length=16, choices=Satisfaction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.pairing_id} {self.visited_on}"
