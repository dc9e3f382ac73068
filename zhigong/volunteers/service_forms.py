"""The forms of the project, hours and offer pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core.forms import DecisionForm
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import Availability, ServiceArea
from zhigong.volunteers.forms import CommendForm
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import ProjectStatus
from zhigong.volunteers.services.offers import OfferInput
from zhigong.volunteers.services.projects import ProjectInput

DATE = forms.DateInput(attrs={"type": "date"})


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=100)
    content = forms.CharField(
        label=_("服务内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    service_area = forms.ChoiceField(label=_("服务方向"), choices=ServiceArea.choices)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    volunteers_needed = forms.IntegerField(label=_("需要志愿者人数"), min_value=1)
    budget = forms.DecimalField(
        label=_("预算（元）"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )

    def as_input(self) -> ProjectInput:
        return ProjectInput(**self.cleaned_data)


class StaffProjectForm(ScopedForm, ProjectForm):
    union = UnionPickField(
        perm=Perm.VOLUNTEER_PROJECT_PROPOSE,
        label=_("提出单位"),
        help_text=_("选市总工会即发布给各工会承接；选其他工会即申报，由市总工会审批。"),
    )

    def as_input(self) -> ProjectInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "union"}
        return ProjectInput(**data)


class ProjectDecisionForm(DecisionForm):
    ACCEPT = "approve"
    DECLINE = "return"
    label = _("审批")
    accept_label = _("批准立项")
    decline_label = _("退回")
    reason_help = _("退回时必填，写明需要修改什么。")


class TakeOnForm(ScopedForm):
    union = UnionPickField(perm=Perm.VOLUNTEER_PROJECT_MANAGE, label=_("承接工会"))


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        choices=[
            (s, s.label)
            for s in (
                ProjectStatus.OPEN,
                ProjectStatus.UNDER_WAY,
                ProjectStatus.COMPLETED,
                ProjectStatus.CANCELLED,
            )
        ],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("取消理由"), max_length=500, required=False)
    summary = forms.CharField(
        label=_("项目总结"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffSignupForm(forms.Form):
    volunteer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("志愿者"), queryset=Volunteer.objects.none()
    )

    def __init__(self, *args: Any, volunteers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]


class HoursForm(forms.Form):
    served_on = forms.DateField(label=_("服务日期"), widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(
        label=_("时长（小时）"),
        min_value=0,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    what = forms.CharField(
        label=_("做了什么"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class HoursDecisionForm(DecisionForm):
    ACCEPT = "confirm"
    DECLINE = "reject"
    label = _("确认服务时长")
    accept_label = _("确认")
    decline_label = _("不予确认")
    reason_help = _("不予确认时必填。")


class ProjectCommendForm(CommendForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = _("优秀志愿服务项目")
        self.fields["published"].label = _("在门户公布（只公布项目名称、组织工会、荣誉和事迹）")


class OfferForm(forms.Form):
    specialty = forms.CharField(label=_("特长"), max_length=100)
    service_area = forms.ChoiceField(label=_("服务方向"), choices=ServiceArea.choices)
    area_served = forms.CharField(
        label=_("服务区域"),
        max_length=100,
        help_text=_("只填写区、街道或社区，不要填写门牌号。"),
    )
    availability = forms.MultipleChoiceField(
        label=_("可服务时间"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("服务说明"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不要填写电话、身份证号：求助由服务中心对接。"),
    )

    def as_input(self) -> OfferInput:
        return OfferInput(**self.cleaned_data)


class OfferDecisionForm(DecisionForm):
    ACCEPT = "approve"
    DECLINE = "return"
    label = _("意见")
    accept_label = _("同意")
    decline_label = _("退回")
    reason_help = _("退回时必填。")


class HelpForm(forms.Form):
    text = forms.CharField(
        label=_("需要什么帮助"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConnectForm(forms.Form):
    connect = forms.TypedChoiceField(
        label=_("对接结果"),
        choices=[("1", _("已对接")), ("0", _("未能对接"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("对接情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500, required=False)
