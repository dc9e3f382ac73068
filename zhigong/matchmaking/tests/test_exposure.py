"""The exposure the screening penalises counts the offers of the last 30 days only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhigong.matchmaking.exposure import exposure_recount
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.periodic import exposure_recount_nightly
from zhigong.matchmaking.tests.test_flow import _offer
from zhigong.testing.cast import Cast


def test_offers_older_than_thirty_days_stop_counting(cast: Cast, pair: tuple[Profile, Profile]):
    # given the candidate was offered once, and the count says so
    mine, theirs = pair
    _offer(cast, mine, theirs)
    theirs.refresh_from_db()
    assert theirs.recent_offers == 1
    # when the recount runs the next day, nothing changes
    assert exposure_recount(now=timezone.now() + dt.timedelta(days=1)) == 1
    theirs.refresh_from_db()
    assert theirs.recent_offers == 1
    # and once the offer is 31 days old, it no longer counts
    Introduction.objects.filter(candidate=theirs).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    exposure_recount_nightly.call_local()  # type: ignore[attr-defined]  # the Huey task
    theirs.refresh_from_db()
    assert theirs.recent_offers == 0
    # and a profile never offered is not touched
    mine.refresh_from_db()
    assert mine.recent_offers == 0
