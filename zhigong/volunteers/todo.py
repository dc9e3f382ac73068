"""What volunteers have waiting for a clerk: registrations waiting for an opinion the user's
scope may give, in one count (the workbench home stays within its ten queries)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers.selectors import waiting_mine


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if not (
        policy.holds(user, Perm.VOLUNTEER_REVIEW) or policy.holds(user, Perm.VOLUNTEER_APPROVE)
    ):
        return
    count = waiting_mine(user).count()
    yield TodoItem(
        _("志愿者登记待审核"),
        count,
        reverse("staff:volunteers:waiting"),
        hint=_("单位工会、区县（产业）工会、市总工会依次签意见"),
        order=20,
    )
