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


def grassroots_search(query: str, limit: int = 20) -> list[Union]:
    """Active grassroots unions by name or code, for the pickers where a worker or staff
    choose where a member belongs: names and codes only, for any logged-in user."""
    query = query.strip()
    if not query:
        return []
    active = Union.objects.filter(kind=UnionKind.GRASSROOTS, is_active=True).only("code", "name")
    return list(active.filter(name__icontains=query).order_by("name")[:limit]) or list(
        active.filter(code__iexact=query)[:limit]
    )


def grassroots_by_code(code: str) -> Union | None:
    """The active grassroots union with this code (a picker's answer), or None."""
    return Union.objects.filter(
        code=code.strip(), kind=UnionKind.GRASSROOTS, is_active=True
    ).first()
