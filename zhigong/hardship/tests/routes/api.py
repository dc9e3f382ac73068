"""Route entries for the hardship API. The POSTs are walked with an empty JSON body: a 422
(fields missing) for everyone logged in, so nothing changes."""

from __future__ import annotations

from zhigong.hardship.tests.routes import OVER_GA, VIEWERS, cast_file, cast_pair
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route


def _files(cast: Cast) -> str:
    cast_pair(cast)
    return "/api/v1/hardship/files"


ROUTES: list[Route] = [
    Route("api:file_list_api", _files, VIEWERS, api=True),
    Route("api:hardship_figures_api", lambda c: "/api/v1/hardship/figures", VIEWERS, api=True),
    Route(
        "api:hardship_figures_api",
        lambda c: f"/api/v1/hardship/figures?union={c.unions['GA'].code}",
        OVER_GA,
        api=True,
    ),
    Route("api:file_create_api", _files, LOGGED_IN, api=True, method="post", ok=422),
    Route(
        "api:file_detail_api",
        lambda c: f"/api/v1/hardship/files/{cast_file(c).pk}",
        OVER_GA,
        api=True,
    ),
    Route(
        "api:my_pairings_api",
        lambda c: "/api/v1/hardship/pairings/mine",
        LOGGED_IN,
        api=True,
    ),
    Route(
        "api:visit_log_api",
        lambda c: f"/api/v1/hardship/pairings/{cast_pair(c).pk}/visits",
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
]
