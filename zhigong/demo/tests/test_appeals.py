"""Demo appeals: every state, featured stories, pledges; once only."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.appeals.choices import AppealStatus
from zhigong.appeals.models import HardshipAppeal, Pledge
from zhigong.appeals.selectors import featured_stories, on_portal
from zhigong.demo.appeals import seed_appeals
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree


@pytest.mark.django_db
def test_seed_appeals_covers_every_state_and_runs_once(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    _tiny_tree()
    seed_members(seed=1, count=20)
    result = seed_appeals()
    assert result.created == 10
    assert set(HardshipAppeal.objects.values_list("status", flat=True)) == set(AppealStatus.values)
    assert on_portal().count() == 2  # the third's period has ended
    assert len(featured_stories()) == 2
    assert Pledge.objects.filter(member__user__username="member_wang").exists()
    assert Pledge.objects.filter(status="fulfilled").exists()
    assert seed_appeals().already_loaded and HardshipAppeal.objects.count() == 10
