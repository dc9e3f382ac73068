"""Fixed vocabularies of hardship files (HARD-1) and one-to-one pairs (VOL-4, seed 001 §4.1)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cause(models.TextChoices):
    """Why the household is in hardship (seed 001 §4.1: retired and laid-off workers,
    disabled workers, workers living alone)."""

    ILLNESS = "illness", _("因病")
    DISABILITY = "disability", _("残疾")
    UNEMPLOYMENT = "unemployment", _("下岗失业")
    LOW_PENSION = "low_pension", _("退休低收入")
    ALONE = "alone", _("孤寡独居")
    DISASTER = "disaster", _("因灾")
    OTHER = "other", _("其他")


class FileStatus(models.TextChoices):
    OPEN = "open", _("帮扶中")
    CLOSED = "closed", _("已结档")


class CloseReason(models.TextChoices):
    OUT_OF_HARDSHIP = "out_of_hardship", _("已脱困")
    MOVED = "moved", _("迁出本地")
    DIED = "died", _("去世")
    OTHER = "other", _("其他")


class HelpKind(models.TextChoices):
    MONEY = "money", _("资金")
    GOODS = "goods", _("物资")
    SERVICE = "service", _("服务")


class Relation(models.TextChoices):
    SELF = "self", _("本人")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    OTHER = "other", _("其他")


class WorkStatus(models.TextChoices):
    WORKING = "working", _("在职")
    UNEMPLOYED = "unemployed", _("失业")
    RETIRED = "retired", _("退休")
    STUDENT = "student", _("在学")
    UNABLE = "unable", _("无劳动能力")


class PairingStatus(models.TextChoices):
    REQUESTED = "requested", _("志愿者认领，待确认")
    ACTIVE = "active", _("结对中")
    DECLINED = "declined", _("未确认")
    ENDED = "ended", _("已结束")


class EndReason(models.TextChoices):
    VOLUNTEER_LEFT = "volunteer_left", _("志愿者退出")
    HANDOVER = "handover", _("移交其他志愿者")
    FILE_CLOSED = "file_closed", _("档案已结档")
    OTHER = "other", _("其他")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("每周")
    FORTNIGHTLY = "fortnightly", _("每两周")
    MONTHLY = "monthly", _("每月")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    FAIRLY = "fairly", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


# A pair that holds the file: one per file at a time (a database constraint).
HOLDING = (PairingStatus.REQUESTED, PairingStatus.ACTIVE)
# A pair with no visit for this many days shows in the alert queue (VOL-4).
VISIT_ALERT_DAYS = 30
