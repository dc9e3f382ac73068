from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhigong.accounts.roles import Perm
from zhigong.audit.selectors import audit_list
from zhigong.core.errors import NotFound
from zhigong.core.views import staff_context
from zhigong.unions import policy


class AuditFilter(forms.Form):
    action = forms.CharField(label=_("操作"), required=False)
    actor = forms.CharField(label=_("操作人"), required=False)
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@login_required
def audit_page(request: HttpRequest) -> HttpResponse:
    if not policy.scope_paths(request.user, Perm.AUDIT_VIEW):
        raise NotFound()
    form = AuditFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_list(user=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            **staff_context(request, "audit"),
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
