"""The audit log and the access log for supervisors: the events of their subtree, in
people's words, filtered; the access log exported as .xlsx."""

from __future__ import annotations

import tempfile
from typing import Any

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zhigong.audit import selectors, services
from zhigong.audit.forms import AccessFilter, AuditFilter
from zhigong.core.views import AuthenticatedRequest, page_of, query_without_page, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}


@policy.requires(Perm.AUDIT_VIEW)
def audit_page(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    events = selectors.audit_list(user=request.user, **_filters(form))
    page = page_of(request, events, 50)
    return render(
        request,
        "audit/list.html",
        {
            **staff_context(request, "audit"),
            "form": form,
            "page": page,
            "rows": selectors.event_rows(page),
            "query": query_without_page(request),
        },
    )


@policy.requires(Perm.AUDIT_VIEW)
def access_log_page(request: AuthenticatedRequest) -> HttpResponse:
    """Who viewed whose full data, when, why and how, in the reader's subtree."""
    form = AccessFilter(request.GET or None)
    logs = selectors.access_list(user=request.user, **_filters(form))
    page = page_of(request, logs, 50)
    query = query_without_page(request)
    return render(
        request,
        "audit/access.html",
        {
            **staff_context(request, "access_log"),
            "form": form,
            "page": page,
            "rows": selectors.access_rows(page),
            "query": query,
        },
    )


@never_cache
@require_GET
@policy.requires(Perm.AUDIT_VIEW)
def access_log_xlsx_page(request: AuthenticatedRequest) -> FileResponse:
    """The filtered access log as .xlsx (people masked), recorded as an export."""
    form = AccessFilter(request.GET or None)
    filters = _filters(form)
    logs = selectors.access_list(user=request.user, **filters)
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (closed, and so removed, by the response)
    try:
        services.access_log_export(actor=request.user, logs=logs, stream=stream, filters=filters)
    except BaseException:
        stream.close()
        raise
    stream.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d")
    return FileResponse(
        stream, as_attachment=True, filename=f"access-log-{stamp}.xlsx", content_type=XLSX
    )
