"""Who may do what to an appeal: instance predicates (services authorise with them, pages
ask them which buttons to show).

Staff see the appeals of the unions their ``appeal.view`` covers. The raising union raises
(``appeal.raise``) and verifies (``appeal.verify``), by two different people: whoever raised
it never verifies or publishes it. The help centre publishes, returns, closes and features
(``appeal.publish``) at the appeal's help-centre federation (the district/county or city
federation above the raising union), so a street's centre staff cannot publish."""

from __future__ import annotations

from typing import Any

from zhigong.appeals.choices import EDITABLE, OPEN, AppealStatus
from zhigong.appeals.models import HardshipAppeal
from zhigong.core.actors import SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind, UnionLevel
from zhigong.unions.roles import Perm

# Unions that raise appeals: where workers are (enterprises, communities, streets).
RAISING_KINDS = (UnionKind.GRASSROOTS, UnionKind.COMMUNITY, UnionKind.STREET)


def help_centre_of(union: Union) -> Union:
    """The federation whose help centre publishes the appeals of ``union``: the nearest
    district/county or city federation above it (else the root)."""
    above = list(Union.objects.filter(path__in=union.ancestor_paths()).order_by("-path"))
    for candidate in above:
        if candidate.kind == UnionKind.FEDERATION and candidate.level in (
            UnionLevel.COUNTY,
            UnionLevel.CITY,
        ):
            return candidate
    return above[-1] if above else union


def centre_union(appeal: HardshipAppeal) -> Union:
    return appeal.help_centre or help_centre_of(appeal.union)


def can_view(user: Any, appeal: HardshipAppeal) -> bool:
    return policy.has_perm(user, Perm.APPEAL_VIEW, appeal.union)


def raised_it(user: Any, appeal: HardshipAppeal) -> bool:
    if isinstance(user, SystemActor):
        return False
    return same_person(user, appeal.raised_by_id) or same_person(user, appeal.created_by_id)


def can_edit(user: Any, appeal: HardshipAppeal) -> bool:
    return appeal.status in EDITABLE and policy.has_perm(user, Perm.APPEAL_RAISE, appeal.union)


def can_raise(user: Any, appeal: HardshipAppeal) -> bool:
    return can_edit(user, appeal)


def can_withdraw(user: Any, appeal: HardshipAppeal) -> bool:
    return appeal.status in OPEN and policy.has_perm(user, Perm.APPEAL_RAISE, appeal.union)


def can_verify(user: Any, appeal: HardshipAppeal) -> bool:
    return (
        appeal.status == AppealStatus.RAISED
        and policy.has_perm(user, Perm.APPEAL_VERIFY, appeal.union)
        and not raised_it(user, appeal)
    )


def holds_centre(user: Any, appeal: HardshipAppeal) -> bool:
    return policy.has_perm(user, Perm.APPEAL_PUBLISH, centre_union(appeal))


def can_publish(user: Any, appeal: HardshipAppeal) -> bool:
    return (
        appeal.status == AppealStatus.VERIFIED
        and holds_centre(user, appeal)
        and not raised_it(user, appeal)
    )


def can_close(user: Any, appeal: HardshipAppeal) -> bool:
    return appeal.status == AppealStatus.PUBLISHED and holds_centre(user, appeal)


def can_feature(user: Any, appeal: HardshipAppeal) -> bool:
    return appeal.status in (AppealStatus.PUBLISHED, AppealStatus.CLOSED) and holds_centre(
        user, appeal
    )


def can_record_pledge(user: Any, appeal: HardshipAppeal) -> bool:
    return appeal.status == AppealStatus.PUBLISHED and policy.has_perm(
        user, Perm.APPEAL_PLEDGE, appeal.union
    )


def can_fulfil(user: Any, appeal: HardshipAppeal) -> bool:
    return policy.has_perm(user, Perm.APPEAL_PLEDGE, appeal.union)


def can_reveal(user: Any, appeal: HardshipAppeal) -> bool:
    return policy.has_perm(user, Perm.APPEAL_REVEAL, appeal.union)


def require(allowed: bool, *, user: Any, appeal: HardshipAppeal) -> None:
    """As unknown (404) to whoever may not see the appeal, forbidden to whoever may."""
    if allowed:
        return
    if not can_view(user, appeal):
        raise NotFound()
    raise PermissionDenied()
