"""What federation administrators set for their own cases: which service centre receives a
federation's new cases (CASE-1: "operators can change the routing rule per federation").
Deadlines, reply templates and the list of departments are the platform operators' (admin)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.cases import permissions, routing
from zhigong.cases.choices import CaseKind
from zhigong.cases.models import RoutingRule
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union


@service
def routing_rule_set(
    *, actor: Actor, union: Union, kind: str, centre: ServiceCentre | None
) -> RoutingRule | None:
    """Name the centre that receives ``union``'s new cases of ``kind`` ("" for every kind);
    ``centre=None`` removes the rule (the federation's own first centre receives them)."""
    policy.require(permissions.can_configure_routing(actor, union), user=actor, union=union)
    if kind and kind not in CaseKind.values:
        raise DomainError(_("类型无效。"), fields={"kind": _("类型无效。")})
    existing = RoutingRule.objects.filter(union=union, kind=kind).first()
    before = existing.centre.name if existing else None
    if centre is None:
        if existing is not None:
            existing.delete()
            audit_record(
                actor=actor,
                action="case_routing.clear",
                target=union,
                union=union,
                changes={"centre": [before, None], "kind": [kind, kind]},
            )
        return None
    if centre.pk not in {c.pk for c in routing.rule_centres(union)}:
        message = _("只能选择本工会及下级工会中有效的服务中心（站）。")
        raise DomainError(message, fields={"centre": message})
    rule, _created = RoutingRule.objects.update_or_create(
        union=union, kind=kind, defaults={"centre": centre, "updated_by": acting_user(actor)}
    )
    audit_record(
        actor=actor,
        action="case_routing.set",
        target=union,
        union=union,
        changes={"centre": [before, centre.name], "kind": [kind, kind]},
    )
    return rule
