"""Reads for accounts that need scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhigong.accounts.models import User
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


def needs_mfa(user: User) -> bool:
    """Federation administrators must use a second factor when the setting asks for it."""
    return RoleGrant.objects.active().filter(user=user, role=Role.FEDERATION_ADMIN).exists()


def is_staff_user(user: Any) -> bool:
    return any(s.role != Role.MEMBER for s in policy.scopes_of(user))
