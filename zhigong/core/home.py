"""The portal home, gathered from every app: what each service offers, and for a logged-in
person what they have there (a member's card and applications, their unread notices).

Each app with something to show on the home page keeps a ``portal_home.py`` with one
function::

    def portal_home(request) -> HomeSection | None: ...

answering with a section (its own partial, ``<app>/_portal_home.jinja``, and the context it
needs) or None when it has nothing for this person. ``home_sections(request)`` asks every
app (found like the menus and the to-do list, ``core.discovery``) and orders the sections,
so the home page shows exactly the services that exist, and a new service appears there by
adding its own ``portal_home.py`` without editing the page. Each section should cost a
query or two: the home page is the most visited page of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from zhigong.core.discovery import app_modules


@dataclass(frozen=True)
class HomeSection:
    template: str  # the app's partial, ``<app>/_portal_home.jinja``
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100  # lower comes first
    # True when the partial shows the same to every visitor in a language (what a service is,
    # for someone not logged in): drawn once per process and language ("fragments" cache).
    fixed: bool = False


def providers() -> list[Callable[[HttpRequest], HomeSection | None]]:
    return [
        module.portal_home
        for module in app_modules("portal_home")
        if hasattr(module, "portal_home")
    ]


def home_sections(request: HttpRequest) -> list[SafeString]:
    """Every app's section for this request, rendered, in order."""
    sections = [s for provider in providers() if (s := provider(request)) is not None]
    sections.sort(key=lambda s: s.order)
    return [_draw(s, request) for s in sections]


def _draw(section: HomeSection, request: HttpRequest) -> SafeString:
    if not section.fixed:
        return SafeString(render_to_string(section.template, section.context, request))
    kept = caches["fragments"]
    key = f"home:{section.template}:{get_language()}"
    html = kept.get(key)
    if html is None:
        html = render_to_string(section.template, section.context, request)
        kept.set(key, html)
    return SafeString(html)
