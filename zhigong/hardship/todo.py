"""What hardship files and pairs have waiting for a clerk: files due for review, volunteers'
choices to confirm, pairs without a visit for 30 days; all counted in one query."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem, count_each
from zhigong.hardship import selectors
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def staff_todo(user: Any) -> Iterator[TodoItem]:
    asks: dict[str, QuerySet[Any]] = {}
    if policy.holds(user, Perm.HARDSHIP_MANAGE):
        asks["review"] = selectors.review_due(user)
    if policy.holds(user, Perm.HARDSHIP_PAIR):
        asks["requests"] = selectors.requests_for(user)
    if policy.holds(user, Perm.HARDSHIP_VIEW):
        asks["overdue"] = selectors.overdue_for(user)
    if not asks:
        return
    counts = count_each(asks)
    if "overdue" in counts:
        yield TodoItem(
            _("一助一结对超过30天未走访"),
            counts["overdue"],
            reverse("staff:hardship:overdue"),
            hint=_("请督促志愿者走访，或移交其他志愿者"),
            urgent=True,
            order=30,
        )
    if "requests" in counts:
        yield TodoItem(
            _("志愿者认领结对待确认"),
            counts["requests"],
            reverse("staff:hardship:requests"),
            order=31,
        )
    if "review" in counts:
        yield TodoItem(
            _("困难职工档案到期复核"),
            counts["review"],
            reverse("staff:hardship:list") + "?review=due",
            order=32,
        )
