"""Who may see and hand out roles: instance predicates for services, views and templates."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import same_person
from zhigong.unions import policy
from zhigong.unions.models import RoleGrant, Union
from zhigong.unions.roles import Perm, Role


def can_see_roles(user: Any, union: Union) -> bool:
    return policy.has_perm(user, Perm.ROLE_VIEW, union)


def can_grant_role(user: Any, role: str, union: Union) -> bool:
    """Inside the user's subtree, and never a role ranked above their own."""
    return policy.can_grant(user, role, union)


def grantable_roles(user: Any, union: Union) -> list[str]:
    return [role for role in Role.values if can_grant_role(user, role, union)]


def can_revoke_grant(user: Any, grant: RoleGrant) -> bool:
    """As granting; and nobody revokes their own role (their superior does)."""
    return can_grant_role(user, grant.role, grant.union) and not same_person(user, grant.user_id)


def can_create_user(user: Any, union: Union) -> bool:
    """Staff who may grant roles at ``union`` create the logins they grant them to."""
    return policy.has_perm(user, Perm.ROLE_GRANT, union)
