"""Where a case goes (CASE-1, DESIGN §3.1: routing is a function of the tree).

- A new case goes to the service centre of the requester's county or district federation:
  walk up from the member's grassroots union (a non-member names the district) to the first
  federation of county level (else the nearest federation, else the root). That federation's
  routing rule (``RoutingRule``, per kind or for every kind) names the centre; without one,
  the federation's own first active centre; with none, the federation itself holds the case.
- Escalation goes to the nearest federation above the union that holds the case, by the same
  rule (never back down to where it came from: then to that federation's own centre).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhigong.cases.models import RoutingRule
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel


@dataclass(frozen=True)
class Holder:
    """Who holds a case: a union, and the service centre there when it has one."""

    union: Union
    centre: ServiceCentre | None

    @property
    def label(self) -> str:
        return self.centre.name if self.centre else self.union.name


def _chain(union: Union) -> list[Union]:
    """The union and its ancestors, nearest first (one query)."""
    paths = [*union.ancestor_paths(), union.path]
    found = {u.path: u for u in Union.objects.filter(path__in=paths)}
    return [found[p] for p in reversed(paths) if p in found]


def _is_federation(union: Union) -> bool:
    return union.kind == UnionKind.FEDERATION


def district_of(union: Union) -> Union:
    """The county/district federation that serves ``union`` (the union itself if it is one)."""
    chain = _chain(union)
    for candidate in chain:
        if _is_federation(candidate) and candidate.level == UnionLevel.COUNTY:
            return candidate
    return federation_of(union, chain=chain)


def federation_of(union: Union, *, chain: list[Union] | None = None) -> Union:
    """The nearest federation at or above ``union`` (the root when there is none)."""
    chain = chain if chain is not None else _chain(union)
    return next((u for u in chain if _is_federation(u)), chain[-1])


def parent_federation(union: Union) -> Union | None:
    """The nearest federation strictly above ``union`` (the root when none is a federation);
    None at the top of the tree."""
    above = _chain(union)[1:]
    return next((u for u in above if _is_federation(u)), above[-1] if above else None)


def own_centre(union: Union) -> ServiceCentre | None:
    return (
        ServiceCentre.objects.filter(union=union, is_active=True, kind=ServiceCentre.Kind.CENTRE)
        .order_by("id")
        .first()
    )


def route(federation: Union, kind: str) -> Holder:
    """The holder of a new case of ``kind`` at ``federation``, by its routing rule."""
    rules = {
        r.kind: r
        for r in RoutingRule.objects.filter(union=federation, kind__in=[kind, ""])
        .select_related("centre__union")
        .order_by()
    }
    rule = rules.get(kind) or rules.get("")
    if rule is not None and rule.centre.is_active and rule.centre.union.is_active:
        return Holder(rule.centre.union, rule.centre)
    return Holder(federation, own_centre(federation))


def route_new(origin: Union, kind: str) -> Holder:
    """Where a new case whose requester belongs to ``origin`` goes."""
    return route(district_of(origin), kind)


def route_up(holding: Union, kind: str) -> Holder | None:
    """Where an escalation from ``holding`` goes; None when nothing is above."""
    parent = parent_federation(holding)
    if parent is None:
        return None
    holder = route(parent, kind)
    if holder.union.path.startswith(holding.path):
        return Holder(parent, own_centre(parent))  # a rule must not send it back down
    return holder


def rule_centres(federation: Union) -> list[ServiceCentre]:
    """The centres a federation's rule may name: the active ones of its subtree."""
    return list(
        ServiceCentre.objects.filter(
            union__path__startswith=federation.path, is_active=True, union__is_active=True
        )
        .select_related("union")
        .order_by("union__path", "id")
    )
