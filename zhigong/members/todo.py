"""What the member registry has waiting for a clerk: the workbench home's to-do items
(``core.todo``): the counts, each an indexed query over the user's scope, asked in one
query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zhigong.core.todo import TodoItem, count_each
from zhigong.members.choices import ApplicationStatus, RequestStatus
from zhigong.members.models import MemberImport
from zhigong.members.selectors import imports, workflows
from zhigong.unions import policy
from zhigong.unions.roles import Perm

# Imports that ended within this time are shown (the clerk who started one comes back to it).
RECENT_IMPORTS = dt.timedelta(days=3)


def _url(name: str, **query: str) -> str:
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def staff_todo(user: Any) -> Iterator[TodoItem]:
    # Every count this user's permissions call for, in one query (``core.todo.count_each``).
    wanted: dict[str, Any] = {}
    if policy.holds(user, Perm.MEMBER_REVIEW):
        wanted["review"] = workflows.applications_to_review(user)
    if policy.holds(user, Perm.MEMBER_APPROVE):
        wanted["approve"] = workflows.applications_to_approve(user)
    if policy.holds(user, Perm.MEMBER_MANAGE):
        wanted["changes"] = workflows.changes_to_decide(user)
        wanted["transfers"] = workflows.transfers_to_decide(user)
    counts = count_each(wanted)
    if "review" in counts:
        yield TodoItem(
            _("入会申请待审核"),
            counts["review"],
            _url("staff:members:application_list", status=ApplicationStatus.SUBMITTED),
            hint=_("基层工会审核：核对身份、签名盖章"),
            order=10,
        )
    if "approve" in counts:
        yield TodoItem(
            _("入会申请待审批"),
            counts["approve"],
            _url("staff:members:application_list", status=ApplicationStatus.REVIEWED),
            hint=_("审批通过即建档发卡；您审核过的由他人审批"),
            order=20,
        )
    if "changes" in counts:
        yield TodoItem(
            _("资料变更待确认"),
            counts["changes"],
            _url("staff:members:change_list", status=RequestStatus.PENDING),
            hint=_("会员本人提交的资料修改，确认后生效"),
            order=30,
        )
        yield TodoItem(
            _("会籍转移待我方确认"),
            counts["transfers"],
            _url("staff:members:transfer_list", direction="decide", status=RequestStatus.PENDING),
            hint=_("对方工会提出的转移，由您这一方确认"),
            order=40,
        )
    if policy.holds(user, Perm.MEMBER_IMPORT):
        yield from _imports(user)


def _imports(user: Any) -> Iterator[TodoItem]:
    ended = imports.imports_finished_since(user, timezone.now() - RECENT_IMPORTS)

    def link(ids: list[Any]) -> str:
        if len(ids) == 1:
            return reverse("staff:members:member_import_detail", args=[ids[0]])
        return reverse("staff:members:member_import")

    failed = ended.get(MemberImport.Status.FAILED, [])
    done = ended.get(MemberImport.Status.DONE, []) + ended.get(MemberImport.Status.CHECKED, [])
    yield TodoItem(
        _("花名册导入未通过"),
        len(failed),
        link(failed),
        hint=_("近 3 天您发起的导入：查看错误报告，改正后重新上传"),
        urgent=True,
        order=50,
    )
    yield TodoItem(
        _("花名册导入已完成"),
        len(done),
        link(done),
        hint=_("近 3 天您发起的导入"),
        order=60,
    )
