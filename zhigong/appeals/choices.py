"""Fixed vocabularies of special hardship appeals (特殊困难求助台, HARD-2; seed 003 §19)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    RAISED = "raised", _("待基层工会核实")
    VERIFIED = "verified", _("已核实，待帮扶中心发布")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")
    CLOSED = "closed", _("已结束")


class VerifyMethod(models.TextChoices):
    """How the grassroots union made sure the facts are true (seed 003 §19: 确保真实性)."""

    HOME_VISIT = "home_visit", _("入户走访")
    DOCUMENTS = "documents", _("查验证明材料")
    NEIGHBOURS = "neighbours", _("走访邻里同事")
    EMPLOYER = "employer", _("向所在单位了解")


class PledgeKind(models.TextChoices):
    MONEY = "money", _("捐款")
    GOODS = "goods", _("物资")
    SERVICE = "service", _("服务")


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("已认捐")
    FULFILLED = "fulfilled", _("已兑现")
    CANCELLED = "cancelled", _("已取消")


# Still open on the grassroots side: the raiser may withdraw it.
OPEN = (
    AppealStatus.DRAFT,
    AppealStatus.RAISED,
    AppealStatus.VERIFIED,
    AppealStatus.RETURNED,
)
# Editable by the raising union (the text, the worker, the pictures).
EDITABLE = (AppealStatus.DRAFT, AppealStatus.RETURNED)
