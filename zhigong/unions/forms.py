"""The unions app's forms, and the union picker every page that asks for a union uses
(``UnionPickField`` in a ``ScopedForm``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import get_default_renderer
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhigong.unions import selectors
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel
from zhigong.unions.roles import DepartmentKind, Perm

# --- the union picker ------------------------------------------------------------------------


class UnionPickWidget(forms.TextInput):
    """A text box that searches as you type (htmx, ``/staff/unions/pick/``) and shows which
    union its value names, with the union's path; without JavaScript it is a text box that
    takes a code or an exact name."""

    template_name = "unions/widgets/union_pick.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.scope = selectors.PickScope(None)
        self.user: Any = None
        # Which search answers as you type (a URL name): the workbench's, or a face's own
        # that renders the same partial (``unions/_pick_results.html``).
        self.search_url = "staff:unions:union_pick"

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> Any:
        # Its template is a Django template, whichever renderer the form draws widgets with.
        return super().render(name, value, attrs, get_default_renderer())

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        target = widget["attrs"].get("id") or f"id_{name}"
        query = {"field": name, "target": target}
        if self.search_url == "staff:unions:union_pick":  # a face's own search knows its scope
            query["perm"] = self.scope.perm or ""
            if self.scope.kind:
                query["kind"] = self.scope.kind
            if self.scope.inactive:
                query["inactive"] = "1"
        text = str(value or "").strip()
        chosen = selectors.union_resolve(user=self.user, scope=self.scope, text=text)
        rows: list[selectors.PickRow] = []
        if text and chosen.union is None:  # shown without JavaScript too: what was meant?
            rows = selectors.union_pick_search(user=self.user, scope=self.scope, query=text)
        trail = selectors.union_trails([chosen.union])[chosen.union.path] if chosen.union else []
        widget.update(
            target=target,
            pick_url=f"{reverse(self.search_url)}?{urlencode(query)}",
            chosen=chosen.union,
            trail=trail,
            rows=rows,
        )
        return context


class UnionPickField(forms.CharField):
    """A union of the user's scope for ``perm``, chosen by code or exact name; cleans to the
    ``Union``. A code or name that names nothing there (unknown and out of scope alike) is
    an error beside the field, never a 404 page. Bind the user with ``ScopedForm``."""

    widget = UnionPickWidget

    def __init__(
        self,
        *,
        perm: Perm | None,
        kind: str = "",
        inactive: bool = False,
        everyone: bool = False,
        search_url: str = "staff:unions:union_pick",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("max_length", 128)
        super().__init__(**kwargs)
        self.scope = selectors.PickScope(perm, kind, inactive, everyone)
        self.user: Any = None
        if isinstance(self.widget, UnionPickWidget):
            self.widget.scope = self.scope
            self.widget.search_url = search_url

    def restrict(self, scope: selectors.PickScope, *, search_url: str = "") -> None:
        """Offer another set of unions (a form whose scope depends on the case at hand),
        searched at ``search_url`` if given."""
        self.scope = scope
        if isinstance(self.widget, UnionPickWidget):
            self.widget.scope = scope
            if search_url:
                self.widget.search_url = search_url

    def bind(self, user: Any) -> None:
        self.user = user
        if isinstance(self.widget, UnionPickWidget):
            self.widget.user = user

    def clean(self, value: Any) -> Union | None:
        text = super().clean(value)
        if not text:
            return None
        found = selectors.union_resolve(user=self.user, scope=self.scope, text=text)
        if found.union is not None:
            return found.union
        if found.matches > 1:
            raise forms.ValidationError(
                gettext("有多个工会名为“%(text)s”，请从列表中选择，或填写编码。") % {"text": text},
                code="ambiguous",
            )
        if self.scope.kind:
            message = gettext(
                "在您的范围内找不到名称或编码为“%(text)s”的%(what)s。"
                "请输入名称中的几个字，从列表中选择。"
            ) % {"text": text, "what": UnionKind(self.scope.kind).label}
        else:
            message = gettext(
                "在您的范围内找不到名称或编码为“%(text)s”的工会。"
                "请输入名称中的几个字，从列表中选择。"
            ) % {"text": text}
        raise forms.ValidationError(message, code="not_found")


class ScopedForm(forms.Form):
    """A form with union pickers: ``Form(data, user=request.user)`` binds them to the user."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, UnionPickField):
                field.bind(user)


# --- the tree's own forms --------------------------------------------------------------------


class UnionCreateForm(forms.Form):
    """A new union under a parent; the page starts it from ``defaults.child_defaults``."""

    code = forms.CharField(
        label=_("编码"),
        max_length=32,
        help_text=_("已按上级工会的编码建议一个，可以修改；保存后不能再改。"),
    )
    name = forms.CharField(label=_("名称"), max_length=128)
    short_name = forms.CharField(label=_("简称"), max_length=64, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=UnionKind.choices)
    level = forms.ChoiceField(
        label=_("级别"),
        choices=[("", "—"), *UnionLevel.choices],
        required=False,
        help_text=_("仅总工会填写。"),
    )
    region_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=6,
        required=False,
        help_text=_("6 位 GB/T 2260 代码，如 420102。"),
    )
    reason = forms.CharField(label=_("备注"), max_length=500, required=False)


class UnionUpdateForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=128)
    short_name = forms.CharField(label=_("简称"), max_length=64, required=False)
    region_code = forms.CharField(label=_("行政区划代码"), max_length=6, required=False)
    reason = forms.CharField(label=_("理由"), max_length=500, required=False)


class UnionMoveForm(ScopedForm):
    parent = UnionPickField(
        perm=Perm.UNION_MANAGE,
        label=_("新的上级工会"),
        help_text=_(
            "输入名称中的几个字或编码。只能移到您有管理权限的工会之下，且不能移到它自己的下级之下。"
        ),
    )
    reason = forms.CharField(label=_("理由"), max_length=500)


class UnionParentForm(ScopedForm):
    """The first step of a new union: under which union."""

    parent = UnionPickField(
        perm=Perm.UNION_MANAGE,
        label=_("上级工会"),
        help_text=_("输入名称中的几个字或编码，从列表中选择。"),
    )


class DepartmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("部门类别"), choices=DepartmentKind.choices)
    name = forms.CharField(label=_("名称"), max_length=64, required=False)


class CentreForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=128)
    kind = forms.ChoiceField(label=_("类别"), choices=ServiceCentre.Kind.choices)
    address = forms.CharField(label=_("地址"), max_length=255, required=False)
    hotline = forms.CharField(label=_("服务热线"), max_length=32, required=False)


class ImportForm(forms.Form):
    anchor = forms.ChoiceField(label=_("导入到（上级工会）"), choices=[])
    file = forms.FileField(
        label=_("文件"),
        help_text=_(".xlsx 或 .csv；列：编码、名称、类型、级别、上级编码、行政区划代码。"),
    )
    dry_run = forms.BooleanField(label=_("只校验，不写入"), required=False)

    def __init__(self, *args: object, anchors: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["anchor"].choices = anchors  # type: ignore[attr-defined]
