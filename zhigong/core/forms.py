"""Form pieces every app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.forms.renderers import Jinja2 as Jinja2Renderer
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


# Django's widget templates for Jinja2, drawn several times faster than its Django-template
# twins (the same HTML): a form on a hot page (the staff member list's search) takes
# ``default_renderer = FAST_WIDGETS``. A widget whose own template is a Django template
# draws it with the site's renderer whatever the form's (``unions.forms.UnionPickWidget``).
FAST_WIDGETS = Jinja2Renderer()


class ReasonForm(forms.Form):
    """One required reason: for an act that must say why (deactivating, revoking, leaving)."""

    default_renderer = FAST_WIDGETS  # the card page, the page members open most, shows one

    reason = forms.CharField(
        label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    """A decision on something someone asked for: accept or decline, with one reason field.

    Subclasses name the two answers and say when the reason is needed; the service decides
    (a decline without a reason is refused there, and shown beside the field here). The
    answer is read with ``accepted()``.
    """

    ACCEPT: ClassVar[str] = "confirm"  # the posted values (API clients and tests send them)
    DECLINE: ClassVar[str] = "reject"
    label: ClassVar[StrOrPromise] = _("处理意见")
    accept_label: ClassVar[StrOrPromise] = _("确认")
    decline_label: ClassVar[StrOrPromise] = _("驳回")
    reason_help: ClassVar[StrOrPromise] = _("驳回时必填。")

    decision = forms.ChoiceField(widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("理由"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.label = self.label
        decision.choices = [  # type: ignore[attr-defined]
            (self.ACCEPT, self.accept_label),
            (self.DECLINE, self.decline_label),
        ]
        self.fields["reason"].help_text = self.reason_help

    def accepted(self) -> bool:
        return bool(self.cleaned_data["decision"] == self.ACCEPT)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once (each checked by the service: type and size); ``accept`` is
    the browser's hint of which files to offer."""

    def __init__(self, *args: Any, accept: str = ".pdf,.jpg,.jpeg,.png", **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []
