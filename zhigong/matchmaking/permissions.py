"""Who may do what to a matchmaking profile: instance predicates (services authorise with
them, pages ask them which buttons to show).

A profile is seen by its member, by the grassroots officers whose ``matchmaking.review``
covers its union (to review the form), and by the staff whose ``matchmaking.serve`` covers it
(the women workers' department and the service centres: enter it into the pool, check
identity, screen, introduce, follow up, end the service). Another member sees a profile only
on the pool pages, only while it is active and public (``selectors.pool_for``), and never its
requirements, surname, employer, ID, phone or photo."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.matchmaking.models import Profile
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def is_owner(user: Any, profile: Profile) -> bool:
    if isinstance(user, SystemActor):
        return True
    owner = profile.member.user_id
    return owner is not None and same_person(user, owner)


def can_review(user: Any, profile: Profile) -> bool:
    return policy.has_perm(user, Perm.MATCH_REVIEW, profile.union)


def can_serve(user: Any, profile: Profile) -> bool:
    return policy.has_perm(user, Perm.MATCH_SERVE, profile.union)


def can_view_as_staff(user: Any, profile: Profile) -> bool:
    return can_review(user, profile) or can_serve(user, profile)


def can_view(user: Any, profile: Profile) -> bool:
    return is_owner(user, profile) or can_view_as_staff(user, profile)


def require(allowed: bool, *, user: Any, profile: Profile) -> None:
    """Refuse what a predicate did not allow: as unknown (404) to whoever may not see the
    profile at all, as forbidden (403) to whoever sees it."""
    if allowed:
        return
    if not can_view(user, profile):
        raise NotFound()
    raise PermissionDenied()
