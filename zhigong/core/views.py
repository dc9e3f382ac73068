"""Portal pages and the small helpers every page view shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from zhigong.accounts.roles import Perm
from zhigong.core.errors import DomainError
from zhigong.unions import policy


def portal_home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def staff_context(request: HttpRequest, section: str) -> dict[str, Any]:
    """What the workbench layout needs: which menu entries the user may see."""
    user = request.user
    return {
        "section": section,
        "can_import": bool(policy.scope_paths(user, Perm.UNION_IMPORT)),
        "can_audit": bool(policy.scope_paths(user, Perm.AUDIT_VIEW)),
        "can_members": bool(policy.scope_paths(user, Perm.MEMBER_VIEW)),
        "can_member_import": bool(policy.scope_paths(user, Perm.MEMBER_IMPORT)),
    }


def form_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error on the form: beside each field it names, else above the form."""
    placed = False
    for field, message in exc.fields.items():
        if field in form.fields and message:
            form.add_error(field, str(message))
            placed = True
    if not placed or not exc.fields:
        form.add_error(None, str(exc.message))
