"""The audit log for supervisors: the events of their subtree, filtered."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from zhigong.audit.forms import AuditFilter
from zhigong.audit.selectors import audit_list
from zhigong.core.views import AuthenticatedRequest, page_of, query_without_page, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm


@policy.requires(Perm.AUDIT_VIEW)
def audit_page(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_list(user=request.user, **{k: v for k, v in filters.items() if v})
    return render(
        request,
        "audit/list.html",
        {
            **staff_context(request, "audit"),
            "form": form,
            "page": page_of(request, events, 50),
            "query": query_without_page(request),
        },
    )
