"""The three unions that give a registration's opinions (附件2): the unit union that keeps the
volunteer, the district/county, zone or industry union above it (whose quota the volunteer
counts in, 附件1), and the city federation above that."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.core.errors import DomainError
from zhigong.unions.models import Union, UnionKind, UnionLevel
from zhigong.volunteers.choices import Step
from zhigong.volunteers.models import Volunteer

# Unions that may keep volunteers and give the first opinion (seed 001 §2: enterprises and
# communities; someone who is not a member registers at their street or community union).
UNIT_KINDS = (UnionKind.GRASSROOTS, UnionKind.COMMUNITY, UnionKind.STREET)


def holds_quota(union: Union) -> bool:
    """A district/county federation, a zone's or an industry union: 附件1's rows."""
    if union.kind in (UnionKind.INDUSTRY, UnionKind.ZONE):
        return True
    return union.kind == UnionKind.FEDERATION and union.level == UnionLevel.COUNTY


def _line(union: Union) -> list[Union]:
    """The union and its ancestors, nearest first (one query)."""
    above = {u.path: u for u in Union.objects.filter(path__in=union.ancestor_paths())}
    return [union, *(above[p] for p in reversed(union.ancestor_paths()) if p in above)]


def quota_union_of(union: Union) -> Union:
    for candidate in _line(union):
        if holds_quota(candidate):
            return candidate
    raise DomainError(
        _("“%(name)s”不在任何区（县）总工会、开发区或产业工会之下，无法登记志愿者。")
        % {"name": union.name},
        code="no_district_union",
    )


def city_union_of(union: Union) -> Union:
    """The city federation above ``union``: the nearest city-level federation, else the root."""
    line = _line(union)
    for candidate in line:
        if candidate.kind == UnionKind.FEDERATION and candidate.level == UnionLevel.CITY:
            return candidate
    return line[-1]


def step_union(volunteer: Volunteer, step: str) -> Union:
    """The union whose staff give ``step``'s opinion on a registration."""
    if step == Step.UNIT:
        return volunteer.union
    district = volunteer.quota_union or quota_union_of(volunteer.union)
    if step == Step.DISTRICT:
        return district
    return volunteer.city_union or city_union_of(district)


def place(volunteer: Volunteer) -> None:
    """Set the unions of the second and third steps from where ``volunteer.union`` stands
    now (at each submission: the tree may have moved since)."""
    volunteer.quota_union = quota_union_of(volunteer.union)
    volunteer.city_union = city_union_of(volunteer.quota_union)
