"""Demo matchmaking: a pool with forms at every step and introductions in every state;
once only."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.demo.matchmaking import seed_matchmaking
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.matchmaking.choices import IntroductionStatus, ProfileStatus
from zhigong.matchmaking.models import FollowUp, Introduction, Profile


@pytest.mark.django_db
def test_seed_matchmaking_covers_every_state_and_runs_once(settings: Any) -> None:
    _tiny_tree()
    seed_members(seed=1, count=400)

    result = seed_matchmaking(seed=1)

    assert result.profiles > 100
    assert set(Profile.objects.values_list("status", flat=True)) == set(ProfileStatus.values)
    assert set(Introduction.objects.values_list("status", flat=True)) == set(
        IntroductionStatus.values
    )
    assert FollowUp.objects.exists()
    again = seed_matchmaking(seed=1)
    assert again.already_loaded and Profile.objects.count() == result.profiles
