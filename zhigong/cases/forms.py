"""The cases app's forms: the requester's (submit, add information, rate, reopen) and the
workbench's (queue filters, each step on a case, a hotline call)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.cases.choices import CaseKind, CaseStatus, Category, Channel, Complexity
from zhigong.cases.files import MAX_BYTES
from zhigong.cases.models import GovernmentDepartment
from zhigong.core.forms import MultipleFileField
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel
from zhigong.unions.roles import Perm


def _files_help() -> str:
    return str(_("PDF、JPG 或 PNG，每个不超过 %(mb)d MB。")) % {"mb": MAX_BYTES // 1024 // 1024}


def districts() -> Any:
    """The county and district federations a worker who is not a member chooses from."""
    return Union.objects.filter(
        kind=UnionKind.FEDERATION, level=UnionLevel.COUNTY, is_active=True
    ).order_by("code")


class DistrictChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


# --- the requester ---------------------------------------------------------------------------


class CaseSubmitForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("您需要"),
        choices=CaseKind.choices,
        widget=forms.RadioSelect,
        initial=CaseKind.RIGHTS,
        help_text=_("维权诉求：权益受到侵害，请工会帮助；法律咨询：5 个工作日内答复。"),
    )
    category = forms.ChoiceField(label=_("问题类别"), choices=Category.choices)
    description = forms.CharField(
        label=_("具体情况"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("发生了什么、什么时间、涉及多少钱，希望工会怎样帮助。"),
    )
    employer = forms.CharField(
        label=_("涉及单位"), max_length=200, required=False, help_text=_("用人单位的名称。")
    )
    attachments = MultipleFileField(label=_("附件"), help_text=_files_help())

    def __init__(self, *args: Any, member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_help()
        if not member:  # a worker who is not a member says who they are and where
            self.fields["name"] = forms.CharField(label=_("姓名"), max_length=64)
            self.fields["phone"] = forms.CharField(
                label=_("手机号"),
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                help_text=_("工会联系您时使用，页面上只显示部分号码。"),
            )
            self.fields["district"] = DistrictChoiceField(
                label=_("工作所在区（县）"),
                queryset=districts(),
                empty_label=_("请选择"),
                help_text=_("诉求将转到该区（县）总工会的职工服务中心。"),
            )


class InfoForm(forms.Form):
    text = forms.CharField(
        label=_("补充说明"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(label=_("附件"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_help()


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("满意度"),
        coerce=int,
        choices=[(5, "★★★★★"), (4, "★★★★☆"), (3, "★★★☆☆"), (2, "★★☆☆☆"), (1, "★☆☆☆☆")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("评价"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("不满意的原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- the workbench ---------------------------------------------------------------------------


def _with_all(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("全部")), *choices]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("编号"), max_length=32, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=_with_all(CaseKind.choices), required=False)
    category = forms.ChoiceField(
        label=_("类别"), choices=_with_all(Category.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=_with_all(CaseStatus.choices), required=False
    )
    channel = forms.ChoiceField(label=_("渠道"), choices=_with_all(Channel.choices), required=False)


class AcceptForm(forms.Form):
    complexity = forms.ChoiceField(
        label=_("复杂程度"),
        choices=Complexity.choices,
        initial=Complexity.NORMAL,
        help_text=_("维权诉求的答复时限按复杂程度：一般、较复杂、复杂；法律咨询均为 5 个工作日。"),
    )
    note = forms.CharField(label=_("备注"), max_length=500, required=False)


class AssignForm(forms.Form):
    handler: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("经办人"), queryset=None, empty_label=_("请选择")
    )
    note = forms.CharField(label=_("交办意见"), max_length=500, required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{u.full_name or u.username}（{u.username}）"  # type: ignore[attr-defined]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("答复内容"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("求助人会在“我的诉求”中看到，并收到通知。"),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("办结说明"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CentreChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.union.name}）"


class TransferForm(ScopedForm):
    centre = CentreChoiceField(
        label=_("转交给服务中心"),
        queryset=ServiceCentre.objects.none(),
        required=False,
        empty_label=_("请选择"),
    )
    to_union = UnionPickField(
        perm=Perm.CASE_MANAGE,
        label=_("或转交下级工会"),
        required=False,
        help_text=_("如交由企业工会协调：输入名称中的几个字或编码。"),
    )
    reason = forms.CharField(label=_("转交理由"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = (  # type: ignore[attr-defined]
            ServiceCentre.objects.filter(is_active=True, union__is_active=True)
            .select_related("union")
            .order_by("union__path", "id")
        )


class ReferForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("政府部门"),
        queryset=GovernmentDepartment.objects.filter(is_active=True),
        empty_label=_("请选择"),
    )
    due_on = forms.DateField(
        label=_("部门答复期限"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("转请事项"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChaseForm(forms.Form):
    referral = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("催办情况"), max_length=500)


class AnswerForm(forms.Form):
    referral = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("部门答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    answered_on = forms.DateField(
        label=_("答复日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看理由"), max_length=500, help_text=_("将记入查看记录。"))


class CallForm(forms.Form):
    """A hotline call (or a visit, a letter) recorded on the worker's behalf."""

    channel = forms.ChoiceField(
        label=_("渠道"),
        choices=[
            (Channel.HOTLINE, Channel.HOTLINE.label),
            (Channel.WALK_IN, Channel.WALK_IN.label),
            (Channel.LETTER, Channel.LETTER.label),
        ],
        initial=Channel.HOTLINE,
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("来电号码"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=_("会员的号码会自动找到其会员资料和所在区（县）。"),
    )
    name = forms.CharField(
        label=_("姓名"), max_length=64, required=False, help_text=_("非会员或查不到时必填。")
    )
    district = DistrictChoiceField(
        label=_("工作所在区（县）"),
        queryset=Union.objects.none(),
        required=False,
        empty_label=_("请选择"),
        help_text=_("非会员或查不到时必填。"),
    )
    call_started_at = forms.DateTimeField(
        label=_("来电时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    call_minutes = forms.IntegerField(
        label=_("通话时长：分"), min_value=0, max_value=1440, required=False
    )
    call_seconds = forms.IntegerField(label=_("秒"), min_value=0, max_value=59, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=CaseKind.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("问题类别"), choices=Category.choices)
    employer = forms.CharField(label=_("涉及单位"), max_length=200, required=False)
    description = forms.CharField(
        label=_("来电内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(label=_("附件"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts()  # type: ignore[attr-defined]
        self.fields["attachments"].help_text = _files_help()
        if not self.is_bound:
            self.initial.setdefault(
                "call_started_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def duration(self) -> int:
        data = self.cleaned_data
        return int(data.get("call_minutes") or 0) * 60 + int(data.get("call_seconds") or 0)


class FiguresForm(ScopedForm):
    """Whose case figures: a union of the user's case.view scope."""

    union = UnionPickField(
        perm=Perm.CASE_VIEW,
        inactive=True,
        label=_("统计范围"),
        required=False,
        help_text=_("输入工会名称中的几个字或编码。"),
    )


class RoutingRuleForm(forms.Form):
    """A federation's routing rule for one kind ("" for every kind): the receiving centre, or
    none to fall back to the federation's own first centre."""

    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("所有类型")), *CaseKind.choices], required=False
    )
    centre = CentreChoiceField(
        label=_("受理的服务中心"),
        queryset=ServiceCentre.objects.none(),
        required=False,
        empty_label=_("不设规则（由本总工会自己的服务中心受理）"),
    )

    def __init__(self, *args: Any, centres: list[ServiceCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = ServiceCentre.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in centres]
        ).select_related("union")
