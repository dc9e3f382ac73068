"""Route entries for the events API. Signing up answers 201 for the cast's member (the mixer
is for SA's subtree); cancelling answers 200 once the member holds a place; everyone else,
who is not a member there, gets 404."""

from __future__ import annotations

from zhigong.events.tests.routes import EVENT_STAFF, cast_event, cast_signup
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route


def _cancel(cast: Cast) -> str:
    return f"/api/v1/events/{cast_signup(cast).event_id}/cancel"


ROUTES: list[Route] = [
    Route("api:events_list", lambda c: "/api/v1/events", LOGGED_IN, api=True),
    Route("api:events_figures", lambda c: "/api/v1/events/figures", EVENT_STAFF, api=True),
    Route("api:events_mine", lambda c: "/api/v1/events/mine", LOGGED_IN, api=True),
    Route(
        "api:events_detail", lambda c: f"/api/v1/events/{cast_event(c).pk}", {"member"}, api=True
    ),
    Route(
        "api:events_signup",
        lambda c: f"/api/v1/events/{cast_event(c).pk}/signup",
        {"member"},
        api=True,
        method="post",
        ok=201,
    ),
    Route("api:events_cancel", _cancel, {"member"}, api=True, method="post"),
]
