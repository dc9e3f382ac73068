"""The centres app's records around ``unions.ServiceCentre`` (whose identity belongs to the
tree, and to which cases are routed): the six essentials with photos, the management rules
as documents, the year's standards per level, the city's coverage targets and the model
centres named each year. The acceptance round (CTR-7/8) hangs on a centre, a standard
version (year, level) and its checklist keys."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhigong.core.models import TimeStampedModel
from zhigong.unions.models import ServiceCentre, Union

Level = ServiceCentre.Level


class CentreEssential(TimeStampedModel):
    """One of the six essentials at a centre: present or not, with a photo as evidence."""

    centre = models.ForeignKey(ServiceCentre, on_delete=models.CASCADE, related_name="essentials")
    key = models.CharField(_("项目"), max_length=32)
    present = models.BooleanField(_("已具备"), default=False)
    photo_path = models.CharField(max_length=500, blank=True)
    photo_type = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("六有")
        verbose_name_plural = _("六有")
        constraints = [
            models.UniqueConstraint(fields=["centre", "key"], name="centre_essential_once")
        ]


class CentreRule(TimeStampedModel):
    """A management rule a centre has (CTR-5), as an uploaded document (private file)."""

    centre = models.ForeignKey(ServiceCentre, on_delete=models.CASCADE, related_name="rules")
    key = models.CharField(_("制度"), max_length=32)
    file_name = models.CharField(_("文件名"), max_length=200)
    file_path = models.CharField(max_length=500)
    file_type = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("管理制度")
        verbose_name_plural = _("管理制度")
        indexes = [models.Index(fields=["centre", "key"])]


class CentreStandard(TimeStampedModel):
    """The building standard of one level for one year (a version): what a centre of that
    level must have. Lists hold catalogue keys (``centres.catalogue``)."""

    year = models.PositiveIntegerField(_("年度"))
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    min_area = models.DecimalField(_("最小总面积（平方米）"), max_digits=8, decimal_places=2)
    min_hall_area = models.DecimalField(
        _("最小服务大厅面积（平方米）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    basic_services = models.JSONField(_("基本服务项目"), default=list)
    optional_services = models.JSONField(_("拓展服务项目"), default=list)
    essentials = models.JSONField(_("六有"), default=list)
    notices = models.JSONField(_("上墙公示内容"), default=list)
    rules = models.JSONField(_("管理制度"), default=list)

    class Meta:
        verbose_name = _("建设标准")
        verbose_name_plural = _("建设标准")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["year", "level"], name="centre_standard_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_level_display()}"


class CoverageTarget(TimeStampedModel):
    """A target of the year set by the city (CTR-6, seed 002 §2)."""

    class Measure(models.TextChoices):
        DISTRICTS_CONVERTED = "districts_converted", _("区级帮扶中心转型为职工服务中心的比例（%）")
        STREETS_COVERED = (
            "streets_covered",
            _("街道（乡镇）、开发区（园区）建成服务中心的比例（%）"),
        )
        ENTERPRISES_COVERED = "enterprises_covered", _("服务中心（站）覆盖企业数（家）")

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="centre_targets")
    year = models.PositiveIntegerField(_("年度"))
    measure = models.CharField(_("指标"), max_length=32, choices=Measure.choices)
    value = models.DecimalField(_("目标值"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("建设目标")
        verbose_name_plural = _("建设目标")
        constraints = [
            models.UniqueConstraint(fields=["union", "year", "measure"], name="centre_target_once")
        ]


class ModelCentre(TimeStampedModel):
    """A model centre (示范职工服务中心) named by a district, bureau or industry union for a
    year, from its subtree (CTR-9, seed 002 §6.4)."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="model_centres")
    centre = models.ForeignKey(ServiceCentre, on_delete=models.PROTECT, related_name="model_years")
    year = models.PositiveIntegerField(_("年度"))
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("示范职工服务中心")
        verbose_name_plural = _("示范职工服务中心")
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="model_centre_once")]


class AcceptanceStatus(models.TextChoices):
    SELF_INSPECTING = "self_inspecting", _("自查中")
    SUBMITTED = "submitted", _("已申报")
    INSPECTED = "inspected", _("已验收")
    GRADED = "graded", _("已评定")
    APPROVED = "approved", _("市总已审定")
    PUBLISHED = "published", _("公示中")
    FINAL = "final", _("已确定")
    RETURNED = "returned", _("已退回")


