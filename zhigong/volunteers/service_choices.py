"""Fixed vocabularies of service projects, service hours and published offers (VOL-5, VOL-6)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectOrigin(models.TextChoices):
    """Who proposed a project: the city for unions to take on, or a union or a volunteer for
    the city to approve (seed 001 §4.3)."""

    CITY = "city", _("市总工会发布")
    UNION = "union", _("工会申报")
    VOLUNTEER = "volunteer", _("志愿者申报")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("待市总工会审批")
    RETURNED = "returned", _("已退回")
    AWAITING_UNION = "awaiting_union", _("待工会承接")
    APPROVED = "approved", _("已立项")
    OPEN = "open", _("报名中")
    UNDER_WAY = "under_way", _("进行中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")


# A project volunteers may sign up to, and log hours on.
SIGN_UP_OPEN = (ProjectStatus.OPEN, ProjectStatus.UNDER_WAY)
HOURS_OPEN = (ProjectStatus.OPEN, ProjectStatus.UNDER_WAY, ProjectStatus.COMPLETED)
# A project shown on the portal.
LISTED_PROJECTS = (ProjectStatus.OPEN, ProjectStatus.UNDER_WAY, ProjectStatus.COMPLETED)


class SignupStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    WITHDRAWN = "withdrawn", _("已退出")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("未确认")


class OfferStatus(models.TextChoices):
    """A volunteer's service offer on its way to the portal (seed 003 §20)."""

    SUBMITTED = "submitted", _("待基层工会推荐")
    RECOMMENDED = "recommended", _("待服务中心审核")
    RETURNED = "returned", _("已退回")
    LISTED = "listed", _("已公布")
    HIDDEN = "hidden", _("已下架")
    WITHDRAWN = "withdrawn", _("已撤回")


class HelpRequestStatus(models.TextChoices):
    WAITING = "waiting", _("待对接")
    CONNECTED = "connected", _("已对接")
    CLOSED = "closed", _("已办结")
    DECLINED = "declined", _("未能对接")
