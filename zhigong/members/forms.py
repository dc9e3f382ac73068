"""The members app's forms: the application and change forms of the portal, the staff
search, reveal, card and status forms, the decision forms of the queues, imports, rosters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.forms import FAST_WIDGETS, DecisionForm
from zhigong.core.masking import mask_phone
from zhigong.members import notices
from zhigong.members.choices import ETHNICITY_CHOICES, Education, MemberStatus, PoliticalStatus
from zhigong.members.services.registry import PersonInput
from zhigong.unions.forms import ScopedForm, UnionPickField
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import PickScope

BLANK: list[tuple[str, Any]] = [("", "—")]
MAX_UPLOAD = 300 * 1024 * 1024  # about 2.5 million rows of CSV
UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".csv")


class PersonForm(ScopedForm):
    """A person applying to join, and where: on the portal (any active grassroots union) or
    entered by an officer (``for_staff``: the unions where they hold ``member.manage``)."""

    name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    ethnicity = forms.ChoiceField(
        label=gettext_lazy("民族"), choices=BLANK + ETHNICITY_CHOICES, required=False
    )
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"), choices=BLANK + PoliticalStatus.choices, required=False
    )
    education = forms.ChoiceField(
        label=gettext_lazy("学历"), choices=BLANK + Education.choices, required=False
    )
    job = forms.CharField(label=gettext_lazy("岗位"), max_length=64, required=False)
    union = UnionPickField(
        perm=None,
        kind=UnionKind.GRASSROOTS,
        everyone=True,
        search_url="portal:members:apply_union_search",
        label=gettext_lazy("工作单位"),
        help_text=gettext_lazy(
            "输入单位名称中的几个字，从列表中选择所在单位的基层工会；列表中写明了它属于哪个区、哪个街道。"
        ),
    )

    def __init__(self, *args: Any, for_staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_staff:
            field = self.fields["union"]
            assert isinstance(field, UnionPickField)
            field.restrict(
                PickScope(Perm.MEMBER_MANAGE, UnionKind.GRASSROOTS),
                search_url="staff:unions:union_pick",
            )

    def person(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            ethnicity=data["ethnicity"],
            political_status=data["political_status"],
            education=data["education"],
            job=data["job"],
        )


class ApplyForm(PersonForm):
    """The worker's own application (``/me/apply/``): the person, the union, and their
    consent to the privacy notice the page shows (its version comes back with the form, so
    the consent names the text that was read). Name and phone start from the account; the
    phone is shown masked and, sent back unchanged, stands for the account's own."""

    consent = forms.BooleanField(
        label=gettext_lazy("我已阅读并同意《会员信息处理告知书》"),
        error_messages={
            "required": gettext_lazy("请阅读《会员信息处理告知书》并勾选同意，才能提交申请。")
        },
    )

    def __init__(self, *args: Any, known_phone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known_phone = known_phone

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        if self.known_phone and phone.strip() == mask_phone(self.known_phone):
            return self.known_phone
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("consent") and self.data.get("notice_version") != notices.CURRENT:
            self.add_error(
                "consent",
                _("告知书已更新为 %(version)s 版，请阅读后重新勾选同意。")
                % {"version": notices.CURRENT},
            )
        return cleaned

    @property
    def notice_version(self) -> str:
        return str(self.data.get("notice_version", ""))


class ChangeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)
    phone = forms.CharField(label=gettext_lazy("手机号"), max_length=20, required=False)
    job = forms.CharField(label=gettext_lazy("岗位"), max_length=64, required=False)
    education = forms.ChoiceField(
        label=gettext_lazy("学历"), choices=BLANK + Education.choices, required=False
    )
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"), choices=BLANK + PoliticalStatus.choices, required=False
    )
    ethnicity = forms.ChoiceField(
        label=gettext_lazy("民族"), choices=BLANK + ETHNICITY_CHOICES, required=False
    )


