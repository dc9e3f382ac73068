"""Every scoped read of the matchmaking service.

Staff read the profiles of the unions their ``matchmaking.review`` or ``matchmaking.serve``
covers. A member reads their own profile and introductions, and the pool: other active,
public profiles, only while their own is active. Public means an open
``matchmaking_public`` consent (``members.Consent``), checked on every request, so a
withdrawal takes effect on the very next one."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhigong.core.errors import NotFound
from zhigong.matchmaking import permissions
from zhigong.matchmaking.choices import DocumentKind, IntroductionStatus, ProfileStatus
from zhigong.matchmaking.models import Introduction, Profile, ProfileDocument
from zhigong.members.models import Consent, ConsentPurpose
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def own_profile(user: Any) -> Profile | None:
    if not getattr(user, "pk", None):
        return None
    return Profile.objects.select_related("union").filter(member__user_id=user.pk).first()


def is_public_q() -> Exists:
    return Exists(
        Consent.objects.filter(
            member_id=OuterRef("member_id"),
            purpose=ConsentPurpose.MATCHMAKING_PUBLIC,
            withdrawn_at__isnull=True,
        )
    )


def is_public(profile: Profile) -> bool:
    return Consent.objects.filter(
        member_id=profile.member_id,
        purpose=ConsentPurpose.MATCHMAKING_PUBLIC,
        withdrawn_at__isnull=True,
    ).exists()


def pool_for(user: Any) -> QuerySet[Profile]:
    """The public profiles another active pool member may browse (none for anyone else)."""
    own = own_profile(user)
    if own is None or own.status != ProfileStatus.ACTIVE:
        return Profile.objects.none()
    return (
        Profile.objects.filter(status=ProfileStatus.ACTIVE)
        .filter(is_public_q())
        .exclude(pk=own.pk)
        .order_by("-entered_at", "-id")
    )


def pool_profile_get(user: Any, pk: int) -> Profile:
    found = pool_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def staff_scope(user: Any) -> QuerySet[Profile]:
    paths = policy.scope_paths(user, Perm.MATCH_REVIEW) + policy.scope_paths(user, Perm.MATCH_SERVE)
    if not paths:
        return Profile.objects.none()
    return Profile.objects.filter(policy.path_filter(paths, "union__path"))


def serve_scope(user: Any) -> QuerySet[Profile]:
    paths = policy.scope_paths(user, Perm.MATCH_SERVE)
    if not paths:
        return Profile.objects.none()
    return Profile.objects.filter(policy.path_filter(paths, "union__path"))


def profile_get_for_staff(user: Any, pk: int) -> Profile:
    profile = Profile.objects.select_related("member", "union").filter(pk=pk).first()
    if profile is None or not permissions.can_view_as_staff(user, profile):
        raise NotFound()
    return profile


def other_side_photo(introduction: Introduction, own: Profile) -> ProfileDocument:
    """The other side's latest photo, shown to a member only once both sides said yes to
    exchanging contacts (MM-2, MM-11): before that a photo is never shown to a member."""
    if introduction.status != IntroductionStatus.EXCHANGED:
        raise NotFound()
    other = (
        introduction.candidate_id if introduction.member_id == own.pk else introduction.member_id
    )
    found = (
        ProfileDocument.objects.filter(profile_id=other, kind=DocumentKind.PHOTO)
        .order_by("-pk")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def document_of(profile: Profile, pk: int) -> ProfileDocument:
    found = profile.documents.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# A candidate hears of an introduction only once the member has chosen them.
SEEN_BY_CANDIDATE = [
    IntroductionStatus.CHOSEN,
    IntroductionStatus.MEET,
    IntroductionStatus.EXCHANGED,
    IntroductionStatus.DECLINED,
]


def own_introductions(profile: Profile) -> QuerySet[Introduction]:
    return (
        Introduction.objects.filter(
            Q(member=profile) | Q(candidate=profile, status__in=SEEN_BY_CANDIDATE)
        )
        .select_related("member", "candidate")
        .order_by("-created_at", "-id")
    )


def own_introduction_get(user: Any, pk: int) -> Introduction:
    profile = own_profile(user)
    found = None if profile is None else own_introductions(profile).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def introduction_get_for_staff(user: Any, pk: int) -> Introduction:
    found = (
        Introduction.objects.select_related("member__union", "candidate__union", "member__member")
        .filter(pk=pk)
        .first()
    )
    if found is None or not (
        permissions.can_serve(user, found.member) or permissions.can_serve(user, found.candidate)
    ):
        raise NotFound()
    return found
