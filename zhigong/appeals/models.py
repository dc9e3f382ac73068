"""Special hardship appeals (特殊困难求助, HARD-2), their pictures and the pledges of help.

An appeal is about one worker: a member of the raising union, or someone typed in with a
checked ID number. Their ID number and phone are stored like a member's (ciphertext bound to
its cell, blind index, masked form: ``members.models.PersonalFields``) and so is their exact
address (``address_encrypted``, bound to the same row). The portal shows only the public
title and story the help centre approved, the surname and the district/street
(``locality``): never a number or an address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhigong.appeals.choices import AppealStatus, PledgeKind, PledgeStatus
from zhigong.core import crypto
from zhigong.core.masking import mask_given_name
from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.members.models import PersonalFields

S = AppealStatus
# Raised by the grassroots union, verified there by someone else, published by the help
# centre for a period, closed with its outcome. Either check may return it with reasons;
# the raising union corrects and raises it again, or withdraws it while it is theirs.
APPEAL_FLOW = Workflow(
    "appeal",
    AppealStatus,
    {
        S.DRAFT: {S.RAISED, S.WITHDRAWN},
        S.RAISED: {S.VERIFIED, S.RETURNED, S.WITHDRAWN},
        S.VERIFIED: {S.PUBLISHED, S.RETURNED, S.WITHDRAWN},
        S.RETURNED: {S.RAISED, S.WITHDRAWN},
        S.PUBLISHED: {S.CLOSED},
    },
)
PLEDGE_FLOW = Workflow(
    "pledge",
    PledgeStatus,
    {PledgeStatus.PLEDGED: {PledgeStatus.FULFILLED, PledgeStatus.CANCELLED}},
)


def _user(related: str = "+") -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related,
    )


class HardshipAppeal(PersonalFields, TimeStampedModel):
    # The raising union (a grassroots, community or street union) and the help centre's
    # federation above it (the nearest district/county or city federation): set at raising.
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="appeals", verbose_name=_("工会")
    )
    help_centre = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The worker's hardship file (HARD-1), if they have one: a file of the same union, chosen
    # on the form by someone whose ``hardship.view`` covers it (``services.raising``).
    hardship_file = models.ForeignKey(
        "hardship.HardshipFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("困难职工档案"),
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    worker_name = models.CharField(_("职工姓名"), max_length=64)
    address_encrypted = models.CharField(max_length=512)
    address_masked = models.CharField(_("住址"), max_length=64)
    locality = models.CharField(_("所在区、街道"), max_length=40)
    title = models.CharField(_("标题"), max_length=80)
    story = models.TextField(_("困难情况"))
    needs = models.TextField(_("需要的帮助"))
    amount_sought = models.DecimalField(
        _("求助金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.DRAFT
    )
    created_by = _user()
    raised_by = _user()  # whoever raised it (last): they never verify or publish it
    raised_at = models.DateTimeField(_("提出时间"), null=True, blank=True)
    verified_by = _user()
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    verify_methods = models.JSONField(_("核实方式"), default=list)
    verify_notes = models.TextField(_("核实情况"), blank=True)
    returned_reason = models.TextField(_("退回理由"), blank=True)
    # What the portal shows: the help centre edits the text for privacy when publishing.
    public_title = models.CharField(_("公开标题"), max_length=80, blank=True)
    public_story = models.TextField(_("公开内容"), blank=True)
    publish_starts = models.DateField(_("发布开始"), null=True, blank=True)
    publish_ends = models.DateField(_("发布结束"), null=True, blank=True)
    published_by = _user()
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    outcome = models.TextField(_("帮扶结果"), blank=True)
    amount_raised = models.DecimalField(
        _("筹得金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    closed_by = _user()
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    featured = models.BooleanField(_("精选故事"), default=False)

    class Meta:
        verbose_name = _("特殊困难求助")
        verbose_name_plural = _("特殊困难求助")
        indexes = [
            models.Index(fields=["union", "status"]),
            models.Index(fields=["help_centre", "status"]),
            # the portal: what is published now, and the stories
            models.Index(fields=["status", "publish_ends"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_identity(self) -> str:
        """What the portal says of the worker: the surname and the district/street."""
        return f"{mask_given_name(self.worker_name)}，{self.locality}"


class AppealPicture(models.Model):
    """A picture the grassroots union supplied (a private file). The help centre chooses the
    ones the portal shows: a public copy without the file's metadata (a phone photo's GPS
    position is an exact address), served without login only while the appeal is published."""

    appeal = models.ForeignKey(HardshipAppeal, on_delete=models.CASCADE, related_name="pictures")
    path = models.CharField(max_length=255)
    content_type = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    public_path = models.CharField(max_length=255, blank=True)  # chosen for the portal
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Pledge(TimeStampedModel):
    """A pledge of help: a member on the portal, or a donor staff recorded offline."""

    appeal = models.ForeignKey(HardshipAppeal, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    donor_name = models.CharField(_("认捐人（单位）"), max_length=80)
    is_organisation = models.BooleanField(_("单位认捐"), default=False)
    anonymous = models.BooleanField(_("在门户匿名"), default=False)
    kind = models.CharField(_("帮助方式"), max_length=16, choices=PledgeKind.choices)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    # For staff only: how to reach the donor (encrypted, bound to the appeal's row).
    contact_encrypted = models.CharField(max_length=512, blank=True)
    contact_masked = models.CharField(_("联系方式"), max_length=40, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    recorded_by = _user()
    fulfilled_by = _user()
    fulfilled_at = models.DateTimeField(_("兑现时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("认捐")
        verbose_name_plural = _("认捐")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["appeal", "status"])]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.kind}"

    def sealing_context(self, column: str) -> str:
        """A donor's contact is bound to the appeal (known before the pledge is written)."""
        return crypto.bound_to(self._meta.db_table, column, self.appeal_id)
