from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.unions.models import ServiceCentre, UnionKind, UnionLevel
from zhigong.unions.roles import DepartmentKind


class UnionCreateForm(forms.Form):
    code = forms.CharField(label=_("编码"), max_length=32)
    name = forms.CharField(label=_("名称"), max_length=128)
    short_name = forms.CharField(label=_("简称"), max_length=64, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=UnionKind.choices)
    level = forms.ChoiceField(
        label=_("级别"),
        choices=[("", "—"), *UnionLevel.choices],
        required=False,
        help_text=_("仅总工会填写。"),
    )
    region_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=6,
        required=False,
        help_text=_("6 位 GB/T 2260 代码，如 420102。"),
    )
    reason = forms.CharField(label=_("备注"), max_length=500, required=False)


class UnionUpdateForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=128)
    short_name = forms.CharField(label=_("简称"), max_length=64, required=False)
    region_code = forms.CharField(label=_("行政区划代码"), max_length=6, required=False)
    reason = forms.CharField(label=_("理由"), max_length=500, required=False)


class UnionMoveForm(forms.Form):
    parent_code = forms.CharField(
        label=_("新的上级工会编码"),
        max_length=32,
        help_text=_("只能移到您有管理权限的工会之下，且不能移到它自己的下级之下。"),
    )
    reason = forms.CharField(label=_("理由"), max_length=500)


class DepartmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("部门类别"), choices=DepartmentKind.choices)
    name = forms.CharField(label=_("名称"), max_length=64, required=False)


class CentreForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=128)
    kind = forms.ChoiceField(label=_("类别"), choices=ServiceCentre.Kind.choices)
    address = forms.CharField(label=_("地址"), max_length=255, required=False)
    hotline = forms.CharField(label=_("服务热线"), max_length=32, required=False)


class ImportForm(forms.Form):
    anchor = forms.ChoiceField(label=_("导入到（上级工会）"), choices=[])
    file = forms.FileField(
        label=_("文件"),
        help_text=_(".xlsx 或 .csv；列：编码、名称、类型、级别、上级编码、行政区划代码。"),
    )
    dry_run = forms.BooleanField(label=_("只校验，不写入"), required=False)

    def __init__(self, *args: object, anchors: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["anchor"].choices = anchors  # type: ignore[attr-defined]
