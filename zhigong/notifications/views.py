"""The user's own notices at /me/notices/."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from zhigong.core.views import AuthenticatedRequest
from zhigong.notifications.models import Notification
from zhigong.notifications.services import notices_mark_read


@login_required
def notice_list_page(request: AuthenticatedRequest) -> HttpResponse:
    user: Any = request.user
    notices = Notification.objects.filter(user=user)
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    unread = {n.pk for n in page if n.read_at is None}
    response = render(request, "notifications/list.html", {"page": page, "unread": unread})
    notices_mark_read(request.user)
    return response
