"""Who may do what to a member and to the members app's records: instance predicates.

Services authorise with these (``policy.require(can_…(actor, obj), user=actor, union=…)``)
and views and templates call the same functions to decide which buttons to show, so a page
never offers what the service would refuse. They answer "may this person act on this
object"; whether the object's status still allows the step is the workflow's answer
(``APPLICATION_FLOW.allows(...)``), asked separately.
"""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import Actor, SystemActor, same_person
from zhigong.core.masking import mask_name
from zhigong.members.choices import RequestStatus, TransferSide
from zhigong.members.models import (
    Member,
    MemberCard,
    MemberChangeRequest,
    MembershipApplication,
    MembershipTransfer,
)
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def is_own(actor: Actor | Any, member: Member) -> bool:
    """The member themself (their linked login). The platform may act for any member."""
    if isinstance(actor, SystemActor):
        return True
    return member.user_id is not None and same_person(actor, member.user_id)


# --- members ---------------------------------------------------------------------------------


def can_view_member(user: Any, member: Member) -> bool:
    return policy.has_perm(user, Perm.MEMBER_VIEW, member.union)


def can_manage_member(user: Any, member: Member) -> bool:
    """Change a member's status, act on their card, start their transfer."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, member.union)


def can_reveal_member(user: Any, member: Member) -> bool:
    """See the full ID number or phone (with a reason, logged)."""
    return policy.has_perm(user, Perm.MEMBER_VIEW, member.union) and policy.has_perm(
        user, Perm.MEMBER_REVEAL, member.union
    )


def can_see_name(user: Any, member: Member) -> bool:
    """See the member's name in full. Staff who look after the member (``member.manage`` at
    the member's union: its officers and the staff above it) know the people they serve by
    name; anyone else who meets the member on a page (the other side of a transfer, a
    reader with ``member.view`` only) sees the masked name (张*丰). ID numbers and phones are
    masked for everyone (``can_reveal_member`` shows them, logged)."""
    return is_own(user, member) or policy.has_perm(user, Perm.MEMBER_MANAGE, member.union)


def name_shown(user: Any, member: Member) -> str:
    """The member's name as this user sees it on a page: in full or masked (``can_see_name``)."""
    return member.name if can_see_name(user, member) else mask_name(member.name)


def can_enter_member(user: Any, union: Union) -> bool:
    """Archive a member at ``union`` directly, or enter an application for a worker there."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, union)


# --- applications to join --------------------------------------------------------------------


def can_see_application(user: Any, application: MembershipApplication) -> bool:
    return can_review_application(user, application) or policy.has_perm(
        user, Perm.MEMBER_APPROVE, application.union
    )


def can_review_application(user: Any, application: MembershipApplication) -> bool:
    """The grassroots union's step."""
    return policy.has_perm(user, Perm.MEMBER_REVIEW, application.union)


def can_approve_application(user: Any, application: MembershipApplication) -> bool:
    """The service centre's step: never the person who reviewed it (maker-checker)."""
    return policy.has_perm(user, Perm.MEMBER_APPROVE, application.union) and not same_person(
        user, application.reviewed_by_id
    )


def can_withdraw_application(user: Any, application: MembershipApplication) -> bool:
    """The applicant, or staff who may enter applications at its union."""
    return (
        application.applicant_id is not None and same_person(user, application.applicant_id)
    ) or policy.has_perm(user, Perm.MEMBER_MANAGE, application.union)


# --- members' own requests -------------------------------------------------------------------


def can_decide_change(user: Any, change: MemberChangeRequest) -> bool:
    """Staff of the member's union confirm or reject what the member asked to change."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, change.member.union)


# --- transfers -------------------------------------------------------------------------------
# Whoever asks never decides: the side that did not ask decides (the receiving union accepts
# what the member's union asked; the member's union confirms what the receiving union asked),
# and never the person who asked, even when one person's scope covers both sides.


def can_request_transfer_of(user: Any, member: Member) -> bool:
    """Ask, for a member in the user's care, to move them out (the holding side)."""
    return can_manage_member(user, member)


def can_request_transfer_into(user: Any, to_union: Union) -> bool:
    """Ask for someone to move into ``to_union`` (the receiving side): by ID number."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, to_union)


def can_see_transfer(user: Any, transfer: MembershipTransfer) -> bool:
    return policy.has_perm(user, Perm.MEMBER_MANAGE, transfer.to_union) or (
        transfer.from_union is not None
        and policy.has_perm(user, Perm.MEMBER_MANAGE, transfer.from_union)
    )


def can_decide_transfer(user: Any, transfer: MembershipTransfer) -> bool:
    deciding = transfer.deciding_union
    return (
        transfer.member_id is not None
        and deciding is not None
        and policy.has_perm(user, Perm.MEMBER_MANAGE, deciding)
        and not same_person(user, transfer.requested_by_id)
    )


def can_see_transfer_member(user: Any, transfer: MembershipTransfer) -> bool:
    """Who the member is and where they are: for the member's own union, and for the
    receiving side once the member's union has asked or has confirmed. A receiving side
    that asked by ID number sees only the masked number it typed until then."""
    if transfer.member_id is None:
        return False
    if transfer.from_union is not None and policy.has_perm(
        user, Perm.MEMBER_MANAGE, transfer.from_union
    ):
        return True
    return transfer.requested_side == TransferSide.HOLDING or transfer.status == (
        RequestStatus.CONFIRMED
    )


# --- cards -----------------------------------------------------------------------------------


def can_issue_card(user: Any, member: Member) -> bool:
    return policy.has_perm(user, Perm.MEMBER_APPROVE, member.union)


def can_manage_card(user: Any, card: MemberCard) -> bool:
    """Suspend or restore a card: staff of the member's union."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, card.member.union)


def can_use_card(user: Any, card: MemberCard) -> bool:
    """Activate or report lost: the card's own member, or staff of their union."""
    return is_own(user, card.member) or can_manage_card(user, card)


def can_create_verifier(user: Any, union: Union) -> bool:
    """Card-verifier credentials for merchants and event desks of ``union``."""
    return policy.has_perm(user, Perm.MEMBER_MANAGE, union)
