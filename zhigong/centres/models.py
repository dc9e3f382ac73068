"""The centres app's records around ``unions.ServiceCentre`` (whose identity belongs to the
tree, and to which cases are routed): the six essentials with photos, the management rules
as documents, the year's standards per level, the city's coverage targets and the model
centres named each year. The acceptance round (CTR-7/8) hangs on a centre, a standard
version (year, level) and its checklist keys."""

from __future__ import annotations

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
