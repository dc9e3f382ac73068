"""The user's own API tokens: the list, and revoking one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zhigong.accounts import selectors, services
from zhigong.accounts.views.login import layout
from zhigong.core.views import AuthenticatedRequest, staff_context


@login_required
@require_GET
def tokens_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/tokens.html",
        {
            **staff_context(request, "account"),
            "layout": layout(request),
            "tokens": selectors.tokens_of(request.user),
        },
    )


@login_required
@require_POST
def token_revoke_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = selectors.token_get_own(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("令牌已撤销。"))
    return redirect("accounts:tokens")