class ReviewForm(DecisionForm):
    """The grassroots review: pass it on (signed with the officer's name) or reject."""

    ACCEPT = "approve"
    label = gettext_lazy("审核意见")
    accept_label = gettext_lazy("通过")
    decline_label = gettext_lazy("驳回")
    field_order = ("decision", "stamp_name", "reason")

    stamp_name = forms.CharField(
        label=gettext_lazy("审核人（盖章）"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("通过时填写审核人姓名，作为基层工会盖章。"),
    )


class ApproveForm(DecisionForm):
    ACCEPT = "approve"
    label = gettext_lazy("审批意见")
    accept_label = gettext_lazy("批准入会并发卡")
    decline_label = gettext_lazy("不予批准")
    reason_help = gettext_lazy("不予批准时必填。")


class ChangeDecisionForm(DecisionForm):
    """Staff confirm or reject what a member asked to change."""


class TransferDecisionForm(DecisionForm):
    accept_label = gettext_lazy("接收")
    decline_label = gettext_lazy("不予接收")
    reason_help = gettext_lazy("不予接收时必填。")


class LookupForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("会员身份证号"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("输入完整身份证号，在全部会员中精确查找。"),
    )


class TransferForm(ScopedForm):
    """Where to: any grassroots union when the member's own union asks (a worker may move
    anywhere); one of the asker's own when the receiving union asks (``receiving``)."""

    to_union = UnionPickField(
        perm=None,
        kind=UnionKind.GRASSROOTS,
        label=gettext_lazy("转入工会"),
        help_text=gettext_lazy("输入单位名称中的几个字或基层工会编码，从列表中选择。"),
    )
    reason = forms.CharField(
        label=gettext_lazy("转移理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, receiving: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if receiving:
            field = self.fields["to_union"]
            assert isinstance(field, UnionPickField)
            field.restrict(PickScope(Perm.MEMBER_MANAGE, UnionKind.GRASSROOTS))


class MemberSearchForm(ScopedForm):
    default_renderer = FAST_WIDGETS  # on the staff list, the page clerks open most
    name = forms.CharField(label=gettext_lazy("姓名"), required=False, max_length=64)
    id_number = forms.CharField(label=gettext_lazy("身份证号"), required=False, max_length=32)
    phone = forms.CharField(label=gettext_lazy("手机号"), required=False, max_length=20)
    card_number = forms.CharField(label=gettext_lazy("卡号"), required=False, max_length=32)
    union = UnionPickField(
        perm=Perm.MEMBER_VIEW,
        inactive=True,
        label=gettext_lazy("工作单位"),
        required=False,
        help_text=gettext_lazy("含其下级工会。"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部")), *MemberStatus.choices],
    )


class RevealForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=gettext_lazy("查看字段"),
        choices=[("id_number", gettext_lazy("身份证号")), ("phone", gettext_lazy("手机号"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("请选择要查看的字段。")},
    )
    reason = forms.CharField(
        label=gettext_lazy("查看理由"),
        max_length=500,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("查看完整信息会记入敏感信息查看记录。"),
        error_messages={"required": gettext_lazy("查看完整信息必须填写理由。")},
    )


class CardActionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("操作"),
        choices=[
            ("suspend", gettext_lazy("暂停会员卡")),
            ("unsuspend", gettext_lazy("恢复会员卡")),
            ("reissue", gettext_lazy("挂失补办")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("新状态"),
        choices=[
            (MemberStatus.SUSPENDED, gettext_lazy("暂停会籍")),
            (MemberStatus.ACTIVE, gettext_lazy("恢复会籍")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class VerifierForm(ScopedForm):
    name = forms.CharField(
        label=gettext_lazy("名称"),
        max_length=128,
        help_text=gettext_lazy("例如：某某超市收银台、某活动签到处。"),
    )
    union = UnionPickField(
        perm=Perm.MEMBER_MANAGE,
        label=gettext_lazy("所属工会"),
        help_text=gettext_lazy("输入名称中的几个字或编码；须在您可管理会员的范围内。"),
    )


class RosterForm(ScopedForm):
    """Whose roster: a union of the user's member.view scope (with everything below it)."""

    union = UnionPickField(
        perm=Perm.MEMBER_VIEW,
        inactive=True,
        label=gettext_lazy("工会"),
        required=False,
        help_text=gettext_lazy("含其下级工会。不填则为您的整个范围。"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部")), *MemberStatus.choices],
    )


class FiguresForm(ScopedForm):
    """Whose figures: a union of the user's member.view scope."""

    union = UnionPickField(
        perm=Perm.MEMBER_VIEW,
        inactive=True,
        label=gettext_lazy("统计范围"),
        required=False,
        help_text=gettext_lazy("输入工会名称中的几个字或编码。"),
    )


class MemberImportForm(forms.Form):
    anchor = forms.ChoiceField(label=gettext_lazy("导入到（工会）"), choices=[])
    file = forms.FileField(
        label=gettext_lazy("花名册文件"),
        help_text=gettext_lazy(
            ".xlsx 或 .csv（UTF-8 或 GBK）；第一行为表头：姓名、性别、身份证号、手机号、民族、"
            "政治面貌、学历、工作单位编码、入会日期、岗位。"
        ),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("只校验，不写入"), required=False)

    def __init__(self, *args: Any, anchors: list[Union], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [(u.code, f"{u.name}（{u.code}）") for u in anchors]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("请上传 .xlsx 或 .csv 文件。"))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("文件太大（最大 %(mb)s MB），请拆分后分批导入。") % {"mb": MAX_UPLOAD >> 20}
            )
        return upload


class RosterRevealForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("导出完整信息的理由"),
        max_length=500,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("完整的身份证号和手机号会记入敏感信息查看记录。"),
        error_messages={"required": gettext_lazy("导出完整信息必须填写理由。")},
    )


class ClaimForm(forms.Form):
    """A member the union registered links their account: the ID number on the record, then
    the code texted to the phone on the record."""

    id_number = forms.CharField(
        label=gettext_lazy("身份证号"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    code = forms.CharField(
        label=gettext_lazy("短信验证码"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=gettext_lazy("先点“获取验证码”，验证码会发到工会登记的您的手机号上。"),
    )
