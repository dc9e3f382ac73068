"""The Jinja2 environment (``TEMPLATES[1]`` in settings): the shared layout and the hottest
pages are Jinja2 templates, everything else Django's (docs/ui.md, "Two template engines").

Templates see the same helpers a Django template has, under Jinja's spelling:

- ``_("…")`` and ``ngettext("…", "…", n, n=n)``: Django's translations (the same catalogue;
  ``make messages`` reads ``.jinja`` files too), with ``%(name)s`` placeholders as
  ``{% blocktrans %}`` writes them;
- the filter ``date("Y-m-d")``: Django's, in local time;
- ``url(name, *args)``, ``url_for_ids(name)`` (a list's row addresses, reversed once),
  ``static(path)``, ``language()``;
- what apps add in their ``jinja.py`` (``GLOBALS``; ``core`` knows no domain): from
  ``unions``, ``menus(face, user, section)`` (every app's menu, the drawing
  ``{% app_menus %}`` keeps) and ``holds_staff_role(user)`` (the policy's answer);
- ``csrf_field()`` and ``csrf_value(request)``: the CSRF input and token, masked once per
  request (use them rather than the backend's ``csrf_input``, masked anew at each use);
- ``request``: given by Django's Jinja2 backend.

Autoescaping is on, as in Django's templates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import defaultfilters, engines
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language, gettext, ngettext
from django_htmx.jinja import htmx_script
from jinja2 import Environment, pass_context
from markupsafe import Markup

from zhigong.core.discovery import app_modules


def url(name: str, *args: Any) -> str:
    if args:
        return reverse(name, args=args)
    return _fixed_url(name, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=1024)
def _fixed_url(name: str, prefix: str, urlconf: Any) -> str:
    """The address of a route without arguments, reversed once per process for each script
    prefix and URL configuration (what else it depends on): the layout has a dozen links."""
    return reverse(name, urlconf=urlconf)


_SAMPLE_ID = 918273645


def url_for_ids(name: str) -> Callable[[int], str]:
    """``{% set detail = url_for_ids("app:detail") %}…{{ detail(row.pk) }}``: the address of
    each row of a list, reversed once per page instead of once per row (50 reversals were a
    millisecond). For a route whose one argument is an ``<int:…>``: the address of any id is
    the address of a sample id with the id put in its place, checked here against Django's
    own reversal of a second id."""
    try:
        prefix, suffix = reverse(name, args=[_SAMPLE_ID]).split(str(_SAMPLE_ID))
    except NoReverseMatch as exc:
        raise ValueError(f"{name}: not a route of one integer id") from exc

    def address(pk: int) -> str:
        return f"{prefix}{int(pk)}{suffix}"

    if address(7) != reverse(name, args=[7]):
        raise ValueError(f"{name}: not a route of one integer id")
    return address


def csrf_value(request: HttpRequest) -> str:
    """The request's CSRF token, masked once per request: Django's ``csrf_input`` masks it
    anew at each use (32 random characters from the system's generator, a tenth of a
    millisecond), and a page has three or four forms. Any masked form of the same secret is
    valid, so one per page changes nothing in the check."""
    token: str | None = getattr(request, "_zhigong_csrf_token", None)
    if token is None:
        token = get_token(request)
        request._zhigong_csrf_token = token  # type: ignore[attr-defined]
    return token


@pass_context
def csrf_field(context: Any) -> Markup:
    """``{{ csrf_field() }}``: the hidden input of a form that posts (as ``{% csrf_token %}``)."""
    value = csrf_value(context["request"])
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="%s">') % value


def date(value: Any, format: str) -> str:
    """``{{ when|date("Y-m-d") }}``: Django's ``date`` filter, in local time as Django's
    templates show an aware time."""
    return defaultfilters.date(template_localtime(value), format)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.filters["date"] = date
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    for module in app_modules("jinja"):  # this module's GLOBALS, then each app's
        env.globals.update(module.GLOBALS)
    return env


GLOBALS: dict[str, Any] = {
    "url": url,
    "url_for_ids": url_for_ids,
    # a static file's address and the htmx script tag are fixed while the process runs
    "static": functools.lru_cache(maxsize=256)(static),
    "language": get_language,
    "messages": get_messages,
    "htmx_script": functools.cache(htmx_script),
    "csrf_field": csrf_field,
    "csrf_value": csrf_value,
}


def partial_html(name: str, **values: Any) -> SafeString:
    """A Jinja2 partial drawn with only ``values``, for a Django template that shares it."""
    template = engines["jinja2"].env.get_template(name)  # type: ignore[attr-defined]
    html: str = template.render(**values)
    return mark_safe(html)


def form_fields_html(form: Any, *, fields: Any = None, summary: Any = None) -> SafeString:
    """A form's fields as every page shows them (``includes/_form.jinja``), for a Django
    template (``includes/_form.html``)."""
    return partial_html("includes/_form.jinja", form=form, fields=fields, summary=summary)


def layout_part(part: str, request: HttpRequest | None, *, section: str = "") -> SafeString:
    """One part of the shared layout (``layout/<part>.jinja``) for this request."""
    template = engines["jinja2"].get_template(f"layout/{part}.jinja")
    return mark_safe(template.render({"section": section}, request))  # escaped by Jinja
