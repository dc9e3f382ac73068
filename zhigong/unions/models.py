"""The union tree (materialised path), departments inside federations, service centres."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from zhigong.accounts.roles import DepartmentKind
from zhigong.core.models import TimeStampedModel


class UnionKind(models.TextChoices):
    FEDERATION = "federation", _("总工会")
    INDUSTRY = "industry", _("产业工会")
    ZONE = "zone", _("开发区（园区）工会")
    STREET = "street", _("街道（乡镇）工会")
    COMMUNITY = "community", _("社区工会")
    GRASSROOTS = "grassroots", _("基层工会")


class UnionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("区（县）级")


class Union(MP_Node, TimeStampedModel):  # type: ignore[django-manager-missing]  # untyped treebeard
    """A node of the union tree.

    ``path`` (from treebeard) is the materialised path: "this union and all below it" is one
    ``path__startswith`` filter, served by an index on both databases.
    """

    # 4 characters of base 36 per level: 1.6 million children per parent, 63 levels deep.
    steplen = 4

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=128, db_index=True)
    short_name = models.CharField(_("简称"), max_length=64, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=UnionKind.choices)
    level = models.CharField(
        _("级别"),
        max_length=16,
        choices=UnionLevel.choices,
        blank=True,
        help_text=_("仅总工会填写：省级、市级或区（县）级。"),
    )
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("工会")
        verbose_name_plural = _("工会")

    def __str__(self) -> str:
        return self.name

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]

    def ancestor_paths(self) -> list[str]:
        """Paths of the ancestors, root first (not including this union)."""
        return [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]


class Department(TimeStampedModel):
    """A department of a federation (组织部, 女职工部, 法律部…)."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="departments")
    kind = models.CharField(_("部门类别"), max_length=16, choices=DepartmentKind.choices)
    name = models.CharField(_("名称"), max_length=64)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.UniqueConstraint(fields=["union", "kind"], name="department_one_kind_per_union")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceCentre(TimeStampedModel):
    """A worker service centre (职工服务中心) or one of its stations (工作站)."""

    class Kind(models.TextChoices):
        CENTRE = "centre", _("服务中心")
        STATION = "station", _("服务站")

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="centres")
    name = models.CharField(_("名称"), max_length=128)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.CENTRE)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    hotline = models.CharField(_("服务热线"), max_length=32, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("服务中心（站）")
        verbose_name_plural = _("服务中心（站）")

    def __str__(self) -> str:
        return self.name
