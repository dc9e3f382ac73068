"""How often each profile was offered lately (``Profile.recent_offers``): the exposure the
screening's ranking penalises, so that the same few profiles are not offered to everyone.

An offer adds one at once (``candidates_offer``); the nightly recount lets offers older than
the window go, so a profile offered often last season is not held back for ever.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from zhigong.matchmaking.figures import RECENT
from zhigong.matchmaking.models import Introduction, Profile


def exposure_recount(*, now: dt.datetime | None = None) -> int:
    """Set each offered profile's ``recent_offers`` to its offers within ``RECENT`` of
    ``now``, in one UPDATE; the number of profiles recounted. Only a profile with a count can
    have one to lose (an offer raises the count in the transaction that records it)."""
    since = (now or timezone.now()) - RECENT
    offers = (
        Introduction.objects.filter(candidate=OuterRef("pk"), created_at__gte=since)
        .order_by()
        .values("candidate")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Profile.objects.filter(recent_offers__gt=0).update(
        recent_offers=Coalesce(Subquery(offers), 0)
    )
