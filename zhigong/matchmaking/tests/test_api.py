"""The member's own API: profile and public switch, introductions, the candidate's answer;
contacts only after both said yes, and nothing of anyone else."""

from __future__ import annotations

import json
from typing import Any

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.matchmaking.models import Profile
from zhigong.matchmaking.selectors import is_public
from zhigong.matchmaking.tests.routes import cast_introduction
from zhigong.testing.cast import Cast


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_member_switches_public_off_and_the_pool_forgets_at_once(cast: Cast, pair):
    mine, _theirs = pair
    client = cast.client("member")
    answer = _post(client, "/api/v1/matchmaking/me/public", {"public": False})
    assert answer.status_code == 200 and answer.json()["public"] is False
    assert not is_public(mine)
    assert "age_min" in client.get("/api/v1/matchmaking/me").json()


def test_the_candidate_answers_and_only_then_both_see_contacts(cast: Cast, pair):
    _mine, theirs = pair
    intro = cast_introduction(cast)
    # 李娜 gets an account of her own to answer
    her = user_create(
        actor=SYSTEM, username="lina", password="x", full_name="李娜", check_password=False
    )
    theirs.member.user = her
    theirs.member.save(update_fields=["user"])
    member_client, her_client = cast.client("member"), cast.client("member")
    her_client.force_login(her)
    url = f"/api/v1/matchmaking/introductions/{intro.pk}"
    assert member_client.get(url).json()["contact"] is None
    assert her_client.get(url).json()["contact"] is None
    # he may not answer for her
    assert _post(member_client, url + "/answer", {"answer": "exchange"}).status_code == 404
    done = _post(her_client, url + "/answer", {"answer": "exchange"})
    assert done.status_code == 200 and done.json()["contact"]["phone"] == "13800001234"
    assert member_client.get(url).json()["contact"] == {
        "name": "李娜",
        "phone": "13900005678",
        "has_photo": False,
    }
    assert her_client.get(url).json()["contact"]["name"] == "张伟"
    assert Profile.objects.get(pk=theirs.pk).refusals == 0
