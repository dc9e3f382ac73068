"""The one place access is decided (DESIGN.md §3.1).

A role grant (user, union, role[, department]) covers the union and everything below it.
Every view, API route, export and job asks these functions; none decides on its own.

Questions about one union:
- ``has_perm(user, perm, union)``: may the user do ``perm`` at this union?
- ``require_perm(user, perm, union)``: the same, raising ``NotFound`` when the union is not
  even visible (so out-of-scope objects look exactly like unknown ones) and
  ``PermissionDenied`` when it is visible but the permission is missing.
- ``require(allowed, user=, union=)``: the same answer for an app's own predicate
  (``members.permissions.can_decide_transfer`` …).
Questions about the user's whole scope:
- ``holds(user, perm)``: does the user hold ``perm`` anywhere?
- ``scope_paths(user, perm)`` / ``scope_tops(user, perm)``: the tops of the subtrees where
  the user holds ``perm`` (as path prefixes, or as unions).
- ``union_for(user, perm, code)``: the union with this code, if the user holds ``perm`` there.
- ``unions_with_perm(user, perm)``: every union where the user holds ``perm`` (a queryset).
Others:
- ``users_with_perm(perm, union)``: who holds ``perm`` at the union (routing, notices).
- ``can_grant(actor, role, union)``: may the actor grant or revoke this role there?
- ``requires(perm)``: a page decorator: logged in, and holding ``perm`` somewhere (else 404).

The second factor (DESIGN §3.1): when the site requires it (``STAFF_MFA_REQUIRED``), the
permissions of ``roles.SECOND_FACTOR_PERMS`` (reveals and unmasked exports, granting roles,
reading the audit log) are held only by a user whose request passed a second factor: a
session verified at ``/accounts/mfa/``, or a bearer token issued after one. Without it every
question above answers as if the permission were not granted, so every present and future
page, API route, export and service that asks the policy is covered, whichever channel it
serves. ``needs_second_factor(user)`` says who must pass one; ``require_second_factor(user,
perm)`` turns "held, but not verified" into its own answer (403 ``second_factor_required``).

``SYSTEM`` (trusted paths: commands, jobs, the demo) holds every permission everywhere;
``None`` and anonymous users hold none. Superusers are platform operators: they use
``/admin/`` and management commands. They get no union scope here, so the workbench never
shows them members they have no role for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from zhigong.core.actors import SystemActor
from zhigong.core.compiled import CompiledQuery
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions.models import RoleGrant, Union
from zhigong.unions.roles import (
    ROLE_RANK,
    SECOND_FACTOR_PERMS,
    STAFF_ROLES,
    DepartmentKind,
    Perm,
    Role,
    permissions_for,
)

_CACHE_ATTR = "_zhigong_scopes"
_SYSTEM_RANK = max(ROLE_RANK.values()) + 1


@dataclass(frozen=True)
class Scope:
    """One active grant, reduced to what decisions need."""

    path: str
    role: str
    department_kind: str | None
    perms: frozenset[Perm]
    rank: int

    def covers(self, union_path: str) -> bool:
        return union_path.startswith(self.path)


# The platform's own scope: the whole tree (every path starts with ""), every permission.
_SYSTEM_SCOPES = (Scope("", "system", None, frozenset(Perm), _SYSTEM_RANK),)


# A bearer token's request reads the grants with this query (a session's come with its
# account, ``accounts.backends``): compiled once (``core.compiled``).
_ACTIVE_GRANTS = CompiledQuery(
    lambda user_id: (
        RoleGrant.objects.active()
        .filter(user_id=user_id, union__is_active=True)
        .values_list("union__path", "role", "department__kind")
    )
)


def scopes_of(user: Any) -> tuple[Scope, ...]:
    """The user's active grants, read once per user object (one query; a request's user is
    one object, so this is once per request)."""
    if isinstance(user, SystemActor):
        return _SYSTEM_SCOPES
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached: tuple[Scope, ...] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    return remember_grant_rows(user, _ACTIVE_GRANTS.run(user.pk))


def remember_grant_rows(
    user: Any, rows: Iterable[tuple[str, str, str | None]]
) -> tuple[Scope, ...]:
    """Keep the user's scopes for this request from their active grants at active unions,
    as ``(union path, role, department kind)`` rows: read by ``scopes_of``, or with the
    account itself in one query (``accounts.backends``)."""
    scopes = tuple(
        Scope(path, role, dept, permissions_for(role, dept), ROLE_RANK[role])
        for path, role, dept in rows
    )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def remember_grants(user: Any, grants: list[RoleGrant]) -> None:
    """Fill the per-request cache of ``scopes_of`` from the user's active grants read already
    with their unions and departments (the workbench home lists them): one query fewer on
    the page every clerk opens first."""
    if getattr(user, _CACHE_ATTR, None) is not None or not getattr(user, "is_active", False):
        return
    scopes = []
    for grant in grants:
        if grant.user_id != user.pk or grant.revoked_at is not None or not grant.union.is_active:
            continue
        dept = grant.department.kind if grant.department is not None else None
        perms = permissions_for(grant.role, dept)
        scopes.append(Scope(grant.union.path, grant.role, dept, perms, ROLE_RANK[grant.role]))
    setattr(user, _CACHE_ATTR, tuple(scopes))


class SecondFactorRequired(PermissionDenied):
    """The user holds the permission, but this session or token has not passed the second
    factor the site requires for it."""

    code = "second_factor_required"
    default_message = _(
        "此操作需要两步验证：请在网页上完成两步验证（/accounts/mfa/），或用验证码重新获取令牌。"
    )


def second_factor_passed(user: Any) -> bool:
    """Has this request's user passed the second factor where the site requires one?

    django-otp marks a session's user (``is_verified()``); the bearer-token resolver marks a
    token's user the same way. A user object marked by neither (loaded by a job, say) has
    not passed: the check fails closed."""
    if isinstance(user, SystemActor) or not settings.STAFF_MFA_REQUIRED:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def _usable(user: Any, perm: Perm) -> bool:
    """False when ``perm`` needs a second factor this request has not passed."""
    return perm not in SECOND_FACTOR_PERMS or second_factor_passed(user)


def needs_second_factor(user: Any) -> bool:
    """Must this account pass a second factor? (The site requires one, and one of its grants
    confers a permission of ``SECOND_FACTOR_PERMS``.)"""
    if isinstance(user, SystemActor) or not settings.STAFF_MFA_REQUIRED:
        return False
    return any(s.perms & SECOND_FACTOR_PERMS for s in scopes_of(user))


def require_second_factor(user: Any, perm: Perm) -> None:
    """Refuse, with its own answer, someone who holds ``perm`` but has not passed the second
    factor (an API client told to get a token with its code, rather than a bare 404)."""
    if not _usable(user, perm) and any(perm in s.perms for s in scopes_of(user)):
        raise SecondFactorRequired()


def forget(user: Any) -> None:
    """Drop the cached grants (after a grant or revoke in the same request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- one union -------------------------------------------------------------------------------


def has_perm(user: Any, perm: Perm, union: Union) -> bool:
    return _usable(user, perm) and any(
        perm in s.perms and s.covers(union.path) for s in scopes_of(user)
    )


def can_see(user: Any, union: Union) -> bool:
    return has_perm(user, Perm.UNION_VIEW, union)


def require(allowed: bool, *, user: Any, union: Union) -> None:
    """Refuse what a predicate did not allow: as unknown (404) when the union is out of the
    user's sight, as forbidden (403) when it is in sight."""
    if allowed:
        return
    if not can_see(user, union):
        raise NotFound()
    raise PermissionDenied()


def require_perm(user: Any, perm: Perm, union: Union) -> None:
    require(has_perm(user, perm, union), user=user, union=union)


def require_perm_above_roots(user: Any, perm: Perm) -> None:
    """Acts above every union (a new root of the tree, an import with no anchor): only a
    scope over the whole tree allows it, and only the platform has one (operators on the
    server, through management commands)."""
    if not _usable(user, perm) or not any(
        perm in s.perms and s.path == "" for s in scopes_of(user)
    ):
        raise PermissionDenied()


# --- the whole scope --------------------------------------------------------------------------


def holds(user: Any, perm: Perm) -> bool:
    """Does the user hold ``perm`` anywhere? (Which menus and lists to show at all.)"""
    return _usable(user, perm) and any(perm in s.perms for s in scopes_of(user))


def held_permissions(user: Any) -> frozenset[Perm]:
    """Every permission ``holds`` answers yes to for this user (what menus depend on)."""
    scopes = scopes_of(user)
    if not scopes:
        return frozenset()
    verified = second_factor_passed(user)
    return frozenset(
        perm for s in scopes for perm in s.perms if verified or perm not in SECOND_FACTOR_PERMS
    )


def holds_staff_role(user: Any) -> bool:
    """Does the user hold a staff role anywhere (every role but ``member``)? Who is shown
    the way to the workbench. (Django's ``is_staff`` is about the admin site, not this.)"""
    return any(s.role in STAFF_ROLES for s in scopes_of(user))


def scope_paths(user: Any, perm: Perm) -> list[str]:
    """The fewest path prefixes that cover every union where the user holds ``perm``."""
    if not _usable(user, perm):
        return []
    paths = sorted({s.path for s in scopes_of(user) if perm in s.perms})
    minimal: list[str] = []
    for path in paths:  # sorted, so an ancestor always comes before its descendants
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def scope_tops(user: Any, perm: Perm) -> QuerySet[Union]:
    """The unions at the tops of the user's scope for ``perm`` (for the platform: the roots)."""
    paths = scope_paths(user, perm)
    if paths == [""]:
        return Union.objects.filter(depth=1).order_by("path")
    return Union.objects.filter(path__in=paths).order_by("path")


def union_for(user: Any, perm: Perm, code: str) -> Union | None:
    """The union with this code if the user holds ``perm`` there; ``None`` for an unknown
    code and for one out of scope alike (callers show one message for both)."""
    code = (code or "").strip()
    if not code:
        return None
    union = Union.objects.filter(code=code).first()
    if union is None or not has_perm(user, perm, union):
        return None
    return union


def union_or_top(user: Any, perm: Perm, code: str = "") -> Union:
    """The union a page or route is asked about: the one with ``code`` if the user holds
    ``perm`` there, else (no code) the top of the user's scope for ``perm``. Unknown, out of
    scope and "``perm`` nowhere" are all ``NotFound`` (the figures of every topic)."""
    found = union_for(user, perm, code) if code.strip() else scope_tops(user, perm).first()
    if found is None:
        raise NotFound()
    return found


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


# --- who holds it ----------------------------------------------------------------------------


def users_with_perm(perm: Perm, union: Union) -> QuerySet[Any]:
    """Active users whose grants at this union or above confer ``perm``."""
    roles = [r for r in Role if perm in permissions_for(r)]
    dept_roles = Q(role=Role.DEPARTMENT_STAFF) & Q(
        department__kind__in=[
            kind
            for kind in DepartmentKind.values
            if perm in permissions_for(Role.DEPARTMENT_STAFF, kind)
        ]
    )
    grants = Q(role__in=roles) | dept_roles
    paths = [*union.ancestor_paths(), union.path]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_grants__in=RoleGrant.objects.active().filter(grants, union__path__in=paths),
        )
        .distinct()
    )


def can_grant(actor: Any, role: str, union: Union) -> bool:
    """Grant or revoke ``role`` at ``union``: inside the actor's subtree, never above their rank."""
    if not _usable(actor, Perm.ROLE_GRANT):
        return False
    granting_ranks = [
        s.rank for s in scopes_of(actor) if Perm.ROLE_GRANT in s.perms and s.covers(union.path)
    ]
    return bool(granting_ranks) and ROLE_RANK[role] <= max(granting_ranks)


# --- pages -----------------------------------------------------------------------------------


def requires(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A page for people who hold ``perm`` somewhere: others are sent to log in, or get the
    ordinary 404 (a page they cannot use does not exist for them). Objects on the page are
    still checked one by one by the selectors and services."""
    return requires_any(perm)


def requires_any(
    *perms: Perm,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """As ``requires``, for a page that serves holders of any of ``perms``."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not any(holds(request.user, perm) for perm in perms):
                raise NotFound()
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorate
