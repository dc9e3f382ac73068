"""Route entries for the centres API. Registering is walked with an empty JSON body: 422 to
whoever is logged in (its fields are missing), so nothing is written."""

from __future__ import annotations

from zhigong.centres.tests.routes import OVER_SA, VIEWERS, cast_station
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route


def _detail(cast: Cast) -> str:
    return f"/api/v1/centres/{cast_station(cast).pk}"


ROUTES: list[Route] = [
    Route("api:centre_list_api", lambda c: "/api/v1/centres", VIEWERS, api=True),
    Route(
        "api:centre_register_api",
        lambda c: "/api/v1/centres",
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
    Route("api:coverage_api", lambda c: "/api/v1/centres/coverage", VIEWERS, api=True),
    Route("api:centre_detail_api", _detail, OVER_SA, api=True),
]
