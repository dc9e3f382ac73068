"""The one place access is decided (DESIGN.md §3.1).

A role grant (user, union, role[, department]) covers the union and everything below it.
Every view, API route, export and job asks these functions; none decides on its own.

- ``has_perm(user, perm, union)``: may the user do ``perm`` at this union?
- ``require_perm(user, perm, union)``: the same, raising ``NotFound`` when the union is not
  even visible (so out-of-scope objects look exactly like unknown ones) and
  ``PermissionDenied`` when it is visible but the permission is missing.
- ``unions_with_perm(user, perm)``: a queryset of the unions where the user holds ``perm``.
- ``users_with_perm(perm, union)``: who holds ``perm`` at the union (routing, notices).
- ``can_grant(actor, role, union)``: may the actor grant or revoke this role there?

Superusers are platform operators: they use ``/admin/`` and management commands. They get
no union scope here, so the workbench never shows them members they have no role for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from zhigong.accounts.roles import ROLE_RANK, Perm, Role, permissions_for
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions.models import Union

if TYPE_CHECKING:
    from zhigong.accounts.models import User

_CACHE_ATTR = "_zhigong_scopes"


@dataclass(frozen=True)
class Scope:
    """One active grant, reduced to what decisions need."""

    path: str
    role: str
    department_kind: str | None
    perms: frozenset[Perm]

    def covers(self, union_path: str) -> bool:
        return union_path.startswith(self.path)


def scopes_of(user: Any) -> tuple[Scope, ...]:
    """The user's active grants, read once per user object (one query)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from zhigong.accounts.models import RoleGrant

    rows = (
        RoleGrant.objects.active()
        .filter(user=user, union__is_active=True)
        .values_list("union__path", "role", "department__kind")
    )
    scopes = tuple(
        Scope(path, role, dept, permissions_for(role, dept)) for path, role, dept in rows
    )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def forget(user: Any) -> None:
    """Drop the cached grants (after a grant or revoke in the same request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_perm(user: Any, perm: Perm, union: Union) -> bool:
    return any(perm in s.perms and s.covers(union.path) for s in scopes_of(user))


def can_see(user: Any, union: Union) -> bool:
    return has_perm(user, Perm.UNION_VIEW, union)


def require_perm(user: Any, perm: Perm, union: Union) -> None:
    if not can_see(user, union):
        raise NotFound()
    if not has_perm(user, perm, union):
        raise PermissionDenied()


def scope_paths(user: Any, perm: Perm) -> list[str]:
    """The fewest path prefixes that cover every union where the user holds ``perm``."""
    paths = sorted({s.path for s in scopes_of(user) if perm in s.perms})
    minimal: list[str] = []
    for path in paths:  # sorted, so an ancestor always comes before its descendants
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def path_filter(paths: list[str], field: str = "path") -> Q:
    """A Q object matching rows whose ``field`` lies under any of ``paths``; empty → nothing."""
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def unions_with_perm(user: Any, perm: Perm) -> QuerySet[Union]:
    return Union.objects.filter(path_filter(scope_paths(user, perm)))


def users_with_perm(perm: Perm, union: Union) -> QuerySet[User]:
    """Active users whose grants at this union or above confer ``perm``."""
    from zhigong.accounts.models import User

    roles = [r for r in Role if perm in permissions_for(r)]
    dept_roles = Q(role=Role.DEPARTMENT_STAFF) & Q(
        department__kind__in=[
            kind
            for kind in _department_kinds()
            if perm in permissions_for(Role.DEPARTMENT_STAFF, kind)
        ]
    )
    grants = Q(role__in=roles) | dept_roles
    paths = [*union.ancestor_paths(), union.path]
    return User.objects.filter(
        is_active=True,
        role_grants__in=_active_grants().filter(grants, union__path__in=paths),
    ).distinct()


def _department_kinds() -> list[str]:
    from zhigong.accounts.roles import DepartmentKind

    return list(DepartmentKind.values)


def _active_grants() -> QuerySet[Any]:
    from zhigong.accounts.models import RoleGrant

    return RoleGrant.objects.active()


def can_grant(actor: Any, role: str, union: Union) -> bool:
    """Grant or revoke ``role`` at ``union``: inside the actor's subtree, never above their rank."""
    if not has_perm(actor, Perm.ROLE_GRANT, union):
        return False
    granting_ranks = [
        ROLE_RANK[s.role]
        for s in scopes_of(actor)
        if Perm.ROLE_GRANT in s.perms and s.covers(union.path)
    ]
    return ROLE_RANK[role] <= max(granting_ranks, default=-1)
