"""Who may do what to a case: instance predicates (services authorise with them, pages ask
them which buttons to show).

A case is seen by its requester and by staff whose ``case.view`` covers the union that
holds it; a legal volunteer (``case.handle`` only) sees just the cases assigned to them.
Staff with ``case.manage`` there accept, assign, transfer, refer, escalate and close; the
handler (or the managers) reply and escalate; the requester rates, adds information and
reopens. Whether the case's status still allows the step is ``CASE_FLOW``'s answer."""

from __future__ import annotations

from typing import Any

from zhigong.cases.models import Case
from zhigong.core.actors import Actor, SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.roles import Perm


def is_requester(user: Actor | Any, case: Case) -> bool:
    """The account that follows the case on the portal. (The platform acts for anyone.)"""
    if isinstance(user, SystemActor):
        return True
    return case.requester_id is not None and same_person(user, case.requester_id)


def is_handler(user: Actor | Any, case: Case) -> bool:
    return (
        case.handler_id is not None
        and same_person(user, case.handler_id)
        and policy.has_perm(user, Perm.CASE_HANDLE, case.union)
    )


def can_view_as_staff(user: Any, case: Case) -> bool:
    return policy.has_perm(user, Perm.CASE_VIEW, case.union) or is_handler(user, case)


def can_view_case(user: Any, case: Case) -> bool:
    return is_requester(user, case) or can_view_as_staff(user, case)


def can_manage_case(user: Any, case: Case) -> bool:
    """Accept, assign, transfer, refer to a department, close."""
    return policy.has_perm(user, Perm.CASE_MANAGE, case.union)


def can_reply(user: Any, case: Case) -> bool:
    """Answer the requester, or escalate what one cannot answer: the handler, or the
    managers of the holding union."""
    return is_handler(user, case) or (
        can_manage_case(user, case) and policy.has_perm(user, Perm.CASE_HANDLE, case.union)
    )


def can_reveal_requester(user: Any, case: Case) -> bool:
    """See the requester's full name and phone (to call them back), with a reason, logged."""
    return can_view_as_staff(user, case) and policy.has_perm(user, Perm.CASE_REVEAL, case.union)


def can_record_call(user: Any) -> bool:
    """Record a hotline call (or a visit, a letter) on a worker's behalf."""
    return policy.holds(user, Perm.CASE_MANAGE)


def can_configure_routing(user: Any, union: Union) -> bool:
    return union.kind == UnionKind.FEDERATION and policy.has_perm(user, Perm.CASE_CONFIGURE, union)


def require(allowed: bool, *, user: Any, case: Case) -> None:
    """Refuse what a predicate did not allow: as unknown (404) to whoever may not see the case
    at all (another member, staff out of scope, a volunteer it is not assigned to), as
    forbidden (403) to whoever sees it."""
    if allowed:
        return
    if not can_view_case(user, case):
        raise NotFound()
    raise PermissionDenied()
