"""Scoped reads of the member workflows: applications, change requests, transfers.

Out of scope reads raise ``NotFound``, exactly like unknown ids.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhigong.core.errors import NotFound
from zhigong.members import permissions
from zhigong.members.models import MemberChangeRequest, MembershipApplication, MembershipTransfer
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def application_paths(user: Any) -> list[str]:
    return sorted(
        set(policy.scope_paths(user, Perm.MEMBER_REVIEW))
        | set(policy.scope_paths(user, Perm.MEMBER_APPROVE))
    )


def application_list(
    *, user: Any, status: str = "", query: str = ""
) -> QuerySet[MembershipApplication]:
    qs = MembershipApplication.objects.filter(
        policy.path_filter(application_paths(user), "union__path")
    ).select_related("union")
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(union__name__icontains=query))
    return qs.order_by("-created_at", "-id")


def application_get(*, user: Any, pk: int) -> MembershipApplication:
    application = (
        MembershipApplication.objects.select_related(
            "union", "reviewed_by", "decided_by", "entered_by", "member"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None or not permissions.can_see_application(user, application):
        raise NotFound()
    return application


def change_request_list(*, user: Any, status: str = "") -> QuerySet[MemberChangeRequest]:
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    qs = MemberChangeRequest.objects.filter(
        policy.path_filter(paths, "member__union__path")
    ).select_related("member", "member__union")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def change_request_get(*, user: Any, pk: int) -> MemberChangeRequest:
    request = (
        MemberChangeRequest.objects.select_related("member", "member__union", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if request is None or not permissions.can_decide_change(user, request):
        raise NotFound()
    return request


def transfer_list(
    *, user: Any, direction: str = "", status: str = ""
) -> QuerySet[MembershipTransfer]:
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    incoming = policy.path_filter(paths, "to_union__path")
    outgoing = policy.path_filter(paths, "from_union__path")
    where = {"in": incoming, "out": outgoing}.get(direction, incoming | outgoing)
    qs = MembershipTransfer.objects.filter(where).select_related("member", "from_union", "to_union")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def transfer_get(*, user: Any, pk: int) -> MembershipTransfer:
    transfer = (
        MembershipTransfer.objects.select_related(
            "member", "from_union", "to_union", "requested_by", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )
    if transfer is None or not permissions.can_see_transfer(user, transfer):
        raise NotFound()
    return transfer
