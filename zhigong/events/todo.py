"""What events have waiting for staff: the workbench home's to-do items (``core.todo``),
both counted in one query over the events the user runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem
from zhigong.events import selectors
from zhigong.events.choices import CHECK_IN_OPEN, EventStatus
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if not (policy.holds(user, Perm.EVENT_MANAGE) or policy.holds(user, Perm.EVENT_COUNSEL)):
        return
    start, end = selectors.today_bounds()
    counts = (
        selectors.staff_events(user)
        .order_by()
        .aggregate(
            today=Count(
                "id",
                filter=Q(starts_at__gte=start, starts_at__lt=end, status__in=CHECK_IN_OPEN),
            ),
            drafts=Count("id", filter=Q(status=EventStatus.DRAFT, starts_at__gte=timezone.now())),
        )
    )
    listed = reverse("staff:events:list")
    yield TodoItem(
        _("今天举办的活动"),
        counts["today"],
        f"{listed}?when=today",
        hint=_("在活动页面打开“签到”，扫描会员卡二维码或输入卡号"),
        order=20,
    )
    yield TodoItem(
        _("活动草稿待发布"),
        counts["drafts"],
        f"{listed}?status={EventStatus.DRAFT}",
        hint=_("发布后会员才能看到并报名"),
        order=21,
    )
