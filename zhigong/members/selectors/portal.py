"""A member's reads of their own records (the portal's /me/ pages). The owner is the
logged-in user; nobody else's records are reachable from here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from zhigong.core.compiled import CompiledQuery
from zhigong.core.errors import Unavailable
from zhigong.members.choices import OPEN_APPLICATION_STATUSES, MemberStatus, RequestStatus
from zhigong.members.models import Member, MemberCard, MemberChangeRequest, MembershipApplication
from zhigong.members.selectors import current_cards, member_current_card


def own_member(user: Any) -> Member | None:
    """The user's member record (any status), with its union; None when they have none."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("union").filter(user=user).first()


def own_member_or_404(user: Any, *, active: bool = True) -> Member:
    """The user's own member record. A user who has none (or who left, when ``active``)
    gets a page saying so and what they can do instead (``Unavailable``, a 404 that explains
    itself): apply, follow their application, rejoin, export their data."""
    member = own_member(user)
    if member is None:
        raise _not_a_member(user)
    return _usable(member, active=active)


# The card page's read, compiled once per process (``core.compiled``): the page members open
# most, where building the SQL cost more than running it.
_OWN_CARD = CompiledQuery(
    lambda user_id: (
        current_cards().select_related("member__union").filter(member__user_id=user_id)[:1]
    )
)


def own_member_and_card_or_404(user: Any) -> tuple[Member, MemberCard | None]:
    """The card page's read: the user's own active member record and its current card (the
    newest one not revoked), in one query when there is a card (the page most members
    open); refused as ``own_member_or_404`` refuses."""
    if getattr(user, "is_authenticated", False):
        card = _OWN_CARD.first(user.pk)
        if card is not None:
            return _usable(card.member), card
    member = own_member_or_404(user)
    return member, member_current_card(member)


def _usable(member: Member, *, active: bool = True) -> Member:
    if active and member.status == MemberStatus.LEFT:
        raise Unavailable(
            _(
                "您已退会，会员卡已注销，会员服务已停止。您仍可以导出本人的会员资料，或重新申请入会。"
            ),
            title=_("您已退会"),
            actions=[
                (_("重新申请入会"), reverse("portal:members:apply")),
                (_("导出我的资料（Excel）"), reverse("portal:members:export_xlsx")),
                (_("我的会员服务"), reverse("portal:members:me")),
            ],
        )
    return member


def _not_a_member(user: Any) -> Unavailable:
    if own_open_application(user) is not None:
        return Unavailable(
            _("您的入会申请正在办理中，获批入会后即可使用会员卡等会员服务。"),
            title=_("入会申请办理中"),
            actions=[(_("查看申请进度"), reverse("portal:members:my_application"))],
        )
    return Unavailable(
        _(
            "加入工会后，即可使用会员卡、资料变更等会员服务。在线填写申请，由所在单位的基层工会审核。"
        ),
        title=_("您还不是工会会员"),
        actions=[
            (_("申请入会"), reverse("portal:members:apply")),
            (_("返回首页"), reverse("portal:home")),
        ],
    )


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
