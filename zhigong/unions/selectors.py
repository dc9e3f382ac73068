"""Reads of the union tree that need scope. Out of scope reads raise ``NotFound``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Length, Substr

from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import Department, ServiceCentre, Union, UnionKind
from zhigong.unions.roles import Perm


def with_parent_code(qs: QuerySet[Union]) -> QuerySet[Union]:
    """Annotate each union with its parent's code (one correlated subquery, no N+1)."""
    parent = Union.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Value(Union.steplen))
    ).values("code")[:1]
    return qs.annotate(parent_code=Subquery(parent))


def union_get(*, user: Any, code: str, perm: Perm = Perm.UNION_VIEW) -> Union:
    """A union the user may see (or act on with ``perm``); unknown and out of scope alike 404."""
    union = policy.union_for(user, perm, code)
    if union is None:
        raise NotFound()
    return union


def union_roots_for(user: Any) -> QuerySet[Union]:
    """The tops of the user's visible subtrees (where the tree view starts)."""
    return policy.scope_tops(user, Perm.UNION_VIEW)


def union_children(*, user: Any, union: Union) -> QuerySet[Union]:
    if not policy.can_see(user, union):
        raise NotFound()
    children = Union.objects.filter(path__startswith=union.path, depth=union.depth + 1)
    return children.annotate(parent_code=Value(union.code)).order_by("-is_active", "code")


def union_list(
    *, user: Any, query: str = "", kind: str = "", active: bool | None = None
) -> QuerySet[Union]:
    """Unions in the user's scope, searched by name, short name or code."""
    qs = policy.unions_with_perm(user, Perm.UNION_VIEW)
    if query:
        qs = qs.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__istartswith=query)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(is_active=active)
    return with_parent_code(qs).order_by("path")


def union_names(codes: set[str]) -> dict[str, str]:
    """Names of the unions with these codes, by code (one query; names are no secret: the
    breadcrumbs show them above a user's scope too)."""
    if not codes:
        return {}
    return dict(Union.objects.filter(code__in=codes).values_list("code", "name"))


@dataclass(frozen=True)
class Crumb:
    code: str
    name: str
    visible: bool  # False above the user's scope: the name is shown, not a link


def union_breadcrumbs(*, user: Any, union: Union) -> list[Crumb]:
    """The path from the root to ``union``: names above the user's scope, links within it."""
    paths = [*union.ancestor_paths(), union.path]
    rows = (
        Union.objects.filter(path__in=paths).order_by("depth").values_list("code", "name", "path")
    )
    scope = policy.scope_paths(user, Perm.UNION_VIEW)
    return [Crumb(code, name, any(path.startswith(p) for p in scope)) for code, name, path in rows]


def departments_of(*, user: Any, union: Union) -> QuerySet[Department]:
    if not policy.can_see(user, union):
        raise NotFound()
    return union.departments.order_by("kind")


def centres_of(*, user: Any, union: Union) -> QuerySet[ServiceCentre]:
    if not policy.can_see(user, union):
        raise NotFound()
    return union.centres.order_by("kind", "name")


def subtree_counts(*, union: Union, below: bool = False) -> dict[str, int]:
    """How many unions of each kind lie in the subtree (``below``: not counting the union)."""
    qs = Union.objects.filter(path__startswith=union.path)
    if below:
        qs = qs.exclude(pk=union.pk)
    rows = qs.order_by().values("kind").annotate(n=Count("id"))  # treebeard orders by path
    return {row["kind"]: row["n"] for row in rows}


# --- the union picker -------------------------------------------------------------------------
# Staff choose a union by typing part of its name (or its code) wherever a page asks for one:
# the search lists the unions of the user's scope for the permission the page needs, each
# with its full path, so two unions of the same name cannot be confused; a form field takes
# a code or an exact name (``unions.forms.UnionPickField``), so the page works without
# JavaScript too.

PICK_LIMIT = 20


@dataclass(frozen=True)
class PickScope:
    """Which unions a picker offers: those where the user holds ``perm`` (``perm=None``
    with ``kind=grassroots``: any active grassroots union, the destinations of a transfer),
    of ``kind`` if given, active ones only unless ``inactive``. ``everyone``: to any
    logged-in person, with no permission at all (the portal's application form, where a
    worker chooses the grassroots union of their workplace; names and codes are no secret)."""

    perm: Perm | None
    kind: str = ""
    inactive: bool = False
    everyone: bool = False

    def unions(self, user: Any) -> QuerySet[Union]:
        if self.perm is not None:
            qs = policy.unions_with_perm(user, self.perm)
        elif self.kind == UnionKind.GRASSROOTS and (
            (self.everyone and getattr(user, "is_authenticated", False))
            or policy.holds(user, Perm.UNION_VIEW)
        ):
            qs = Union.objects.all()
        else:
            return Union.objects.none()
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if not self.inactive:
            qs = qs.filter(is_active=True)
        return qs


@dataclass(frozen=True)
class PickRow:
    union: Union
    trail: list[str]  # the names above it, root first

    @property
    def path_label(self) -> str:
        """The whole path, root first, ending with the union itself: 武汉市总工会 › 江岸区总工会
        › 大智街道工会 › 武汉江城机械有限公司工会 (two unions of similar names differ here)."""
        return " › ".join([*self.trail, self.union.name])


def union_trails(unions: list[Union]) -> dict[str, list[str]]:
    """The names of each union's ancestors, root first, by union path (one query)."""
    wanted = {path for u in unions for path in u.ancestor_paths()}
    names = dict(Union.objects.filter(path__in=wanted).values_list("path", "name"))
    return {u.path: [names[p] for p in u.ancestor_paths() if p in names] for u in unions}


def union_pick_search(
    *, user: Any, scope: PickScope, query: str, limit: int = PICK_LIMIT
) -> list[PickRow]:
    """Unions of ``scope`` whose name or short name holds ``query`` or whose code starts
    with it: an exact code first, then the highest in the tree, with their paths."""
    query = " ".join(query.split())
    if not query:
        return []
    found = scope.unions(user).filter(
        Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__istartswith=query)
    )
    exact = list(found.filter(code__iexact=query)[:1])
    rest = list(found.exclude(pk__in=[u.pk for u in exact]).order_by("depth", "path")[:limit])
    unions = (exact + rest)[:limit]
    trails = union_trails(unions)
    return [PickRow(u, trails[u.path]) for u in unions]


@dataclass(frozen=True)
class Resolved:
    union: Union | None
    matches: int  # unions of that exact name (more than one: the name alone is ambiguous)


def union_resolve(*, user: Any, scope: PickScope, text: str) -> Resolved:
    """The union of ``scope`` that ``text`` names: its code (any case), else its exact name
    or short name. Unknown and out of scope look the same (nothing found)."""
    text = " ".join((text or "").split())
    if not text:
        return Resolved(None, 0)
    unions = scope.unions(user)
    by_code = unions.filter(code=text).first() or unions.filter(code__iexact=text).first()
    if by_code is not None:
        return Resolved(by_code, 1)
    named = list(unions.filter(Q(name=text) | Q(short_name=text)).order_by("path")[:2])
    return Resolved(named[0] if len(named) == 1 else None, len(named))
