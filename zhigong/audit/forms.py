"""The audit app's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilter(forms.Form):
    action = forms.CharField(label=_("操作"), required=False)
    actor = forms.CharField(label=_("操作人"), required=False)
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
