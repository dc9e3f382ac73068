"""``{% app_menus "staff" %}``: the menus of every installed app, in ``INSTALLED_APPS`` order.

Each app that has pages of a face keeps its own menu partial, ``<app>/_staff_menu.html`` or
``<app>/_portal_menu.html``; the layout includes whichever exist, so adding an app adds its
menu without touching the layout. A partial decides itself what the user sees, asking the
policy (``{% load access %}{% if user|holds:"member.view" %}``).
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.apps import apps
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@functools.cache
def menu_templates(face: str) -> tuple[str, ...]:
    """The menu partials of one face, found once per process."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.label}/_{face}_menu.html"
        try:
            get_template(name)
        except template.TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)


@register.simple_tag(takes_context=True)
def app_menus(context: Any, face: str) -> SafeString:
    # Rendered in the page's own context, as ``{% include %}`` does: rendering each partial
    # with the request would run every context processor again for each menu.
    engine = context.template.engine
    html = "".join(engine.get_template(name).render(context) for name in menu_templates(face))
    return mark_safe(html)  # rendered by our own templates, escaped there
