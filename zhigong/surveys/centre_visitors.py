"""The target kind "a service centre's visitors": a survey of a ``unions.ServiceCentre``
belongs to the centre's union; any active member may answer (by login, or by card at the
centre's desk), and walk-in visitors answer with one-time codes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhigong.members.choices import MemberStatus
from zhigong.surveys.targets import TargetKind, register
from zhigong.unions.models import ServiceCentre, Union


def _choices(unions: QuerySet[Union]) -> list[tuple[int, str]]:
    found = ServiceCentre.objects.filter(union__in=unions, is_active=True).order_by("name")
    return list(found.values_list("pk", "name")[:500])


def _may_answer(centre: ServiceCentre, user: Any, member: Any) -> bool:
    return member is not None and member.status == MemberStatus.ACTIVE


CENTRE_VISITORS = register(
    TargetKind(
        key="centre_visitors",
        label=_("服务中心（站）的来访职工"),
        find=lambda pk: ServiceCentre.objects.select_related("union").filter(pk=pk).first(),
        choices=_choices,
        union_of=lambda centre: centre.union,
        name_of=lambda centre: centre.name,
        may_answer=_may_answer,
        walk_in=True,
    )
)
