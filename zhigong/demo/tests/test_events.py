"""Demo events: every state, people checked in at the door, a counselling record; once only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhigong.demo.events import seed_events
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.events.choices import EventStatus
from zhigong.events.models import CounsellingRecord, Event, Signup


@pytest.mark.django_db
def test_seed_events_covers_every_state_and_runs_once() -> None:
    _tiny_tree()
    seed_members(seed=1, count=40)

    result = seed_events(seed=1)

    assert result.created >= 5
    statuses = set(Event.objects.values_list("status", flat=True))
    assert {EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.HELD} <= statuses
    assert {EventStatus.CLOSED, EventStatus.CANCELLED} <= statuses
    held = Event.objects.filter(status__in=[EventStatus.HELD, EventStatus.CLOSED])
    assert all(e.starts_at < timezone.now() for e in held)
    assert Signup.objects.filter(attended_at__isnull=False).count() >= 12
    assert CounsellingRecord.objects.get().notes
    assert Signup.objects.filter(member__user__username="member_wang").exists()
    again = seed_events(seed=1)
    assert again.already_loaded and Event.objects.count() == result.created
