"""What cases have waiting for a clerk: the workbench home's to-do items (``core.todo``), all
counted in one query over the user's scope (one query for every item: the home page is opened every morning)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zhigong.cases import selectors
from zhigong.cases.choices import ON_THE_CLOCK, CaseStatus
from zhigong.core.todo import TodoItem
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def _queue(name: str) -> str:
    return f"{reverse('staff:cases:queue')}?{urlencode({'queue': name})}"


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if not (policy.holds(user, Perm.CASE_VIEW) or policy.holds(user, Perm.CASE_HANDLE)):
        return
    today = timezone.localdate()
    manages = policy.path_filter(policy.scope_paths(user, Perm.CASE_MANAGE), "union__path")
    counts = selectors.staff_scope(user, listed=False).aggregate(
        to_accept=Count("id", filter=manages & Q(status=CaseStatus.SUBMITTED)),
        to_assign=Count("id", filter=manages & Q(status=CaseStatus.ACCEPTED)),
        mine=Count("id", filter=Q(handler_id=user.pk, status__in=ON_THE_CLOCK)),
        overdue=Count("id", filter=selectors.overdue_q(today)),
    )
    yield TodoItem(
        _("诉求已逾期"),
        counts["overdue"],
        _queue("overdue"),
        hint=_("已过答复期限还没有答复的维权诉求和法律咨询"),
        urgent=True,
        order=5,
    )
    yield TodoItem(
        _("诉求待受理"),
        counts["to_accept"],
        _queue("unassigned"),
        hint=_("受理后开始计算答复期限"),
        order=6,
    )
    yield TodoItem(
        _("诉求待交办"),
        counts["to_assign"],
        _queue("unassigned"),
        hint=_("已受理，还没有交给经办人"),
        order=7,
    )
    yield TodoItem(
        _("交给我办理的诉求"),
        counts["mine"],
        _queue("mine"),
        hint=_("请在答复期限前答复求助人"),
        order=8,
    )
