"""The forms of the centre pages: the registry's filter and record, the essentials and rules,
the year's standards, the targets, the model centres and the portal's finder."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.centres import catalogue, selectors
from zhigong.centres.models import CoverageTarget
from zhigong.centres.services.registry import CentreInput
from zhigong.centres.services.standards import StandardInput
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.models import ServiceCentre
from zhigong.unions.roles import Perm


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "——"), *choices]


def _checks(label: Any, name: str, required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=catalogue.choices(name),
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


def _area(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=8, decimal_places=2, min_value=0, required=required
    )


class FilterForm(ScopedForm):
    q = forms.CharField(label=_("名称"), max_length=64, required=False)
    kind = forms.ChoiceField(
        label=_("类别"), choices=_blank(ServiceCentre.Kind.choices), required=False
    )
    level = forms.ChoiceField(
        label=_("层级"), choices=_blank(ServiceCentre.Level.choices), required=False
    )
    union = UnionPickField(label=_("工会（含下级）"), perm=Perm.CENTRE_VIEW, required=False)
    region_code = forms.RegexField(
        label=_("行政区划代码"), regex=r"^\d{6}$", max_length=6, required=False
    )
    active = forms.ChoiceField(
        label=_("状态"),
        choices=[("", "——"), ("yes", _("有效")), ("no", _("已停用"))],
        required=False,
    )


class CentreForm(ScopedForm):
    """A centre's record. ``union`` is asked only when registering."""

    union = UnionPickField(
        label=_("所属工会"),
        perm=Perm.CENTRE_MANAGE,
        help_text=_("本工会或下级的街道、开发区、企业工会。"),
    )
    kind = forms.ChoiceField(label=_("类别"), choices=ServiceCentre.Kind.choices)
    name = forms.CharField(
        label=_("名称"),
        max_length=128,
        help_text=_("服务中心为“××职工服务中心”；工作站为“××职工服务中心××工作站”。"),
    )
    level = forms.ChoiceField(label=_("建设标准层级"), choices=ServiceCentre.Level.choices)
    address = forms.CharField(label=_("地址"), max_length=255, required=False)
    region_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=6,
        required=False,
        help_text=_("GB/T 2260 六位代码，如江岸区 420102。"),
    )
    opening_hours = forms.CharField(
        label=_("开放时间"),
        max_length=128,
        required=False,
        help_text=_("如：周一至周五 9:00–17:00"),
    )
    hotline = forms.CharField(label=_("服务热线"), max_length=32, required=False)
    total_area = _area(_("总面积（平方米）"))
    hall_area = _area(_("服务大厅面积（平方米）"))
    staff_full_time = forms.IntegerField(label=_("专职人员"), min_value=0, initial=0)
    staff_part_time = forms.IntegerField(label=_("兼职人员"), min_value=0, initial=0)
    staff_volunteers = forms.IntegerField(label=_("志愿者"), min_value=0, initial=0)
    staff_public_posts = forms.IntegerField(label=_("公益性岗位"), min_value=0, initial=0)
    services = _checks(_("开设的服务项目"), "services")
    notices = _checks(_("室内墙上公示的内容"), "notices")
    funding_share = forms.DecimalField(
        label=_("服务职工经费占本级工会经费比例（%）"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("区级工会每年应安排本级工会经费的 10%–20%。"),
    )
    is_active = forms.BooleanField(label=_("有效"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["union"]
        else:
            del self.fields["is_active"]

    def as_input(self) -> CentreInput:
        data = dict(self.cleaned_data)
        data.pop("union", None)
        data.setdefault("is_active", True)
        return CentreInput(**data)


def initial_of(centre: ServiceCentre) -> dict[str, Any]:
    return {name: getattr(centre, name) for name in CentreForm.base_fields if name != "union"}


class EssentialForm(forms.Form):
    key = forms.ChoiceField(choices=catalogue.choices("essentials"), widget=forms.HiddenInput)
    present = forms.BooleanField(label=_("已具备"), required=False)
    photo = forms.FileField(label=_("照片（JPG 或 PNG）"), required=False)


class RuleForm(forms.Form):
    key = forms.ChoiceField(label=_("制度"), choices=catalogue.choices("rules"))
    document = forms.FileField(label=_("制度文件（PDF、JPG 或 PNG）"))


class StandardForm(forms.Form):
    min_area = _area(_("最小总面积（平方米）"), required=True)
    min_hall_area = _area(_("最小服务大厅面积（平方米）"))
    basic_services = _checks(_("基本服务项目"), "services")
    optional_services = _checks(_("拓展服务项目"), "services")
    essentials = _checks(_("六有"), "essentials")
    notices = _checks(_("上墙公示内容"), "notices")
    rules = _checks(_("管理制度"), "rules")

    def as_input(self) -> StandardInput:
        return StandardInput(**self.cleaned_data)


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, initial=selectors.this_year
    )


class TargetForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, initial=selectors.this_year
    )
    measure = forms.ChoiceField(label=_("指标"), choices=CoverageTarget.Measure.choices)
    value = forms.DecimalField(label=_("目标值"), max_digits=8, decimal_places=2, min_value=0)


class ModelCentreForm(ScopedForm):
    union = UnionPickField(label=_("评选单位（区、局、产业工会）"), perm=Perm.CENTRE_MANAGE)
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, initial=selectors.this_year
    )
    note = forms.CharField(label=_("说明"), max_length=255, required=False)


class FinderForm(forms.Form):
    region = forms.ChoiceField(label=_("所在区"), required=False)
    service = forms.ChoiceField(
        label=_("服务项目"), choices=_blank(catalogue.choices("services")), required=False
    )
    near = forms.ChoiceField(label=_("离我近：我在"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = _blank(selectors.finder_regions())
        for name in ("region", "near"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = regions


def this_year_of(form: forms.Form) -> int:
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    return int(year or timezone.localdate().year)
