"""The pool as an audience of events (MM-8): mixers only single members in the pool may
sign up for, within the organiser's subtree; leaving the pool closes them at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.events.choices import EventKind
from zhigong.events.models import Event
from zhigong.events.services.organise import EventInput, event_create, event_move
from zhigong.events.services.signups import in_audience, signup_create
from zhigong.matchmaking.choices import ProfileStatus
from zhigong.matchmaking.models import Profile
from zhigong.testing.cast import Cast


def _pool_mixer(cast: Cast, code: str) -> Event:
    event = event_create(
        actor=SYSTEM,
        union=cast.unions[code],
        data=EventInput(
            kind=EventKind.MIXER,
            title="单身青年联谊会",
            starts_at=timezone.now() + dt.timedelta(days=7),
            place="职工之家",
            capacity=20,
            audience="matchmaking_pool",
        ),
    )
    return event_move(actor=SYSTEM, event=event, step="publish")


def test_only_members_in_the_pool_of_the_organisers_subtree_may_sign_up(
    cast: Cast, pair: tuple[Profile, Profile]
):
    assert len(pair) == 2  # 张伟 at GA (under DA), 李娜 at GB (under DB), both in the pool
    city, district = _pool_mixer(cast, "CITY"), _pool_mixer(cast, "DA")

    assert in_audience(city, cast.members["GA"]) and in_audience(city, cast.members["GB"])
    assert in_audience(district, cast.members["GA"])
    assert not in_audience(district, cast.members["GB"])  # another district's pool
    assert signup_create(actor=cast.users["member"], event=city).member == cast.members["GA"]


def test_leaving_the_pool_closes_its_events_at_once(cast: Cast, pair: tuple[Profile, Profile]):
    mine, _theirs = pair
    mixer = _pool_mixer(cast, "DA")
    Profile.objects.filter(pk=mine.pk).update(status=ProfileStatus.SUSPENDED)

    assert not in_audience(mixer, cast.members["GA"])
    with pytest.raises(DomainError):
        signup_create(actor=cast.users["member"], event=mixer)
    assert not mixer.signups.exists()
