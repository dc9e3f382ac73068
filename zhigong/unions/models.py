"""The union tree (materialised path), departments inside federations, service centres, and
the role grants that give people authority over a subtree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from zhigong.core.models import TimeStampedModel
from zhigong.unions.roles import DepartmentKind, Role


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


class Union(MP_Node, TimeStampedModel):  # type: ignore[misc,django-manager-missing]  # untyped treebeard
    """A node of the union tree.

    ``path`` (from treebeard) is the materialised path: "this union and all below it" is one
    ``path__startswith`` filter, served by an index on both databases.
    """

    # treebeard's fields, declared by ``MP_Node`` (which has no type hints).
    path: str
    depth: int
    numchild: int

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

    class Level(models.TextChoices):
        """Which of seed 002's building standards applies (§3.1–3.3): the minimum area, the
        basic services. A station is judged by the standard of the level it serves."""

        DISTRICT = "district", _("区级职工服务中心")
        STREET = "street", _("街道（乡镇）、开发区（园区）职工服务中心")
        ENTERPRISE_LARGE = "enterprise_large", _("国有及国有控股大型企业职工服务中心")
        ENTERPRISE = "enterprise", _("规模以上企业职工服务中心")

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="centres")
    name = models.CharField(_("名称"), max_length=128)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.CENTRE)
    level = models.CharField(
        _("建设标准层级"), max_length=20, choices=Level.choices, default=Level.DISTRICT
    )
    address = models.CharField(_("地址"), max_length=255, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=128, blank=True)
    hotline = models.CharField(_("服务热线"), max_length=32, blank=True)
    total_area = models.DecimalField(
        _("总面积（平方米）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    hall_area = models.DecimalField(
        _("服务大厅面积（平方米）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    staff_full_time = models.PositiveIntegerField(_("专职人员"), default=0)
    staff_part_time = models.PositiveIntegerField(_("兼职人员"), default=0)
    staff_volunteers = models.PositiveIntegerField(_("志愿者"), default=0)
    staff_public_posts = models.PositiveIntegerField(_("公益性岗位"), default=0)
    # Keys of the standard's catalogue (``centres.catalogue``): the services offered and the
    # notices on the wall. Data, not columns: the lists change with the standard.
    services = models.JSONField(_("服务项目"), default=list, blank=True)
    notices = models.JSONField(_("上墙公示内容"), default=list, blank=True)
    funding_share = models.DecimalField(
        _("占本级工会经费比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("服务中心（站）")
        verbose_name_plural = _("服务中心（站）")

    def __str__(self) -> str:
        return self.name


def centre_level_for(union: Union) -> str:
    """The standard a centre of ``union`` is judged by, unless its record says otherwise: a
    street, zone or community's is the street/zone standard, an enterprise's the enterprise
    one, a federation's or industry union's the district one."""
    by_kind = {
        UnionKind.STREET: ServiceCentre.Level.STREET,
        UnionKind.ZONE: ServiceCentre.Level.STREET,
        UnionKind.COMMUNITY: ServiceCentre.Level.STREET,
        UnionKind.GRASSROOTS: ServiceCentre.Level.ENTERPRISE,
    }
    return str(by_kind.get(UnionKind(union.kind), ServiceCentre.Level.DISTRICT))


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active(self) -> RoleGrantQuerySet:
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A role held at a union; it covers that union and all below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("授予时间"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        db_table = "accounts_rolegrant"  # created by the accounts app; the table kept its name
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.union_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Figure(models.Model):
    """A count over a union's whole subtree: one topic (members, cases…), one dimension
    (status, gender…), one value. Kept by ``zhigong.unions.figures``; never counted live."""

    # The unique constraint below starts with the union: it is the index.
    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="+", db_index=False)
    topic = models.CharField(max_length=24)
    dimension = models.CharField(max_length=24)
    value = models.CharField(max_length=32)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["union", "topic", "dimension", "value"], name="figure_one_row_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.topic}.{self.dimension}={self.value}: {self.count}"
