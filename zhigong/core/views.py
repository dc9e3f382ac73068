"""Portal pages of the platform itself and the small helpers every page view shares."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractUser
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from zhigong.core.errors import DomainError
from zhigong.core.home import home_sections

logger = logging.getLogger(__name__)


class AuthenticatedRequest(HttpRequest):
    """The request of a page behind a login (``login_required``, ``policy.requires``): its
    user is an account, never anonymous. For type checking only; Django's request is this."""

    # django-stubs types ``request.user`` with the project's own model, which ``core`` does
    # not import; its base class says all a page needs.
    user: AbstractUser  # type: ignore[assignment]


@never_cache  # a member's card and applications
def portal_home(request: HttpRequest) -> HttpResponse:
    """The portal home: each app's section (``core.home``), only the services that exist."""
    return render(request, "portal/home.jinja", {"sections": home_sections(request)})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 ``{"status": "ok"}`` when the database answers,
    503 ``{"status": "unavailable"}`` (JSON, never the 500 page) when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("healthz: the database does not answer")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def staff_context(request: HttpRequest, section: str) -> dict[str, Any]:
    """What the workbench layout needs besides the user: which menu entry is in use. (Which
    entries there are is each app's ``_staff_menu.html``, asking the policy itself.)"""
    return {"section": section}


def form_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error on the form: beside each field it names, else above the form."""
    placed = False
    for field, message in exc.fields.items():
        if field in form.fields and message:
            form.add_error(field, str(message))
            placed = True
    if not placed or not exc.fields:
        form.add_error(None, str(exc.message))


def client_address(request: HttpRequest) -> str:
    """The address a request came from, for limits per client: ``REMOTE_ADDR``, or behind a
    reverse proxy the header ``CLIENT_ADDRESS_HEADER`` names (its last address: the one the
    proxy itself added, when it appends to ``X-Forwarded-For`` rather than overwriting)."""
    header = settings.CLIENT_ADDRESS_HEADER
    forwarded = str(request.META.get(header, "")) if header else ""
    address = forwarded.split(",")[-1].strip() if forwarded else ""
    return address or str(request.META.get("REMOTE_ADDR") or "") or "unknown"


def page_of(request: HttpRequest, items: Any, per_page: int = 30) -> Page[Any]:
    """The page of ``items`` asked for by ``?page=`` (out of range: the nearest page)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def decision_post(
    request: HttpRequest,
    form: forms.Form | None,
    decide: Callable[[], object],
    *,
    done: str,
    nothing_to_decide: str,
) -> HttpResponse | None:
    """The POST of a decision form (``core.forms.DecisionForm``): run ``decide()`` (which
    calls the service with the form's data) and go to ``done``.

    Returns None when the page is to be shown again: a GET, or a form with errors (the
    service's own errors included). ``form`` is None for someone with nothing to decide
    here (anymore): they get ``nothing_to_decide`` and the page again.
    """
    if request.method != "POST":
        return None
    if form is None:
        messages.error(request, nothing_to_decide)
        return redirect(done)
    if not form.is_valid():
        return None
    try:
        decide()
    except DomainError as exc:
        form_error(form, exc)
        return None
    messages.success(request, _("已处理。"))
    return redirect(done)
