"""The surveys app's forms: a survey (staff), the sheet of codes, the desk's card, the
results' union and the answering form built from a survey's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.surveys import targets
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.models import Question
from zhigong.unions import policy
from zhigong.unions.roles import Perm

_LOCAL = "%Y-%m-%dT%H:%M"
QUESTIONS_HELP = _(
    "每行一题：题型（评分、单选、多选、文字）加 * 表示必答，空格后写题目；"
    "选择题在“|”后写选项，用“/”分隔。例如：单选* 您是第几次来？ | 第一次 / 两三次 / 经常来"
)


class LocalDateTimeField(forms.DateTimeField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL)
        )
        kwargs.setdefault("input_formats", [_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
        super().__init__(**kwargs)


def target_choices(user: Any) -> list[tuple[str, Any]]:
    """Every target the user may make a survey about, grouped by kind ("kind:pk")."""
    unions = policy.unions_with_perm(user, Perm.SURVEY_MANAGE)
    grouped: list[tuple[str, Any]] = [("", "---------")]
    for kind in targets.kinds():
        found = [(f"{kind.key}:{pk}", name) for pk, name in kind.choices(unions)]
        if found:
            grouped.append((str(kind.label), found))
    return grouped


class SurveyForm(forms.Form):
    target = forms.ChoiceField(label=_("测评对象"))
    title = forms.CharField(label=_("标题"), max_length=100)
    intro = forms.CharField(
        label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_at = LocalDateTimeField(label=_("开始时间"))
    closes_at = LocalDateTimeField(label=_("结束时间"))
    with_satisfaction = forms.BooleanField(
        label=_("包含总体满意度题（满意、基本满意、一般、不满意）"), required=False, initial=True
    )
    questions = forms.CharField(
        label=_("题目"),
        required=False,
        max_length=10_000,
        help_text=QUESTIONS_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["target"]
        else:
            self.fields["target"].choices = target_choices(user)  # type: ignore[attr-defined]

    def target_parts(self) -> tuple[str, int]:
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        return kind, int(pk) if pk.isdigit() else 0


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("生成数量"), min_value=1, max_value=500, initial=20)


class CardForm(forms.Form):
    number = forms.CharField(
        label=_("会员卡号"),
        required=False,
        max_length=500,  # a hand-held QR scanner types the card's token here
        help_text=_("输入 16 位卡号；扫码枪扫描会员卡二维码也可以。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class AnswerForm(forms.Form):
    """One field per question, ``q<id>``: the survey's questions in order."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in questions:
            label = f"{q.position}. {q.text}" + (" *" if q.required else "")
            name = f"q{q.pk}"
            if q.kind == QuestionKind.RATING:
                field: forms.Field = forms.ChoiceField(
                    label=label,
                    choices=[(str(v), f"{v} ★") for v in range(5, 0, -1)],
                    widget=forms.RadioSelect,
                )
            elif q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(str(i), c) for i, c in enumerate(q.choices)],
                    widget=forms.RadioSelect,
                )
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=[(str(i), c) for i, c in enumerate(q.choices)],
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.CharField(
                    label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
                )
            field.required = False  # the service says what is missing, in one place
            field.widget.attrs["data-required"] = "1" if q.required else "0"
            self.fields[name] = field
        self.questions = questions

    def raw(self) -> dict[str, list[str]]:
        """What the service checks: per question id, the values or words given."""
        data: dict[str, list[str]] = {}
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind == QuestionKind.MULTIPLE:
                data[str(q.pk)] = (
                    list(self.data.getlist(name)) if hasattr(self.data, "getlist") else []
                )
            else:
                data[str(q.pk)] = [str(self.data.get(name, ""))]
        return data
