"""Fixed vocabularies of cases: what kind, by which channel, about what, how hard, where in
its flow, and the steps of its timeline."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    RIGHTS = "rights", _("维权诉求")
    LEGAL = "legal", _("法律咨询")


class Channel(models.TextChoices):
    PORTAL = "portal", _("网站")
    APP = "app", _("手机应用")
    HOTLINE = "hotline", _("服务热线")
    WALK_IN = "walk_in", _("来访")
    LETTER = "letter", _("来信")


class Category(models.TextChoices):
    LABOUR_CONTRACT = "labour_contract", _("劳动合同")
    WAGES = "wages", _("工资报酬")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    WORK_INJURY = "work_injury", _("工伤")
    DISMISSAL = "dismissal", _("解除劳动关系")
    WORKING_HOURS = "working_hours", _("工作时间和休息休假")
    SAFETY = "safety", _("劳动安全卫生")
    OTHER = "other", _("其他")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("一般")
    DIFFICULT = "difficult", _("较复杂")
    COMPLEX = "complex", _("复杂")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


# The statuses in which the union's clock runs (accepted, not yet answered).
ON_THE_CLOCK = (CaseStatus.ACCEPTED, CaseStatus.ASSIGNED)
# Not finished: what the workbench's queues show by default.
OPEN = (CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.ASSIGNED)


class StepKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交诉求")
    HOTLINE = "hotline", _("热线来电登记")
    ACCEPTED = "accepted", _("受理")
    ASSIGNED = "assigned", _("交办")
    REPLIED = "replied", _("答复")
    TRANSFERRED = "transferred", _("转交")
    ESCALATED = "escalated", _("上报上级工会")
    DEADLINE_ESCALATED = "deadline_escalated", _("逾期自动上报上级工会")
    OVERDUE = "overdue", _("已逾期")
    WARNED = "warned", _("时限提醒")
    REFERRED = "referred", _("转请政府部门")
    CHASED = "chased", _("催办")
    REFERRAL_ANSWERED = "referral_answered", _("部门回复")
    CLOSED = "closed", _("办结")
    REOPENED = "reopened", _("重新办理")
    RATED = "rated", _("评价")
    INFO_ADDED = "info_added", _("补充材料")


# Steps the requester sees on their own page (the rest is the union's internal work: who
# handles it, reminders, the dealings with departments).
PUBLIC_STEPS = frozenset(
    {
        StepKind.SUBMITTED,
        StepKind.HOTLINE,
        StepKind.ACCEPTED,
        StepKind.REPLIED,
        StepKind.TRANSFERRED,
        StepKind.ESCALATED,
        StepKind.DEADLINE_ESCALATED,
        StepKind.REFERRED,
        StepKind.CLOSED,
        StepKind.REOPENED,
        StepKind.RATED,
        StepKind.INFO_ADDED,
    }
)


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("待部门回复")
    ANSWERED = "answered", _("部门已回复")


class Escalation(models.TextChoices):
    HANDLER = "handler", _("经办人上报")
    DEADLINE = "deadline", _("逾期自动上报")
