"""Satisfaction surveys (EVAL-2, 满意度测评): a questionnaire about a target (a service
centre's visitors, the requesters of a union's cases…; ``targets.py``), open for a period,
answered once per member (by login, or by card at the desk) or once per one-time code for
walk-in visitors.

A survey belongs to the union that owns its target: staff whose ``survey.view`` /
``survey.manage`` cover that union see and run it. A response counts under a union too
(``Response.union``: the member's own union, or the survey's for a walk-in visitor), so that
results can be shown per subtree (a city sees each district's satisfaction) through the
figures kit (``results.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.core.workflow import Workflow
from zhigong.surveys.choices import Channel, QuestionKind, SurveyStatus

# Questions are edited only while a draft; an open survey takes answers until it is closed.
SURVEY_FLOW = Workflow(
    "survey",
    SurveyStatus,
    {
        SurveyStatus.DRAFT: {SurveyStatus.OPEN},
        SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    },
)


class Survey(TimeStampedModel):
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会")
    )
    target_kind = models.CharField(_("测评对象类型"), max_length=40)
    target_id = models.PositiveBigIntegerField(_("测评对象"))
    title = models.CharField(_("标题"), max_length=100)
    intro = models.TextField(_("说明"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(
        _("状态"), max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")
        indexes = [models.Index(fields=["target_kind", "target_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="survey_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def topic(self) -> str:
        """The survey's topic in the figures kit (one per survey)."""
        return f"survey:{self.pk}"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("题型"), max_length=16, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=200)
    required = models.BooleanField(_("必答"), default=True)
    # The choices of a single or multiple choice question, in order; an answer stores the
    # chosen index ("0", "1"…), so a label corrected later keeps its answers.
    choices = models.JSONField(_("选项"), default=list, blank=True)
    is_satisfaction = models.BooleanField(_("总体满意度题"), default=False)

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题目")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="question_one_per_position"
            ),
            models.UniqueConstraint(
                fields=["survey"],
                condition=Q(is_satisfaction=True),
                name="question_one_satisfaction_per_survey",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyCode(models.Model):
    """A one-time code for a walk-in visitor: printed as a QR code on a sheet; only its
    SHA-256 digest is stored, so the table does not let anyone answer. Used at most once
    (``used_at`` set by one conditional update, ``services/answering.py``)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("一次性测评码")
        verbose_name_plural = _("一次性测评码")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Response(models.Model):
    """One respondent's answers. At most one per member and per account (constraints), at
    most one per one-time code (one-to-one)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Where the response counts in the figures (the member's union, or the survey's).
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("方式"), max_length=8, choices=Channel.choices)
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.OneToOneField(
        SurveyCode, on_delete=models.PROTECT, null=True, blank=True, related_name="response"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("测评答卷")
        verbose_name_plural = _("测评答卷")
        indexes = [models.Index(fields=["survey", "union"])]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "member"],
                condition=Q(member__isnull=False),
                name="response_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="response_one_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """The answer to one question: a rating ("1"–"5") or a chosen index in ``value`` (a
    multiple choice has one row per choice), or the words of a text question."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=8, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("答案")
        verbose_name_plural = _("答案")
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


__all__ = ["Answer", "Channel", "Question", "Response", "Survey", "SurveyCode"]
