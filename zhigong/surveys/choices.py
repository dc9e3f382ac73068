"""The surveys app's choices: a survey's status, the kinds of questions, how an answer came
in, and the fixed scale of the overall-satisfaction question."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("测评中")
    CLOSED = "closed", _("已结束")


class QuestionKind(models.TextChoices):
    RATING = "rating", _("评分（1–5）")
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    TEXT = "text", _("文字")


class Channel(models.TextChoices):
    LOGIN = "login", _("会员登录")
    CARD = "card", _("服务台读卡")
    CODE = "code", _("一次性二维码")


# The overall-satisfaction question (one per survey, ``Question.is_satisfaction``) is a single
# choice with exactly these four choices, in this order; the stored answer is the choice's
# index. The satisfaction rate is the share of the first two (``satisfaction.rate``).
SATISFACTION_CHOICES = ("满意", "基本满意", "一般", "不满意")
SATISFIED = ("0", "1")
