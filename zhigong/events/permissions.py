"""Who may do what to an event: instance predicates (services authorise with them, pages ask
them which buttons to show).

Staff whose ``event.manage`` covers the organising union run its events; a counselling
session takes ``event.counsel`` (the service centre, the women workers' department), which
also opens its record, whose notes no member ever sees. Members sign up when the event's
audience includes them (``audiences``)."""

from __future__ import annotations

from typing import Any

from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.events.choices import EventKind
from zhigong.events.models import Event
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def perm_for_kind(kind: str) -> Perm:
    return Perm.EVENT_COUNSEL if kind == EventKind.COUNSELLING else Perm.EVENT_MANAGE


def can_organise(user: Any, union: Union, kind: str) -> bool:
    """Create an event of ``kind`` organised by ``union``."""
    return policy.has_perm(user, perm_for_kind(kind), union)


def can_manage_event(user: Any, event: Event) -> bool:
    """Edit, publish, close, cancel; see the sign-ups (masked); check people in; export."""
    return can_organise(user, event.union, event.kind)


def can_record_counselling(user: Any, event: Event) -> bool:
    return event.kind == EventKind.COUNSELLING and policy.has_perm(
        user, Perm.EVENT_COUNSEL, event.union
    )


def can_reveal_attendees(user: Any, event: Event) -> bool:
    """Export the list with full names and phones (a logged reveal)."""
    return can_manage_event(user, event) and policy.has_perm(user, Perm.MEMBER_REVEAL, event.union)


def require(allowed: bool, *, user: Any, event: Event) -> None:
    """Refuse what a predicate did not allow: as unknown (404) to whoever may not run the
    event, as forbidden (403) to whoever may."""
    if allowed:
        return
    if not can_manage_event(user, event):
        raise NotFound()
    raise PermissionDenied()
