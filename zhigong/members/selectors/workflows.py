"""Scoped reads of the member workflows: applications, change requests, transfers.

Out of scope reads raise ``NotFound``, exactly like unknown ids.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhigong.core.errors import NotFound
from zhigong.members import permissions
from zhigong.members.choices import ApplicationStatus, RequestStatus, TransferSide
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


def transfers_to_decide(user: Any) -> QuerySet[MembershipTransfer]:
    """Pending transfers whose deciding side (the side that did not ask: ``permissions.
    can_decide_transfer``) lies in the user's scope, and which the user did not ask for."""
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    holding_asked = Q(requested_side=TransferSide.HOLDING) & policy.path_filter(
        paths, "to_union__path"
    )
    receiving_asked = Q(requested_side=TransferSide.RECEIVING) & policy.path_filter(
        paths, "from_union__path"
    )
    qs = MembershipTransfer.objects.filter(
        holding_asked | receiving_asked, status=RequestStatus.PENDING, member__isnull=False
    )
    if getattr(user, "pk", None) is not None:
        qs = qs.exclude(requested_by_id=user.pk)
    return qs


def transfer_list(
    *, user: Any, direction: str = "", status: str = ""
) -> QuerySet[MembershipTransfer]:
    """Transfers in or out of the user's scope (``direction``: "in", "out", or "decide": the
    ones waiting for the user's side to decide)."""
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    incoming = policy.path_filter(paths, "to_union__path")
    outgoing = policy.path_filter(paths, "from_union__path")
    if direction == "decide":
        qs = transfers_to_decide(user)
    else:
        where = {"in": incoming, "out": outgoing}.get(direction, incoming | outgoing)
        qs = MembershipTransfer.objects.filter(where)
    qs = qs.select_related("member", "member__union", "from_union", "to_union")
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


# --- what waits for a clerk (the workbench's to-do list, ``members.todo``) -------------------


def applications_to_review(user: Any) -> QuerySet[MembershipApplication]:
    """Submitted applications at unions where the user reviews (the grassroots step)."""
    paths = policy.scope_paths(user, Perm.MEMBER_REVIEW)
    return MembershipApplication.objects.filter(
        policy.path_filter(paths, "union__path"), status=ApplicationStatus.SUBMITTED
    )


def applications_to_approve(user: Any) -> QuerySet[MembershipApplication]:
    """Reviewed applications at unions where the user approves, that someone else reviewed
    (``permissions.can_approve_application``: maker-checker)."""
    paths = policy.scope_paths(user, Perm.MEMBER_APPROVE)
    qs = MembershipApplication.objects.filter(
        policy.path_filter(paths, "union__path"), status=ApplicationStatus.REVIEWED
    )
    if getattr(user, "pk", None) is not None:
        qs = qs.exclude(reviewed_by_id=user.pk)
    return qs


def changes_to_decide(user: Any) -> QuerySet[MemberChangeRequest]:
    """Members' pending change requests at unions where the user confirms them."""
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    return MemberChangeRequest.objects.filter(
        policy.path_filter(paths, "member__union__path"), status=RequestStatus.PENDING
    )
