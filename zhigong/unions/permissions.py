"""Who may do what to the union tree: instance predicates for services, views and templates."""

from __future__ import annotations

from typing import Any

from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def can_manage_union(user: Any, union: Union) -> bool:
    """Rename, move, deactivate it; add unions and departments under it."""
    return policy.has_perm(user, Perm.UNION_MANAGE, union)


def can_move_union(user: Any, union: Union, new_parent: Union) -> bool:
    """Both ends of the move lie in the user's scope."""
    return can_manage_union(user, union) and can_manage_union(user, new_parent)


def can_manage_centres(user: Any, union: Union) -> bool:
    return policy.has_perm(user, Perm.CENTRE_MANAGE, union)


def can_import_unions(user: Any, union: Union) -> bool:
    """Import a union tree below ``union``."""
    return policy.has_perm(user, Perm.UNION_IMPORT, union)
