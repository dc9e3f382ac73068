"""The audit app's filter forms: the audit log (by action name, person, dates) and the
access log (by dates, person, channel)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import words


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AuditFilter(forms.Form):
    action = forms.ChoiceField(label=_("操作"), required=False, choices=[])
    actor = forms.CharField(
        label=_("操作人"), required=False, max_length=150, help_text=_("用户名或姓名")
    )
    since = _date(_("起始日期"))
    until = _date(_("截止日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = words().known_actions()
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("全部")), *sorted(known.items(), key=lambda kv: kv[0])]


class AccessFilter(forms.Form):
    since = _date(_("起始日期"))
    until = _date(_("截止日期"))
    actor = forms.CharField(
        label=_("查看人"), required=False, max_length=150, help_text=_("用户名或姓名")
    )
    channel = forms.ChoiceField(label=_("渠道"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("全部")), *((k, str(v)) for k, v in words().channels.items())]
