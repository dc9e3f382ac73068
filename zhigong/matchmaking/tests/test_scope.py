"""Nothing of the service reaches staff outside the member's union, nor anyone but the two
members of an introduction: every write they try is a 404 and changes nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from zhigong.core.models import AuditEvent
from zhigong.matchmaking.models import FollowUp, Introduction, Profile, Visit
from zhigong.matchmaking.tests.routes import cast_introduction
from zhigong.testing.cast import Cast

# Staff of another district's union and of another grassroots union, and a user with no role.
STRANGERS = ("other_admin", "other_officer", "outsider")
PROFILE_STEPS = [
    {"step": "review", "decision": "approve", "stamp": "王主席"},
    {"step": "identity", "card_number": "0"},
    {"step": "refusal"},
    {"step": "lift"},
    {"step": "end", "reason": "found_partner"},
    {"step": "complaint", "text": "投诉"},
]
INTRODUCTION_STEPS = [
    {"step": "answer", "answer": "exchange"},
    {"step": "follow_up", "note": "进展顺利"},
]


def _state(intro: Introduction) -> tuple[object, ...]:
    mine, theirs = (
        Profile.objects.get(pk=intro.member_id),
        Profile.objects.get(pk=intro.candidate_id),
    )
    intro.refresh_from_db()
    return (
        mine.status,
        mine.refusals,
        theirs.status,
        theirs.refusals,
        intro.status,
        Visit.objects.count(),
        FollowUp.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_writes_are_unknown_and_change_nothing(cast: Cast, settings, tmp_path, who):
    settings.MEDIA_ROOT = str(tmp_path)
    intro = cast_introduction(cast)
    before = _state(intro)
    client = cast.client(who)
    profile_page = reverse("staff:matchmaking:profile", args=[intro.member_id])
    for data in PROFILE_STEPS:
        assert client.post(profile_page, data).status_code == 404, (who, data)
    intro_page = reverse("staff:matchmaking:introduction", args=[intro.pk])
    for data in INTRODUCTION_STEPS:
        assert client.post(intro_page, data).status_code == 404, (who, data)
    for path, body in (("choose", {}), ("answer", {"answer": "exchange"})):
        response = client.post(
            f"/api/v1/matchmaking/introductions/{intro.pk}/{path}",
            json.dumps(body),
            content_type="application/json",
        )
        assert response.status_code in (401, 404), (who, path, response.status_code)
    assert _state(intro) == before
