"""The forms of the hardship pages: a file with its household, help given, closing, the
reveal, a pair's agreement, a visit, and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core.forms import DecisionForm
from zhigong.hardship.choices import (
    Cause,
    CloseReason,
    FileStatus,
    Frequency,
    HelpKind,
    Relation,
    Satisfaction,
    WorkStatus,
)
from zhigong.hardship.sensitive import Household, HouseholdMember
from zhigong.hardship.services.files import FileInput
from zhigong.hardship.services.pairing import Agreement
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "——"), *choices]


class FileForm(ScopedForm):
    """A new file: the keeping union, the worker (a member by ID number, or anyone typed in
    full), the cause, needs, income, address and review date."""

    union = UnionPickField(perm=Perm.HARDSHIP_MANAGE, label=_("建档工会"))
    name = forms.CharField(label=_("姓名"), max_length=64)
    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("家庭住址"), max_length=200, required=False)
    cause = forms.ChoiceField(label=_("致困原因"), choices=_blank(Cause.choices))
    cause_note = forms.CharField(label=_("致困情况说明"), max_length=500, required=False)
    needs = forms.CharField(
        label=_("帮扶需求"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("会向本区域志愿者展示，请勿填写病情、收入等敏感信息。"),
    )
    monthly_income = forms.DecimalField(
        label=_("家庭月收入（元）"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    review_on = forms.DateField(label=_("复核日期"), required=False, widget=DATE)
    documents = forms.FileField(
        label=_("证明材料"),
        required=False,
        help_text=_("PDF、JPG 或 PNG，每个不超过 10 MB。"),
    )

    def as_input(self, household: list[HouseholdMember], member: Any = None) -> FileInput:
        d = self.cleaned_data
        return FileInput(
            cause=d["cause"],
            needs=d["needs"],
            cause_note=d["cause_note"],
            member=member,
            name=d.get("name", ""),
            id_number=d.get("id_number", ""),
            phone=d.get("phone", ""),
            address=d["address"],
            monthly_income=d["monthly_income"],
            household=household,
            review_on=d["review_on"],
        )


class EditForm(FileForm):
    """Editing: the union and the person stay as they are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("union", "name", "id_number", "phone"):
            del self.fields[name]


def edit_initial(file: Any, household: Household) -> dict[str, Any]:
    return {
        "cause": file.cause,
        "cause_note": file.cause_note,
        "needs": file.needs,
        "address": household.address,
        "monthly_income": household.monthly_income,
        "review_on": file.review_on,
    }


class HouseholdMemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64, required=False)
    relation = forms.ChoiceField(label=_("关系"), choices=Relation.choices, required=False)
    birth_year = forms.IntegerField(
        label=_("出生年份"), min_value=1900, max_value=2100, required=False
    )
    health = forms.CharField(label=_("健康状况"), max_length=100, required=False)
    income = forms.DecimalField(
        label=_("月收入（元）"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    work_status = forms.ChoiceField(
        label=_("就业状况"), choices=_blank(WorkStatus.choices), required=False
    )


HouseholdFormSet = forms.formset_factory(HouseholdMemberForm, extra=3, max_num=12)


def household_from(formset: Any) -> list[HouseholdMember]:
    return [
        HouseholdMember(
            name=row["name"].strip(),
            relation=row["relation"] or Relation.OTHER,
            birth_year=row["birth_year"],
            health=row["health"].strip(),
            income=row["income"],
            work_status=row["work_status"],
        )
        for row in formset.cleaned_data
        if row and row.get("name", "").strip()
    ]


def household_initial(household: Household) -> list[dict[str, Any]]:
    return [vars(m) for m in household.members]


class HelpForm(ScopedForm):
    kind = forms.ChoiceField(label=_("帮扶方式"), choices=_blank(HelpKind.choices))
    given_on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)
    what = forms.CharField(label=_("内容"), max_length=200)
    amount = forms.DecimalField(
        label=_("金额（元）"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    quantity = forms.CharField(label=_("数量"), max_length=64, required=False)
    union = UnionPickField(perm=Perm.HARDSHIP_VIEW, label=_("帮扶单位"))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("结档原因"), choices=_blank(CloseReason.choices))
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看理由"), max_length=200)


class FilterForm(ScopedForm):
    q = forms.CharField(label=_("姓名"), max_length=64, required=False)
    cause = forms.ChoiceField(label=_("致困原因"), choices=_blank(Cause.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=_blank(FileStatus.choices), required=False)
    union = UnionPickField(perm=Perm.HARDSHIP_VIEW, label=_("工会"), required=False)
    unpaired = forms.BooleanField(label=_("无结对志愿者"), required=False)


class AgreementForm(forms.Form):
    service = forms.CharField(
        label=_("服务内容"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    frequency = forms.ChoiceField(label=_("服务频次"), choices=_blank(Frequency.choices))
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE, initial=timezone.localdate)

    def agreement(self) -> Agreement:
        d = self.cleaned_data
        return Agreement(d["service"], d["frequency"], d["starts_on"])


class _VolunteerChoice(forms.Form):
    """A choice among the approved volunteers the view passes in (``volunteers=``)."""

    volunteer = forms.ChoiceField(label=_("志愿者"))

    def __init__(self, *args: Any, volunteers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.volunteers = {str(v.pk): v for v in volunteers}
        self.fields["volunteer"].choices = _blank(  # type: ignore[attr-defined]
            (pk, f"{v.name}（{v.union.name}）") for pk, v in self.volunteers.items()
        )

    def chosen(self) -> Any:
        return self.volunteers[self.cleaned_data["volunteer"]]


class PairForm(_VolunteerChoice, AgreementForm):
    """Staff pair a volunteer: one of the approved volunteers of the file's area."""

    field_order = ["volunteer", "service", "frequency", "starts_on"]


class HandoverForm(_VolunteerChoice):
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].label = _("移交给志愿者")


class EndForm(forms.Form):
    note = forms.CharField(label=_("结束理由"), max_length=500)


class PairDecisionForm(DecisionForm):
    accept_label = _("确认结对")
    decline_label = _("不确认")
    reason_help = _("不确认时必填。")


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("走访日期"), widget=DATE, initial=timezone.localdate)
    minutes = forms.IntegerField(label=_("时长（分钟）"), min_value=1, max_value=1440)
    what = forms.CharField(
        label=_("服务内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    satisfaction = forms.ChoiceField(
        label=_("职工满意度"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
