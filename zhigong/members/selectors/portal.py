"""A member's reads of their own records (the portal's /me/ pages). The owner is the
logged-in user; nobody else's records are reachable from here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhigong.core.errors import NotFound
from zhigong.members.choices import OPEN_APPLICATION_STATUSES, MemberStatus, RequestStatus
from zhigong.members.models import Member, MemberChangeRequest, MembershipApplication


def own_member(user: Any) -> Member | None:
    """The user's member record (any status), with its union; None when they have none."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("union").filter(user=user).first()


def own_member_or_404(user: Any, *, active: bool = True) -> Member:
    """The user's own member record; 404 for a user who has none (or who left, when
    ``active``)."""
    member = own_member(user)
    if member is None or (active and member.status == MemberStatus.LEFT):
        raise NotFound()
    return member


def own_applications(user: Any) -> QuerySet[MembershipApplication]:
    """The user's applications to join, newest first."""
    return (
        MembershipApplication.objects.filter(applicant=user)
        .select_related("union", "reviewed_by")
        .order_by("-created_at", "-id")
    )


def own_open_application(user: Any) -> MembershipApplication | None:
    return own_applications(user).filter(status__in=OPEN_APPLICATION_STATUSES).first()


def pending_change(member: Member) -> MemberChangeRequest | None:
    return member.change_requests.filter(status=RequestStatus.PENDING).first()


def decided_changes(member: Member, limit: int = 10) -> QuerySet[MemberChangeRequest]:
    return member.change_requests.exclude(status=RequestStatus.PENDING).order_by("-created_at")[
        :limit
    ]
