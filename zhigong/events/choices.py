"""The events app's choices: kinds of events, their statuses and those of a sign-up."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    MIXER = "mixer", _("联谊活动")
    GET_TOGETHER = "get_together", _("见面会")
    COUNSELLING = "counselling", _("辅导咨询")
    OTHER = "other", _("其他活动")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("报名中")
    SIGNUP_CLOSED = "signup_closed", _("报名截止")
    HELD = "held", _("已举办")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已取消")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已报名")
    WAITING = "waiting", _("候补")
    CANCELLED = "cancelled", _("已取消")


# Where members see an event (the list, its page, the API) and may still cancel.
SHOWN_TO_MEMBERS = (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED, EventStatus.HELD)
# Where the door may check people in: from publication until the event is over.
CHECK_IN_OPEN = (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED, EventStatus.HELD)
# A sign-up that holds or waits for a place (one per member and event).
ACTIVE_SIGNUP = (SignupStatus.CONFIRMED, SignupStatus.WAITING)
