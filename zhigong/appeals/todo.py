"""What appeals have waiting for staff (``core.todo``): one count over the user's queue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhigong.appeals import selectors
from zhigong.core.todo import TodoItem
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if not (policy.holds(user, Perm.APPEAL_VERIFY) or policy.holds(user, Perm.APPEAL_PUBLISH)):
        return
    yield TodoItem(
        _("特殊困难求助待办"),
        selectors.waiting_for(user).count(),
        reverse("staff:appeals:waiting"),
        hint=_("待核实、待发布，或发布期已满待结束"),
        order=40,
    )
