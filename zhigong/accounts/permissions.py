"""Who may see and hand out roles: instance predicates for services, views and templates."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import SystemActor, same_person
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


def token_admin_union(actor: Any, user: Any) -> Union | None:
    """A union where ``actor`` administers one of ``user``'s active roles (could revoke it):
    there the actor may also revoke the user's API tokens. None for oneself (one revokes one's
    own tokens as their owner) and for users outside the actor's reach."""
    if same_person(actor, getattr(user, "pk", None)):
        return None
    for grant in RoleGrant.objects.active().filter(user=user).select_related("union"):
        if can_grant_role(actor, grant.role, grant.union):
            return grant.union
    return None


def can_revoke_tokens_of(actor: Any, user: Any) -> bool:
    """The owner, or an administrator over one of the owner's roles."""
    return (
        same_person(actor, getattr(user, "pk", None)) or token_admin_union(actor, user) is not None
    )


def can_administer_accounts(actor: Any) -> bool:
    """Switch accounts off and on, reset a second factor, lift a lock-out: the platform's
    operators (``SYSTEM`` on the command line, superusers in ``/admin/``). Account-wide acts
    belong to no union, so no union administrator does them."""
    if isinstance(actor, SystemActor):
        return True
    return bool(getattr(actor, "is_superuser", False) and getattr(actor, "is_active", False))
