"""``{% layout "top" %}``: a part of the shared layout, drawn by the Jinja2 partial
``layout/<part>.jinja`` with this request, so the pages written as Django templates
(``base.html``) and those written for Jinja2 (``base.jinja``) show the same top, side menu,
messages and footer from one source (docs/ui.md, "Two template engines")."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from zhigong.core.jinja import form_fields_html, layout_part, partial_html

register = template.Library()


@register.simple_tag(takes_context=True)
def layout(context: Any, part: str) -> SafeString:
    return layout_part(part, context.get("request"), section=context.get("section") or "")


@register.simple_tag(takes_context=True)
def form_fields(context: Any) -> SafeString:
    """``includes/_form.html``: the form's fields, drawn by ``includes/_form.jinja``."""
    return form_fields_html(
        context.get("form"), fields=context.get("fields"), summary=context.get("summary")
    )


@register.simple_tag
def jinja_partial(name: str, **values: Any) -> SafeString:
    """``{% jinja_partial "members/_portal_crumbs.jinja" here=here %}``: a partial written
    for Jinja2 that Django pages share, drawn with only the values given."""
    return partial_html(name, **values)
