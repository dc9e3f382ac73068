"""Route entries for the volunteers API. The POSTs are walked with an empty JSON body: an
application answers 422 (its fields are missing); an opinion on the cast's registration
answers 400 to whoever may give the unit's opinion (a return without reasons), so nothing
changes; everyone else gets 404."""

from __future__ import annotations

from collections.abc import Callable

from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route
from zhigong.volunteers.tests.routes import DECIDERS, OVER_GA, UNIT_STEP, VIEWERS, cast_volunteer


def _mine(cast: Cast) -> str:
    cast_volunteer(cast)
    return "/api/v1/volunteers/mine"


def _of(path: str = "") -> Callable[[Cast], str]:
    return lambda c: f"/api/v1/volunteers/{cast_volunteer(c).pk}{path}"


ROUTES: list[Route] = [
    Route("api:my_registration", _mine, {"member"}, api=True),
    Route(
        "api:volunteer_apply_api",
        lambda c: "/api/v1/volunteers/mine",
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
    Route("api:volunteer_list_api", lambda c: "/api/v1/volunteers", VIEWERS, api=True),
    Route("api:volunteer_waiting_api", lambda c: "/api/v1/volunteers/waiting", DECIDERS, api=True),
    Route("api:quota_list_api", lambda c: "/api/v1/volunteers/quotas", VIEWERS, api=True),
    Route("api:volunteer_detail_api", _of(), OVER_GA, api=True),
    Route("api:volunteer_opinion_api", _of("/opinion"), UNIT_STEP, api=True, method="post", ok=400),
]
