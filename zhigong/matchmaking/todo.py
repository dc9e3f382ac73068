"""What the matchmaking service has waiting for staff: forms to review (grassroots
officers), forms to enter, follow-ups due
(the women workers' department and the centres). All counted in one query
(``core.todo.count_each``), and only for those who hold a matchmaking permission (the home
page stays within its ten queries)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem, count_each
from zhigong.matchmaking import selectors
from zhigong.matchmaking.choices import ProfileStatus
from zhigong.matchmaking.models import FollowUp
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def _queue(name: str) -> str:
    return f"{reverse('staff:matchmaking:queue')}?{urlencode({'queue': name})}"


def staff_todo(user: Any) -> Iterator[TodoItem]:
    reviews, serves = policy.holds(user, Perm.MATCH_REVIEW), policy.holds(user, Perm.MATCH_SERVE)
    if not (reviews or serves):
        return
    profiles = selectors.staff_scope(user)
    wanted = {
        "to_review": profiles.filter(
            policy.path_filter(policy.scope_paths(user, Perm.MATCH_REVIEW), "union__path"),
            status=ProfileStatus.SUBMITTED,
        ),
        "to_enter": profiles.filter(
            policy.path_filter(policy.scope_paths(user, Perm.MATCH_SERVE), "union__path"),
            status=ProfileStatus.REVIEWED,
        ),
        "due": FollowUp.objects.filter(
            done_at__isnull=True,
            due_on__lte=timezone.localdate(),
            introduction__member__in=selectors.serve_scope(user),
        ),
    }
    counts = count_each(wanted)
    yield TodoItem(
        _("婚恋登记表待审核"),
        counts["to_review"],
        _queue("review"),
        hint=_("核实会员的婚姻状况和资料后推荐"),
        order=20,
    )
    yield TodoItem(
        _("婚恋登记表待入库"),
        counts["to_enter"],
        _queue("enter"),
        hint=_("基层工会已审核推荐"),
        order=21,
    )
    yield TodoItem(
        _("婚恋跟踪服务到期"),
        counts["due"],
        _queue("active"),
        hint=_("引荐后第 3 天、3 周、3 个月回访双方"),
        order=22,
    )
