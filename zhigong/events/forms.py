"""The events app's forms: an event (staff), a step on it, the door's card reading, the
counselling record, the export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.events import audiences
from zhigong.events.choices import EventKind
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.roles import Perm

_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in the browser's own picker (``datetime-local``), in local time."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL)
        )
        kwargs.setdefault("input_formats", [_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
        super().__init__(**kwargs)


class EventForm(ScopedForm):
    union = UnionPickField(perm=Perm.EVENT_MANAGE, label=_("主办工会"))
    kind = forms.ChoiceField(label=_("活动类型"), choices=EventKind.choices)
    title = forms.CharField(label=_("活动名称"), max_length=100)
    description = forms.CharField(
        label=_("活动介绍"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_at = LocalDateTimeField(label=_("开始时间"))
    ends_at = LocalDateTimeField(label=_("结束时间"), required=False)
    place = forms.CharField(label=_("地点"), max_length=200)
    signup_opens_at = LocalDateTimeField(
        label=_("报名开始"), required=False, help_text=_("不填则发布后即可报名。")
    )
    signup_closes_at = LocalDateTimeField(
        label=_("报名截止"), required=False, help_text=_("不填则报名到活动开始为止。")
    )
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=100000)
    male_cap = forms.IntegerField(
        label=_("男性名额上限"),
        required=False,
        min_value=0,
        help_text=_("需要男女比例均衡时填写，否则留空。"),
    )
    female_cap = forms.IntegerField(label=_("女性名额上限"), required=False, min_value=0)
    audience = forms.ChoiceField(label=_("报名范围"))

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = audiences.choices()  # type: ignore[attr-defined]
        if editing:  # the organising union stays
            del self.fields["union"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), required=False, max_length=500)


class CardForm(forms.Form):
    """The door: the QR code read by the camera (its token) or the card number typed."""

    number = forms.CharField(
        label=_("会员卡号"),
        required=False,
        max_length=500,  # a hand-held QR scanner types the card's token here
        help_text=_("输入 16 位卡号；扫码枪扫描会员卡二维码也可以。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    token = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    walk_in = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CounsellingForm(forms.Form):
    topic = forms.CharField(label=_("咨询主题"), max_length=200)
    counsellor = forms.CharField(
        label=_("咨询师"), max_length=100, help_text=_("本部门工作人员或邀请的婚恋、心理专家。")
    )
    notes = forms.CharField(
        label=_("咨询记录"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("敏感信息，仅本部门工作人员可见，不会向会员展示。"),
    )


class ExportForm(forms.Form):
    reveal = forms.BooleanField(label=_("导出完整姓名和手机号"), required=False)
    reason = forms.CharField(label=_("理由"), required=False, max_length=200)


class FiguresForm(ScopedForm):
    """Whose event figures: a union of the user's event.manage scope."""

    union = UnionPickField(
        perm=Perm.EVENT_MANAGE,
        inactive=True,
        label=_("统计范围"),
        required=False,
        help_text=_("输入工会名称中的几个字或编码。"),
    )
