"""The platform's middleware:

- ``DomainErrorMiddleware``: domain errors that escape a page view become the right page
  (404, 403 or 400). Services raise ``NotFound`` for anything outside the caller's scope;
  here it becomes the same 404 page an unknown address gets, so scope never leaks through a
  different reply. ``Unavailable`` (a page of the user's own that cannot exist for them now)
  is a 404 that explains itself and says what the user can do instead;
- ``RefuseNulMiddleware``: a NUL character in any text input is a 400;
- ``SecurityHeadersMiddleware``: ``Permissions-Policy`` everywhere, ``no-store`` on the API;
- ``SessionIdleTimeoutMiddleware``: sessions end after a while without a request.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from zhigong.core.errors import DomainError, NotFound, PermissionDenied, Unavailable


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API has its own JSON handlers
        if isinstance(exc, Unavailable):
            context = {"title": exc.title, "message": exc.message, "actions": exc.actions}
            response = render(request, "unavailable.html", context, status=exc.status)
            add_never_cache_headers(response)  # it describes this user
            return response
        if isinstance(exc, NotFound):
            raise Http404(str(exc.message))
        if isinstance(exc, PermissionDenied):
            return render(request, "403.html", {"message": exc.message}, status=403)
        if isinstance(exc, DomainError):
            return render(request, "400.html", {"message": exc.message}, status=exc.status)
        return None


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def request_holds_nul(request: HttpRequest) -> bool:
    """Does any text the request brings hold a NUL character: the path, a cookie, a query or
    form field (name or value), or a string in a JSON body?"""
    if "\x00" in request.path or any("\x00" in v for v in request.COOKIES.values()):
        return True
    for data in (request.GET, request.POST if request.method == "POST" else None):
        if data is not None and any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()
        ):
            return True
    if request.content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" in body:  # an escaped NUL; parse to tell it from "\\u0000" text
            try:
                return _holds_nul(json.loads(body))
            except ValueError:
                return False  # not JSON: the API refuses it on its own
    return False


class RefuseNulMiddleware:
    """Refuse a NUL character in any text input, once for every page and API route: 400 in
    the right shape (the 400 page, or ``{"code": "nul_character", ...}`` for the API).

    A NUL means nothing in a name, a search or a reason, and PostgreSQL cannot hold one in
    text (it answers every such query with an error, a 500), while SQLite stores it and
    cuts the value at it elsewhere. Django's form fields already refuse it; checking here
    covers the searches that read ``request.GET`` directly, path segments and JSON bodies,
    for routes that exist now and those that come later."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_holds_nul(request):
            message = _("请求中含有不允许的空字符（NUL）。")
            if request.path.startswith("/api/"):
                body = {"code": "nul_character", "message": str(message), "fields": {}}
                return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers django's own middleware does not set:

    - ``Permissions-Policy`` on every answer (``settings.PERMISSIONS_POLICY``): no page of
      the site uses the camera, the microphone, location, payment or USB, so none may;
    - ``Cache-Control: no-store`` on every API answer: each one is personal to its caller
      (and some carry full personal data), none is worth keeping in a browser or proxy.
      Pages that carry full data or a member's record say so themselves (``never_cache``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.setdefault("Permissions-Policy", self.policy)
        if request.path.startswith("/api/"):
            add_never_cache_headers(response)
        return response


def _now() -> int:
    """Seconds since the epoch (a function of its own, so tests can move time)."""
    return int(time.time())


class SessionIdleTimeoutMiddleware:
    """Log a session out after ``SESSION_IDLE_MINUTES`` without a request, and after
    ``SESSION_COOKIE_AGE`` seconds from its first request whatever happens (the absolute
    limit, 8 hours: writing the last activity into the session would otherwise renew the
    cookie's age with every write).

    The last activity is written at most once a minute, so most requests do not save the
    session. A request that finds the session expired is served as an anonymous one: pages
    behind a login send it to the login page, where a message says why."""

    WRITE_EVERY = 60  # seconds
    LAST = "_zhigong_last_activity"
    STARTED = "_zhigong_session_started"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = _now()
        started = session.get(self.STARTED)
        last = session.get(self.LAST)
        idle = int(settings.SESSION_IDLE_MINUTES) * 60
        if (last is not None and now - last > idle) or (
            started is not None and now - started > settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            if not request.path.startswith("/api/"):
                messages.info(request, _("您已长时间未操作，请重新登录。"))
            return
        if started is None:
            session[self.STARTED] = now
        if last is None or now - last >= self.WRITE_EVERY:
            session[self.LAST] = now
