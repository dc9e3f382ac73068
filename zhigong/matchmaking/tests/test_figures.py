"""The matchmaking figures: kept by the services as they go, equal to a recount from the
tables, shown on the page and the API to those who serve."""

from __future__ import annotations

from zhigong.core.actors import SYSTEM
from zhigong.matchmaking import figures
from zhigong.matchmaking.choices import EndReason
from zhigong.matchmaking.services.ending import profile_end
from zhigong.matchmaking.services.serving import introduction_answer
from zhigong.matchmaking.tests.routes import cast_introduction
from zhigong.testing.cast import Cast


def test_counts_follow_the_services_and_equal_a_recount(cast: Cast, pair):
    _mine, theirs = pair
    intro = cast_introduction(cast)
    introduction_answer(actor=SYSTEM, introduction=intro, answer="exchange")
    profile_end(actor=SYSTEM, profile=theirs, reason=EndReason.FOUND_PARTNER)
    city = cast.unions["CITY"]
    kept = figures.of_union(city)
    assert kept["status"] == {"active": 1, "ended": 1}
    assert kept["introduction"] == {"offered": 1, "chosen": 1, "agreed": 1, "exchanged": 1}
    assert kept["outcome"] == {"found_partner": 1}
    assert sum(kept["first_days"].values()) == 1
    figures.rebuild()
    assert figures.of_union(city) == kept
    summary = figures.summary(city, kept)
    assert (summary.accept_rate, summary.meet_rate, summary.screened_share) == (100.0, 0.0, 100.0)
    # GB's subtree holds 李娜's profile only, and none of the introductions
    assert figures.of_union(cast.unions["GB"])["introduction"] == {}


def test_the_page_and_the_api_show_the_subtree(cast: Cast, pair):
    cast_introduction(cast)
    page = cast.client("street_staff").get("/staff/matchmaking/figures/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    answer = cast.client("street_staff").get("/api/v1/matchmaking/figures")
    assert answer.json()["introductions_offered"] == 1 and answer.json()["union"] == "SA"
    assert (
        cast.client("street_staff").get("/api/v1/matchmaking/figures?union=GB").status_code == 404
    )
