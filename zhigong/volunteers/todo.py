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
from zhigong.volunteers import service_selectors
from zhigong.volunteers.selectors import waiting_mine


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if policy.holds(user, Perm.VOLUNTEER_REVIEW) or policy.holds(user, Perm.VOLUNTEER_APPROVE):
        yield TodoItem(
            _("志愿者登记待审核"),
            waiting_mine(user).count(),
            reverse("staff:volunteers:waiting"),
            hint=_("单位工会、区县（产业）工会、市总工会依次签意见"),
            order=20,
        )
    yield from _service_todo(user)


def _service_todo(user: Any) -> Iterator[TodoItem]:
    """Hours to confirm, projects to approve, offers to recommend or review (VOL-5, VOL-6)."""
    if policy.holds(user, Perm.VOLUNTEER_PROJECT_MANAGE):
        yield TodoItem(
            _("服务时长待确认"),
            service_selectors.hours_waiting_for(user).count(),
            reverse("staff:volunteers:hours"),
            order=21,
        )
    if policy.holds(user, Perm.VOLUNTEER_PROJECT_APPROVE):
        yield TodoItem(
            _("服务项目待审批"),
            service_selectors.projects_waiting_for(user).count(),
            reverse("staff:volunteers:projects"),
            order=22,
        )
    if policy.holds(user, Perm.VOLUNTEER_OFFER_RECOMMEND) or policy.holds(
        user, Perm.VOLUNTEER_OFFER_REVIEW
    ):
        yield TodoItem(
            _("服务承诺待推荐或审核"),
            service_selectors.offers_waiting_for(user).count(),
            reverse("staff:volunteers:offers"),
            order=23,
        )
