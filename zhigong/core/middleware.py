"""Turn domain errors that escape a page view into the right page: 404, 403 or 400.

Services raise ``NotFound`` for anything outside the caller's scope; here it becomes the same
404 page an unknown address gets, so scope never leaks through a different reply.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhigong.core.errors import DomainError, NotFound, PermissionDenied


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API has its own JSON handlers
        if isinstance(exc, NotFound):
            raise Http404(str(exc.message))
        if isinstance(exc, PermissionDenied):
            return render(request, "403.html", {"message": exc.message}, status=403)
        if isinstance(exc, DomainError):
            return render(request, "400.html", {"message": exc.message}, status=exc.status)
        return None
