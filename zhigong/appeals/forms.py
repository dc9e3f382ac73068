"""The forms of the appeal pages: raising, verifying, publishing, closing, pledging."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.appeals.choices import PledgeKind, VerifyMethod
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.services.decisions import DEFAULT_DAYS, PublishInput
from zhigong.appeals.services.pledges import PledgeInput
from zhigong.appeals.services.raising import AppealInput
from zhigong.core.forms import DecisionForm, MultipleFileField
from zhigong.hardship.choices import FileStatus
from zhigong.hardship.selectors import file_scope
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm

_AREA = {"rows": 5}


class AppealForm(ScopedForm):
    union = UnionPickField(label=_("提出求助的工会"), perm=Perm.APPEAL_RAISE)
    name = forms.CharField(label=_("职工姓名"), max_length=64)
    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        required=False,
        help_text=_("本工会会员可不填（使用会员资料中的手机号）。"),
    )
    address = forms.CharField(
        label=_("详细住址"), max_length=200, help_text=_("仅工作人员可见，不会公开。")
    )
    locality = forms.CharField(
        label=_("所在区、街道"),
        max_length=40,
        help_text=_("门户上公开显示，只写到街道，如“江岸区大智街道”。"),
    )
    title = forms.CharField(label=_("标题"), max_length=80)
    story = forms.CharField(
        label=_("困难情况"), max_length=4000, widget=forms.Textarea(attrs=_AREA)
    )
    needs = forms.CharField(
        label=_("需要的帮助"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount_sought = forms.DecimalField(
        label=_("求助金额（元）"), max_digits=10, decimal_places=2, required=False
    )
    hardship_file = forms.TypedChoiceField(
        label=_("困难职工档案"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("该职工已建困难职工档案的，请选择（须为本工会的档案）。"),
    )
    pictures = MultipleFileField(
        label=_("图片"), accept=".jpg,.jpeg,.png", help_text=_("JPG 或 PNG，最多 9 张。")
    )

    def __init__(self, *args: Any, editing: bool = False, union: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The open files the user may see (of the appeal's union when editing); the service
        # checks that the one chosen is of the appeal's union.
        files = file_scope(self.user).filter(status=FileStatus.OPEN)
        if union is not None:
            files = files.filter(union=union)
        self.fields["hardship_file"].choices = [  # type: ignore[attr-defined]
            ("", _("（无）")),
            *(
                (pk, f"{name}（{union_name}）")
                for pk, name, union_name in files.order_by("union__path", "name").values_list(
                    "pk", "name", "union__name"
                )[:300]
            ),
        ]
        if editing:
            del self.fields["union"]
            # the numbers are typed again on a correction: they are never shown back
            self.fields["id_number"].help_text = _("修改时请重新填写。")
            self.fields["address"].help_text = _("修改时请重新填写。仅工作人员可见。")

    def as_input(self) -> AppealInput:
        data = self.cleaned_data
        return AppealInput(
            title=data["title"],
            story=data["story"],
            needs=data["needs"],
            locality=data["locality"],
            address=data["address"],
            amount_sought=data.get("amount_sought"),
            name=data["name"],
            id_number=data["id_number"],
            phone=data.get("phone") or "",
            hardship_file_id=data.get("hardship_file"),
        )


def appeal_initial(appeal: HardshipAppeal) -> dict[str, Any]:
    return {
        "name": appeal.worker_name,
        "locality": appeal.locality,
        "title": appeal.title,
        "story": appeal.story,
        "needs": appeal.needs,
        "amount_sought": appeal.amount_sought,
        "hardship_file": appeal.hardship_file_id,
    }


class VerifyForm(DecisionForm):
    ACCEPT, DECLINE = "verify", "return"
    label = _("核实结论")
    accept_label = _("情况属实")
    decline_label = _("退回")
    reason_help = _("退回时必填。")
    methods = forms.MultipleChoiceField(
        label=_("核实方式"),
        choices=VerifyMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("核实情况"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("情况属实时必填：何时、何人、怎样核实，结果如何。"),
    )


class PublishForm(forms.Form):
    public_title = forms.CharField(label=_("公开标题"), max_length=80)
    public_story = forms.CharField(
        label=_("公开内容"),
        max_length=4000,
        widget=forms.Textarea(attrs=_AREA),
        help_text=_("不得包含身份证号、手机号、详细住址和职工全名。"),
    )
    starts = forms.DateField(
        label=_("发布开始"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends = forms.DateField(
        label=_("发布结束"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("不填则发布 30 天。"),
    )
    pictures = forms.MultipleChoiceField(
        label=_("在门户公开的图片"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, appeal: HardshipAppeal, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "public_title": appeal.title,
                "public_story": appeal.story,
                "starts": today,
                "ends": today + dt.timedelta(days=DEFAULT_DAYS),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["pictures"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), p.name) for p in appeal.pictures.all()
        ]

    def as_input(self) -> PublishInput:
        data = self.cleaned_data
        return PublishInput(
            public_title=data["public_title"],
            public_story=data["public_story"],
            starts=data.get("starts"),
            ends=data.get("ends"),
            picture_ids=tuple(int(p) for p in data.get("pictures") or ()),
        )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("帮扶结果"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("在门户作为求助故事公开：得到了哪些帮助。"),
    )
    amount_raised = forms.DecimalField(
        label=_("筹得金额（元）"), max_digits=12, decimal_places=2, required=False
    )


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(label=_("帮助方式"), choices=PledgeKind.choices)
    amount = forms.DecimalField(
        label=_("金额（元）"), max_digits=10, decimal_places=2, required=False
    )
    description = forms.CharField(
        label=_("说明"), max_length=200, required=False, help_text=_("物资或服务请写明内容。")
    )
    anonymous = forms.BooleanField(label=_("在门户匿名"), required=False)

    def as_input(self) -> PledgeInput:
        data = self.cleaned_data
        return PledgeInput(
            kind=data["kind"],
            amount=data.get("amount"),
            description=data.get("description") or "",
            anonymous=bool(data.get("anonymous")),
            donor_name=data.get("donor_name") or "",
            is_organisation=bool(data.get("is_organisation")),
            contact=data.get("contact") or "",
        )


class OfflinePledgeForm(PledgeForm):
    donor_name = forms.CharField(label=_("认捐人（单位）"), max_length=80)
    is_organisation = forms.BooleanField(label=_("单位认捐"), required=False)
    contact = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, help_text=_("仅工作人员可见。")
    )
