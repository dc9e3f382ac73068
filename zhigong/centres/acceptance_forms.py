"""The forms of the acceptance pages: the list's filter, the round, the self-inspection and
the inspection of one item, the report, the application form and the city's decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.centres.models import AcceptanceGrade, AcceptanceRound, AcceptanceStatus
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm


def _blank(choices: object) -> list[tuple[str, object]]:
    return [("", "——"), *choices]  # type: ignore[misc]


class AcceptanceFilterForm(ScopedForm):
    round = forms.ModelChoiceField(
        label=_("年度"), queryset=AcceptanceRound.objects.all(), required=False
    )
    grade = forms.ChoiceField(
        label=_("等级"), choices=_blank(AcceptanceGrade.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=_blank(AcceptanceStatus.choices), required=False
    )
    union = UnionPickField(label=_("工会（含下级）"), perm=Perm.CENTRE_VIEW, required=False)
    q = forms.CharField(label=_("名称"), max_length=64, required=False)


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    standard_year = forms.IntegerField(
        label=_("建设标准版本（年度）"), min_value=2000, max_value=2100
    )
    self_inspection_due = forms.DateField(label=_("自查截止日"))
    application_due = forms.DateField(label=_("申报截止日"))
    inspection_due = forms.DateField(label=_("验收截止日"))
    publication_days = forms.IntegerField(
        label=_("公示期（工作日）"), min_value=1, max_value=60, initial=5
    )


class SelfItemForm(forms.Form):
    met = forms.TypedChoiceField(
        label=_("是否达标"),
        choices=[("1", _("达标")), ("0", _("未达标"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("说明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(label=_("佐证材料（PDF、JPG、PNG）"), required=False)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("自查报告"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    document = forms.FileField(label=_("自查报告文件（可选）"), required=False)


class InspectItemForm(forms.Form):
    met = forms.TypedChoiceField(
        label=_("是否达标"),
        choices=[("1", _("达标")), ("0", _("未达标"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    points = forms.DecimalField(
        label=_("得分"), max_digits=6, decimal_places=2, min_value=0, required=False
    )
    seen = forms.CharField(label=_("看（实地察看）"), max_length=2000, required=False)
    ledgers = forms.CharField(label=_("查（台账记录）"), max_length=2000, required=False)
    forum = forms.CharField(label=_("谈（座谈了解）"), max_length=2000, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500, required=False)


class LowerForm(forms.Form):
    to = forms.ChoiceField(label=_("降为"), choices=AcceptanceGrade.choices)
    reason = forms.CharField(label=_("经核实的投诉及降级原因"), max_length=500)


class AwardForm(forms.Form):
    amount = forms.DecimalField(
        label=_("奖补资金（元）"), max_digits=12, decimal_places=2, min_value=0
    )
    note = forms.CharField(label=_("奖励内容"), max_length=255, required=False)


class ApplicationForm(ScopedForm):
    union = UnionPickField(label=_("申报单位"), perm=Perm.CENTRE_MANAGE)
    round = forms.ModelChoiceField(label=_("年度"), queryset=AcceptanceRound.objects.all())
    note = forms.CharField(
        label=_("说明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
