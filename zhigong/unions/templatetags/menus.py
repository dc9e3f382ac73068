"""``{% app_menus "staff" %}``: the menus of every installed app, in ``INSTALLED_APPS`` order.

Each app that has pages of a face keeps its own menu partial, ``<app>/_staff_menu.html`` or
``<app>/_portal_menu.html``; the layout includes whichever exist, so adding an app adds its
menu without touching the layout. A partial decides itself what the user sees, asking the
policy (``{% load access %}{% if user|holds:"member.view" %}``).

A partial may read only ``user|holds:"…"``, ``user.is_authenticated`` and ``section`` (and
``{% url %}``, ``{% trans %}``): its HTML is then a function of the face, the language, the
section and the set of permissions the user holds, and is drawn once per process for each
such key (the menus were a fifth of a staff page's time). ``tests/test_menus.py`` checks the
partials keep to that rule and that the kept HTML equals a fresh drawing for every role.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.apps import apps
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from zhigong.unions import policy

register = template.Library()

# Distinct keys are few (faces × languages × sections × the roles' permission sets); the
# bound only guards against a surprise.
_DRAWN: dict[tuple[Any, ...], SafeString] = {}
_DRAWN_MAX = 4096


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
    return menus_html(face, context.get("user"), context.get("section") or "")


def menus_html(face: str, user: Any, section: str = "") -> SafeString:
    """Every app's menu of ``face`` for this user, drawn once per key (see above); also the
    Jinja2 layout's ``menus()``."""
    key = (
        face,
        get_language(),
        str(section or ""),
        bool(getattr(user, "is_authenticated", False)),
        policy.held_permissions(user),
    )
    html = _DRAWN.get(key)
    if html is None:
        html = draw_menus(face, user, section)
        if len(_DRAWN) >= _DRAWN_MAX:
            _DRAWN.clear()
        _DRAWN[key] = html
    return html


def draw_menus(face: str, user: Any, section: str = "") -> SafeString:
    """The menus drawn afresh, in a context holding only what a partial may read."""
    context = template.Context({"user": user, "section": section})
    html = "".join(get_template(name).template.render(context) for name in menu_templates(face))  # type: ignore[attr-defined]
    return mark_safe(html)  # rendered by our own templates, escaped there
