"""``{% layout "top" %}``: a part of the shared layout, drawn by the Jinja2 partial
``layout/<part>.jinja`` with this request, so the pages written as Django templates
(``base.html``) and those written for Jinja2 (``base.jinja``) show the same top, side menu,
messages and footer from one source (docs/ui.md, "Two template engines")."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from zhigong.core.jinja import layout_part

register = template.Library()


@register.simple_tag(takes_context=True)
def layout(context: Any, part: str) -> SafeString:
    return layout_part(part, context.get("request"), section=context.get("section") or "")
