"""Send federation administrators to set up or enter a second factor when it is required."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class StaffMfaMiddleware:
    """With ``STAFF_MFA_REQUIRED``, a federation administrator reaches ``/staff/`` only verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path.startswith("/staff/")
            and request.user.is_authenticated
            and not getattr(request.user, "is_verified", lambda: False)()
        ):
            from zhigong.accounts.selectors import needs_mfa

            if needs_mfa(request.user):
                return redirect("accounts:mfa")
        return self.get_response(request)
