"""Scoped reads of members: search in the caller's subtree, one member, their history.
(The reads of the workflows' queues are in ``selectors.workflows``.)

Every read goes through ``member.view`` scope (the union subtrees where the user holds it).
A member outside that scope is answered exactly like an unknown one: ``NotFound``.
Exact look-ups by ID number or phone go through the blind index, never through decryption.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhigong.core.errors import NotFound
from zhigong.core.idnumber import normalise as normalise_id_number
from zhigong.core.phones import normalise_mobile
from zhigong.members import permissions
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.figures import counting
from zhigong.members.models import CardVerifier, Member, MemberCard, MemberHistory
from zhigong.members.personal import id_index, phone_index
from zhigong.members.services import registry
from zhigong.unions import figures, policy
from zhigong.unions.roles import Perm


def member_scope(user: Any, perm: Perm = Perm.MEMBER_VIEW) -> QuerySet[Member]:
    """Every member in the subtrees where the user holds ``perm`` (nothing when none)."""
    paths = policy.scope_paths(user, perm)
    return Member.objects.filter(policy.path_filter(paths, field="union__path"))


def member_list(
    user: Any,
    *,
    name: str = "",
    id_number: str = "",
    phone: str = "",
    card_number: str = "",
    union_code: str = "",
    status: str = "",
) -> QuerySet[Member]:
    """Members in scope matching every given filter; newest first, with their union."""
    qs = member_scope(user)
    if name := registry.name_key(name or ""):  # as names are stored: 王　磊 finds 王磊
        qs = qs.filter(name__contains=name)
    if id_number := (id_number or "").strip():
        qs = qs.filter(id_number_index=id_index(normalise_id_number(id_number)))
    if phone := normalise_mobile(phone or ""):
        qs = qs.filter(phone_index=phone_index(phone))
    if card_number := "".join((card_number or "").split()):
        qs = qs.filter(
            pk__in=MemberCard.objects.filter(number=card_number).values("member_id")[:10]
        )
    if union_code := (union_code or "").strip():
        union = policy.union_for(user, Perm.MEMBER_VIEW, union_code)
        if union is None:
            return qs.none()
        qs = qs.filter(union__path__startswith=union.path)
    if status:
        qs = qs.filter(status=status) if status in MemberStatus.values else qs.none()
    return qs.select_related("union").order_by("-id")


def member_total(user: Any, *, union_code: str = "", status: str = "") -> int:
    """How many members ``member_list`` gives when only these filters are set, read from the
    figures (kept exact by every service): one indexed query, where counting a city's million
    rows takes seconds. Lists use it for their page count."""
    if union_code := (union_code or "").strip():
        union = policy.union_for(user, Perm.MEMBER_VIEW, union_code)
        if union is None:
            return 0
        tops: Any = [union.pk]
    else:
        tops = policy.scope_tops(user, Perm.MEMBER_VIEW).values("id")
    if status and status not in MemberStatus.values:
        return 0
    return figures.total(counting.TOPIC, tops, "status", status)


def member_get(user: Any, pk: Any, *, perm: Perm = Perm.MEMBER_VIEW) -> Member:
    """One member the user may see (or act on with ``perm``); unknown and out of scope 404."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    member = Member.objects.select_related("union").filter(pk=key).first()
    if member is None or not policy.has_perm(user, perm, member.union):
        raise NotFound()
    return member


def member_visible(user: Any, pk: Any) -> Member | None:
    """The member if the user may see them, else None (never an error: callers carry on)."""
    member = Member.objects.select_related("union").filter(pk=pk).first()
    if member is None or not permissions.can_view_member(user, member):
        return None
    return member


def member_for_transfer(user: Any, pk: Any) -> Member:
    """A member the user may start a transfer for, from the member's own side."""
    member = member_get(user, pk)
    if not permissions.can_manage_member(user, member):
        raise NotFound()
    return member


def member_of_user(user: Any) -> Member:
    """The caller's own member record (the owner always sees it, masked)."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound()
    member = Member.objects.select_related("union").filter(user=user).first()
    if member is None:
        raise NotFound()
    return member


def member_history(member: Member, limit: int = 100) -> QuerySet[MemberHistory]:
    return member.history.select_related("actor").order_by("-at", "-id")[:limit]


def member_cards(member: Member) -> QuerySet[MemberCard]:
    return member.cards.order_by("-created_at", "-id")


def current_cards() -> QuerySet[MemberCard]:
    """Cards not revoked, newest first: a member's first one is their current card."""
    return MemberCard.objects.exclude(status=CardStatus.REVOKED).order_by("-created_at", "-id")


def member_current_card(member: Member) -> MemberCard | None:
    return current_cards().filter(member=member).first()


def verifier_list(user: Any) -> QuerySet[CardVerifier]:
    """Card-verifier credentials of the unions where the user holds ``member.manage``."""
    paths = policy.scope_paths(user, Perm.MEMBER_MANAGE)
    return (
        CardVerifier.objects.filter(policy.path_filter(paths, field="union__path"))
        .select_related("union")
        .order_by("-created_at", "-id")
    )
