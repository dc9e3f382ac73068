"""What surveys have waiting for staff: drafts not yet opened (``core.todo``), in one query
over the surveys the user runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem
from zhigong.surveys import selectors
from zhigong.surveys.choices import SurveyStatus
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def staff_todo(user: Any) -> Iterator[TodoItem]:
    if not policy.holds(user, Perm.SURVEY_MANAGE):
        return
    drafts = selectors.staff_surveys(user).filter(status=SurveyStatus.DRAFT).count()
    yield TodoItem(
        _("满意度测评草稿待开始"),
        drafts,
        f"{reverse('staff:surveys:list')}?status={SurveyStatus.DRAFT}",
        hint=_("开始后才能答卷、打印一次性测评码"),
        order=30,
    )
