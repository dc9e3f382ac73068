"""``{% load formparts %}``: a form shown in parts, with something between them.

``form|fields_except:"consent"`` and ``form|fields_only:"consent"`` give some of a form's
bound fields, for ``{% include "includes/_form.html" with fields=… %}``: the application form
shows the person's fields, then the privacy notice, then the box that agrees to it, as one
form with one summary of its errors (``summary=False`` on the second part)."""

from __future__ import annotations

from typing import Any

from django import forms, template

register = template.Library()


def _names(spec: str) -> set[str]:
    return {name.strip() for name in spec.split(",") if name.strip()}


@register.filter
def fields_except(form: forms.BaseForm, names: str) -> list[Any]:
    skip = _names(names)
    return [field for field in form if field.name not in skip]


@register.filter
def fields_only(form: forms.BaseForm, names: str) -> list[Any]:
    keep = _names(names)
    return [field for field in form if field.name in keep]
