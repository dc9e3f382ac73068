"""The matchmaking forms: the member's registration (with the rules to sign) and the
workbench's steps. Bit-mask fields (accepted marital statuses, districts, hobbies) are
multiple choices that add up to one number."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.matchmaking.choices import (
    District,
    DocumentKind,
    Education,
    EndReason,
    FollowUpWish,
    Hobby,
    Housing,
    IncomeBand,
    MaritalStatus,
    bits_of,
)

ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png"
ANY = [(0, _("不限"))]


class MaskField(forms.TypedMultipleChoiceField):
    """Several choices stored as the sum of their bits."""

    def __init__(self, bits: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        self.bits = bits
        super().__init__(
            choices=bits.choices, coerce=int, widget=forms.CheckboxSelectMultiple, **kwargs
        )

    def clean(self, value: Any) -> int:
        total = 0
        for bit in super().clean(value):
            total |= int(bit)
        return total

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [str(v) for v in bits_of(value, self.bits)]
        return value


def _mask(bits: Any, label: Any, **kwargs: Any) -> MaskField:
    return MaskField(bits, label=label, **kwargs)


def _file(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )


class RegisterForm(forms.Form):
    # 基本情况
    marital_status = forms.TypedChoiceField(
        label=_("婚姻状况"), choices=MaritalStatus.choices, coerce=int
    )
    height_cm = forms.IntegerField(label=_("身高（厘米）"), min_value=120, max_value=230)
    education = forms.TypedChoiceField(label=_("学历"), choices=Education.choices, coerce=int)
    occupation = forms.CharField(label=_("职业"), max_length=64)
    income_band = forms.TypedChoiceField(label=_("月收入"), choices=IncomeBand.choices, coerce=int)
    home_town = forms.CharField(label=_("籍贯"), max_length=64, required=False)
    district = forms.TypedChoiceField(label=_("居住区"), choices=District.choices, coerce=int)
    housing = forms.TypedChoiceField(label=_("住房"), choices=Housing.choices, coerce=int)
    hobbies = _mask(Hobby, _("爱好"))
    self_intro = forms.CharField(
        label=_("自我介绍"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # 婚恋要求
    age_min = forms.IntegerField(label=_("对方年龄下限"), min_value=18, max_value=80, initial=22)
    age_max = forms.IntegerField(label=_("对方年龄上限"), min_value=18, max_value=80, initial=40)
    height_min = forms.IntegerField(
        label=_("对方身高下限（厘米，0 为不限）"), min_value=0, max_value=230, initial=0
    )
    height_max = forms.IntegerField(
        label=_("对方身高上限（厘米，0 为不限）"), min_value=0, max_value=230, initial=0
    )
    education_min = forms.TypedChoiceField(
        label=_("对方最低学历"),
        choices=ANY + Education.choices,
        coerce=int,
        initial=0,
        required=False,
        empty_value=0,  # type: ignore[arg-type]
    )
    marital_mask = _mask(
        MaritalStatus, _("可接受对方的婚姻状况"), initial=[m.value for m in MaritalStatus]
    )
    districts_mask = _mask(
        District, _("可接受对方的居住区（不选为不限）"), help_text=_("不选即不限。")
    )
    wish_education = forms.TypedChoiceField(
        label=_("希望对方学历不低于（不作为必要条件）"),
        choices=ANY + Education.choices,
        coerce=int,
        initial=0,
        required=False,
        empty_value=0,  # type: ignore[arg-type]
    )
    wish_income = forms.TypedChoiceField(
        label=_("希望对方月收入不低于（不作为必要条件）"),
        choices=ANY + IncomeBand.choices,
        coerce=int,
        initial=0,
        required=False,
        empty_value=0,  # type: ignore[arg-type]
    )
    wish_housing = forms.BooleanField(
        label=_("希望对方有自有住房（不作为必要条件）"), required=False
    )
    wish_hobbies = _mask(Hobby, _("希望有共同爱好（不作为必要条件）"))
    # 证明材料与照片
    divorce_certificate = _file(DocumentKind.DIVORCE_CERTIFICATE.label)
    household_register = _file(DocumentKind.HOUSEHOLD_REGISTER.label)
    photo = _file(DocumentKind.PHOTO.label)
    public = forms.BooleanField(
        label=_("同意我的资料（不含姓氏、单位、证件号、电话和照片）对其他在库会员公开"),
        required=False,
    )
    sign_rules = forms.BooleanField(
        label=_("我已完整阅读《职工婚恋服务办法》，同意遵守，并确认所填资料真实"), required=True
    )
    rules_version = forms.CharField(widget=forms.HiddenInput)

    PROFILE_FIELDS = (
        "marital_status",
        "height_cm",
        "education",
        "occupation",
        "income_band",
        "home_town",
        "district",
        "housing",
        "hobbies",
        "self_intro",
    )
    REQUIREMENT_FIELDS = (
        "age_min",
        "age_max",
        "height_min",
        "height_max",
        "education_min",
        "marital_mask",
        "districts_mask",
        "wish_education",
        "wish_income",
        "wish_housing",
        "wish_hobbies",
    )
    DOCUMENT_FIELDS = ("divorce_certificate", "household_register", "photo")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核意见"),
        choices=[("approve", _("同意推荐")), ("return", _("退回"))],
        widget=forms.RadioSelect,
    )
    stamp = forms.CharField(label=_("审核人姓名（代盖章）"), max_length=64, required=False)
    reason = forms.CharField(label=_("退回原因"), max_length=500, required=False)


class IdentityForm(forms.Form):
    card_number = forms.CharField(label=_("会员卡号"), max_length=20, required=False)
    id_number = forms.CharField(label=_("或身份证号"), max_length=18, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500)


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("终止原因"),
        choices=[
            (EndReason.QUIT.value, EndReason.QUIT.label),
            (EndReason.FOUND_PARTNER.value, EndReason.FOUND_PARTNER.label),
            (EndReason.BREACH.value, EndReason.BREACH.label),
        ],
    )
    note = forms.CharField(label=_("说明"), max_length=500, required=False)
    signature = _file(_("签字确认的退出申请（本人退出时必传）"))


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("投诉内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintDecideForm(forms.Form):
    complaint = forms.IntegerField(widget=forms.HiddenInput)
    verified = forms.TypedChoiceField(
        label=_("核实结果"),
        choices=[("1", _("经核实，终止其服务")), ("0", _("不成立"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(label=_("核实情况"), max_length=1000)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("答复"),
        choices=[
            ("exchange", _("同意交换联系方式")),
            ("meet", _("同意见面")),
            ("decline", _("婉拒")),
        ],
        widget=forms.RadioSelect,
    )
    meeting_at = forms.DateTimeField(
        label=_("见面时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    meeting_place = forms.CharField(label=_("见面地点"), max_length=200, required=False)
    reason = forms.CharField(label=_("婉拒原因（可不填）"), max_length=500, required=False)


class FollowUpForm(forms.Form):
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("交往进展"), widget=forms.Textarea(attrs={"rows": 2}))
    wish = forms.ChoiceField(label=_("会员意愿"), choices=FollowUpWish.choices, required=False)
