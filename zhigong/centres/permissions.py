"""Who may do what with service centres (predicates; services authorise with them, pages ask
them which buttons to show).

A centre belongs to a union: staff whose ``centre.view`` covers that union see it, those whose
``centre.manage`` covers it register and edit it (a district federation registers its own
centre and the street and enterprise stations below it). The year's standards and targets
are the city's: ``centre.standards`` held at a root of the tree."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import SystemActor
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel
from zhigong.unions.roles import Perm


def can_view(user: Any, centre: ServiceCentre) -> bool:
    return policy.has_perm(user, Perm.CENTRE_VIEW, centre.union)


def can_manage(user: Any, centre: ServiceCentre) -> bool:
    return policy.has_perm(user, Perm.CENTRE_MANAGE, centre.union)


def can_register_at(user: Any, union: Union) -> bool:
    return policy.has_perm(user, Perm.CENTRE_MANAGE, union)


def city_unions(user: Any) -> list[Union]:
    """The roots of the tree where the user sets standards and targets."""
    if isinstance(user, SystemActor):
        return list(Union.objects.filter(depth=1))
    return [
        u for u in Union.objects.filter(depth=1) if policy.has_perm(user, Perm.CENTRE_STANDARDS, u)
    ]


def can_set_standards(user: Any) -> bool:
    return isinstance(user, SystemActor) or bool(city_unions(user))


def names_model_centres(union: Union) -> bool:
    """District (county-level federation), bureau and industry unions name a model centre a
    year (seed 002 §6.4)."""
    return (union.kind == UnionKind.FEDERATION and union.level == UnionLevel.COUNTY) or (
        union.kind == UnionKind.INDUSTRY
    )


def require(allowed: bool, *, user: Any, centre: ServiceCentre) -> None:
    """As unknown (404) to whoever may not see the centre, forbidden to whoever may."""
    if allowed:
        return
    if not can_view(user, centre):
        raise NotFound()
    raise PermissionDenied()


def inspects(user: Any) -> bool:
    """The city's working group: ``centre.inspect`` held at a root of the tree. A district
    administrator holds the perm too, but only over the district, so never inspects."""
    if isinstance(user, SystemActor):
        return True
    return any(policy.has_perm(user, Perm.CENTRE_INSPECT, u) for u in Union.objects.filter(depth=1))


def proposes(union: Union) -> bool:
    """Who submits the application form: district, bureau and industry unions (and, like
    them, a union that names model centres)."""
    return names_model_centres(union)