class AcceptanceGrade(models.TextChoices):
    # The same values as ``grading.Grade``.
    EXCELLENT = "excellent", _("优秀")
    ADVANCED = "advanced", _("先进")
    COMPLIANT = "compliant", _("达标")
    NOT_PASSED = "not_passed", _("不达标")


class AcceptanceRound(TimeStampedModel):
    """The city's acceptance round of one year (考核验收, seed 002 §6.2): which year's
    standards it checks against and its deadlines."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    standard_year = models.PositiveIntegerField(_("建设标准版本（年度）"))
    self_inspection_due = models.DateField(_("自查截止日"))
    application_due = models.DateField(_("申报截止日"))
    inspection_due = models.DateField(_("验收截止日"))
    publication_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("验收批次")
        verbose_name_plural = _("验收批次")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}"


class AcceptanceApplication(TimeStampedModel):
    """The application form (验收申报表) a district, bureau or industry union submits for
    the centres it proposes."""

    round = models.ForeignKey(AcceptanceRound, on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("验收申报表")
        verbose_name_plural = _("验收申报表")


class Acceptance(TimeStampedModel):
    """One centre's acceptance in one round: self-inspection, application, the city's
    inspection, the grade, approval, publication. Moves through ``ACCEPTANCE_FLOW``."""

    round = models.ForeignKey(AcceptanceRound, on_delete=models.PROTECT, related_name="acceptances")
    centre = models.ForeignKey(ServiceCentre, on_delete=models.PROTECT, related_name="acceptances")
    # Denormalised from the centre so the list filters by subtree without a join.
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=AcceptanceStatus.choices,
        default=AcceptanceStatus.SELF_INSPECTING,
    )
    self_report = models.TextField(_("自查报告"), blank=True)
    self_report_name = models.CharField(max_length=200, blank=True)
    self_report_path = models.CharField(max_length=500, blank=True)
    self_report_type = models.CharField(max_length=64, blank=True)
    application = models.ForeignKey(
        AcceptanceApplication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acceptances",
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    inspected_at = models.DateTimeField(null=True, blank=True)
    # Percentages stored for showing and filtering; the grade is decided on the exact values.
    hardware_pct = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    mechanism_pct = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    satisfaction_pct = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    satisfaction_reason = models.CharField(_("无满意度数据的原因"), max_length=255, blank=True)
    grade = models.CharField(
        _("等级"), max_length=20, choices=AcceptanceGrade.choices, blank=True, db_index=True
    )
    computed_grade = models.CharField(max_length=20, choices=AcceptanceGrade.choices, blank=True)
    complaint_reason = models.CharField(_("投诉降级原因"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    publish_until = models.DateField(null=True, blank=True)
    award_amount = models.DecimalField(
        _("奖补资金（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    award_note = models.CharField(_("奖励内容"), max_length=255, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("服务中心验收")
        verbose_name_plural = _("服务中心验收")
        ordering = ["-round__year", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "centre"], name="acceptance_once")]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["union", "round"]),
        ]

    def __str__(self) -> str:
        return f"{self.round.year} {self.centre.name}"


class AcceptanceItem(models.Model):
    """One checklist item: the centre's self-inspection and the city's inspection of it."""

    class Group(models.TextChoices):
        HARDWARE = "hardware", _("硬件建设")
        MECHANISM = "mechanism", _("机制与措施")

    acceptance = models.ForeignKey(Acceptance, on_delete=models.CASCADE, related_name="items")
    group = models.CharField(_("类别"), max_length=20, choices=Group.choices)
    key = models.CharField(_("项目"), max_length=64)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)
    self_met = models.BooleanField(_("自查达标"), null=True)
    self_note = models.TextField(_("自查说明"), blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_path = models.CharField(max_length=500, blank=True)
    evidence_type = models.CharField(max_length=64, blank=True)
    seen = models.TextField(_("看（实地察看）"), blank=True)
    ledgers = models.TextField(_("查（台账记录）"), blank=True)
    forum = models.TextField(_("谈（座谈了解）"), blank=True)
    inspected_met = models.BooleanField(_("验收达标"), null=True)
    inspected_points = models.DecimalField(
        _("验收得分"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("验收项目")
        verbose_name_plural = _("验收项目")
        ordering = ["acceptance", "position"]
        constraints = [
            models.UniqueConstraint(fields=["acceptance", "key"], name="acceptance_item_once")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def self_points(self) -> Decimal:
        return self.points if self.self_met else Decimal(0)

    @property
    def difference(self) -> Decimal | None:
        if self.inspected_points is None:
            return None
        return self.inspected_points - self.self_points
