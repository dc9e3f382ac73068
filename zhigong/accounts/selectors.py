"""Reads for accounts that need scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhigong.accounts import permissions
from zhigong.accounts.models import ApiToken, User
from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import RoleGrant, Union
from zhigong.unions.roles import Perm, Role


def grants_of(user: User) -> QuerySet[RoleGrant]:
    """A user's own active grants (for the workbench home)."""
    return (
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("union", "department")
        .order_by("union__path", "role")
    )


def grants_at(*, user: Any, union: Union) -> QuerySet[RoleGrant]:
    """Active grants held at exactly this union, for those who may see roles there."""
    if not policy.has_perm(user, Perm.ROLE_VIEW, union):
        raise NotFound()
    return (
        RoleGrant.objects.active()
        .filter(union=union)
        .select_related("user", "department", "granted_by")
        .order_by("role", "user__username")
    )


def grant_get(*, user: Any, pk: int) -> RoleGrant:
    grant = RoleGrant.objects.select_related("union", "user").filter(pk=pk).first()
    if grant is None or not policy.has_perm(user, Perm.ROLE_VIEW, grant.union):
        raise NotFound()
    return grant


TOKENS_LISTED = 50


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """A user's own API tokens, newest first (the most recent ``TOKENS_LISTED``)."""
    return (
        ApiToken.objects.filter(user=user)
        .select_related("user")
        .order_by("-created_at")[:TOKENS_LISTED]
    )


def token_get_own(user: Any, pk: Any) -> ApiToken:
    """One of the user's own tokens; anyone else's is unknown (404)."""
    token = ApiToken.objects.select_related("user").filter(pk=_int(pk), user_id=user.pk).first()
    if token is None or user.pk is None:
        raise NotFound()
    return token


def token_owner_get(*, actor: Any, pk: Any) -> User:
    """A user whose tokens ``actor`` administers (over one of the user's roles); else 404."""
    user = User.objects.filter(pk=_int(pk)).first()
    if user is None or permissions.token_admin_union(actor, user) is None:
        raise NotFound()
    return user


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def is_staff_user(user: Any) -> bool:
    return any(s.role != Role.MEMBER for s in policy.scopes_of(user))
