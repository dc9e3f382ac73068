"""The forms of the volunteer pages: 附件2's registration, the opinions, quotas, the roster."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core.forms import DecisionForm
from zhigong.members.choices import Education, Gender, PoliticalStatus
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import Availability, Health, Identity, ServiceArea, VolunteerStatus
from zhigong.volunteers.services.registration import VolunteerInput


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "——"), *choices]


class VolunteerForm(forms.Form):
    """附件2 as a member fills it in on the portal: name, gender and ID number are their
    member record's; the phone defaults to it."""

    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        help_text=_("不填则使用会员资料中的手机号。"),
    )
    political_status = forms.ChoiceField(
        label=_("政治面貌"), choices=_blank(PoliticalStatus.choices), required=False
    )
    work_started_on = forms.DateField(
        label=_("参加工作时间"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    education = forms.ChoiceField(
        label=_("学历"), choices=_blank(Education.choices), required=False
    )
    health = forms.ChoiceField(label=_("健康状况"), choices=_blank(Health.choices))
    employer = forms.CharField(label=_("工作单位"), max_length=128)
    identity = forms.ChoiceField(label=_("身份"), choices=_blank(Identity.choices))
    specialty = forms.CharField(label=_("特长"), max_length=200, required=False)
    work_history = forms.CharField(
        label=_("工作简历"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    availability = forms.MultipleChoiceField(
        label=_("可服务时间"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_areas = forms.MultipleChoiceField(
        label=_("服务方向"), choices=ServiceArea.choices, widget=forms.CheckboxSelectMultiple
    )
    photo = forms.FileField(
        label=_("照片"), required=False, help_text=_("JPG 或 PNG，不超过 5 MB。")
    )
    statement = forms.CharField(
        label=_("本人申请"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明自愿加入工会服务帮扶志愿者队伍的意愿；提交即视为本人签字。"),
    )

    def as_input(self) -> VolunteerInput:
        data = dict(self.cleaned_data)
        data.pop("photo", None)
        data.pop("union", None)
        return VolunteerInput(**data)


FORM_FIELDS = (
    "political_status",
    "education",
    "employer",
    "work_started_on",
    "health",
    "identity",
    "specialty",
    "work_history",
    "statement",
    "availability",
    "service_areas",
)


def form_initial(volunteer: Any) -> dict[str, Any]:
    """A registration's answers, to correct it."""
    return {name: getattr(volunteer, name) for name in FORM_FIELDS}


class StaffVolunteerForm(ScopedForm, VolunteerForm):
    """附件2 entered by a street, community or enterprise union for someone who is not a
    member (from the paper form they signed)."""

    union = UnionPickField(perm=Perm.VOLUNTEER_REGISTER, label=_("登记工会"))
    name = forms.CharField(label=_("姓名"), max_length=64)
    gender = forms.ChoiceField(label=_("性别"), choices=_blank(Gender.choices), required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    field_order = ["union", "name", "gender", "id_number", "phone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].help_text = ""
        self.fields["statement"].help_text = _("照抄本人在纸质登记表上写的申请，本人已签字。")


class OpinionForm(DecisionForm):
    ACCEPT = "approve"
    DECLINE = "return"
    label = _("意见")
    accept_label = _("同意")
    decline_label = _("退回")
    reason_help = _("退回时必填，写明需要修改或补充什么。")

    over_quota_reason = forms.CharField(
        label=_("超出名额的理由"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("仅在名额已用完、由市总工会同意超出名额时填写。"),
    )


class ReasonOnlyForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500, required=False)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看理由"), max_length=200)


class FilterForm(ScopedForm):
    q = forms.CharField(label=_("姓名"), max_length=64, required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=_blank(VolunteerStatus.choices), required=False
    )
    identity = forms.ChoiceField(label=_("身份"), choices=_blank(Identity.choices), required=False)
    union = UnionPickField(perm=Perm.VOLUNTEER_VIEW, label=_("工会"), required=False)


def this_year() -> int:
    return timezone.localdate().year


class QuotaImportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=this_year)
    file = forms.FileField(
        label=_("名额分配表"),
        help_text=_(".xlsx 或 .csv，列：序号、区市县、产业工会、人数、备注。"),
    )


class QuotaSetForm(ScopedForm):
    union = UnionPickField(perm=Perm.VOLUNTEER_QUOTA, label=_("区市县、产业工会"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=this_year)
    count = forms.IntegerField(label=_("人数"), min_value=0, max_value=1_000_000)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class RosterForm(ScopedForm):
    union = UnionPickField(perm=Perm.VOLUNTEER_VIEW, label=_("区市县、产业工会（填报单位）"))
    responsible = forms.CharField(label=_("负责人"), max_length=40, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    reveal = forms.BooleanField(label=_("导出完整身份证号码"), required=False)
    reason = forms.CharField(
        label=_("理由"),
        max_length=200,
        required=False,
        help_text=_("导出完整信息时必填，记入查看记录。"),
    )


class CommendForm(ScopedForm):
    union = UnionPickField(perm=Perm.VOLUNTEER_APPROVE, label=_("表彰单位"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=this_year)
    title = forms.CharField(label=_("荣誉"), max_length=64, initial=_("优秀工会服务帮扶志愿者"))
    citation = forms.CharField(
        label=_("事迹"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    published = forms.BooleanField(
        label=_("在门户公布（只公布姓名、工会、荣誉和事迹）"), required=False
    )
