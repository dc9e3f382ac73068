"""Who may sign up for an event: a small registry of audiences.

An audience is a key (stored on the event), a label (the form's choice) and two filters
that say the same thing from either side:

- ``members(event)``: a ``Q`` over ``members.Member`` — which members may sign up for this
  event (the registry adds "active member" itself);
- ``events(member)``: a ``Q`` over ``events.Event`` — for which of this audience's events
  this member may sign up (the registry adds ``audience=key`` itself). It lets a member's
  list of events be one query, whatever audiences exist.

Two are built in: the members of the organising union's subtree, and all the members of its
federation (the root union above it). Another app registers its own when it is ready: the
matchmaking app registers its pool (``zhigong/matchmaking/audience.py``, in its
``AppConfig.ready``: two functions and ``register(Audience(...))``).

Registering the same key twice with another definition is an error (two apps would fight
over what the stored key means); registering the same object again (a reloaded app) is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from zhigong.events.models import Event

STEP = 4  # the union tree's path step (``Union.steplen``): a root's path is its first step


@dataclass(frozen=True)
class Audience:
    key: str
    label: StrOrPromise
    members: Callable[[Event], Q]
    events: Callable[[Member], Q]

    def admits(self, event: Event, member: Member) -> bool:
        """Whether ``member`` may sign up for ``event`` now (an active member in the
        audience)."""
        return (
            Member.objects.filter(pk=member.pk, status=MemberStatus.ACTIVE)
            .filter(self.members(event))
            .exists()
        )

    def member_list(self, event: Event) -> Any:
        """The members who may sign up (a queryset: for counting, or inviting)."""
        return Member.objects.filter(status=MemberStatus.ACTIVE).filter(self.members(event))


_REGISTRY: dict[str, Audience] = {}


def register(audience: Audience) -> Audience:
    known = _REGISTRY.get(audience.key)
    if known is not None and known != audience:
        raise ValueError(f"event audience {audience.key!r} is already registered")
    _REGISTRY[audience.key] = audience
    return audience


def get(key: str) -> Audience | None:
    return _REGISTRY.get(key)


def choices() -> list[tuple[str, StrOrPromise]]:
    return [(a.key, a.label) for a in _REGISTRY.values()]


def events_for(member: Member) -> Q:
    """A ``Q`` over events: those whose audience includes ``member`` (nothing unless the
    member is active)."""
    if member.status != MemberStatus.ACTIVE:
        return Q(pk__in=[])
    found = Q(pk__in=[])
    for audience in _REGISTRY.values():
        found |= Q(audience=audience.key) & audience.events(member)
    return found


# --- the built-in audiences ------------------------------------------------------------------


def union_prefixes(path: str) -> list[str]:
    """The paths of the union at ``path`` and of every union above it."""
    return [path[:i] for i in range(STEP, len(path) + 1, STEP)]


SUBTREE = register(
    Audience(
        "subtree",
        _("主办工会及下级工会的会员"),
        members=lambda event: Q(union__path__startswith=event.union.path),
        # The events of the member's union and of every union above it.
        events=lambda member: Q(union__path__in=union_prefixes(member.union.path)),
    )
)
FEDERATION = register(
    Audience(
        "federation",
        _("全市（本总工会）所有会员"),
        members=lambda event: Q(union__path__startswith=event.union.path[:STEP]),
        events=lambda member: Q(union__path__startswith=member.union.path[:STEP]),
    )
)
