"""The matchmaking pool as an audience of events (MM-8): mixers and get-togethers that only
the single members whose profile is active in the pool may sign up for, within the
organising union's subtree (a city's mixer is open to the pool of the whole city). Registered
with the events app when this app is ready (``events.audiences``)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhigong.events.audiences import Audience, union_prefixes
from zhigong.events.models import Event
from zhigong.matchmaking.choices import ProfileStatus
from zhigong.matchmaking.models import Profile
from zhigong.members.models import Member


def pool_members(event: Event) -> Q:
    """Over members: in the organiser's subtree, with a profile active in the pool."""
    return Q(union__path__startswith=event.union.path, match_profile__status=ProfileStatus.ACTIVE)


def pool_events(member: Member) -> Q:
    """Over events: the pool's events of the member's union and the unions above it, if the
    member's own profile is active (withdrawn, suspended or ended: none, at once)."""
    if not Profile.objects.filter(member=member, status=ProfileStatus.ACTIVE).exists():
        return Q(pk__in=[])
    return Q(union__path__in=union_prefixes(member.union.path))


POOL = Audience("matchmaking_pool", _("婚恋交友库中的会员（单身会员）"), pool_members, pool_events)
