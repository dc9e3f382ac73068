"""Send staff who must use a second factor to set it up or enter it before the workbench."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from zhigong.unions import policy


class StaffMfaMiddleware:
    """With ``STAFF_MFA_REQUIRED``, whoever holds a permission that needs the second factor
    (``policy.needs_second_factor``: computed from the role table) reaches ``/staff/`` only
    after passing it in this session. The pages are only the first line: the policy itself
    withholds those permissions from any request that has not passed it, on the API too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith("/staff/")
            and request.user.is_authenticated
            and not policy.second_factor_passed(request.user)
            and policy.needs_second_factor(request.user)
        ):
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse("accounts:mfa") + (f"?{query}" if query else ""))
        return self.get_response(request)
