"""Route entries for the appeals API. The POSTs are walked with an empty JSON body: each
step answers 400 to whoever may take it (a return without reasons, a publication without
a title, a close without an outcome, a pledge without its kind), so nothing changes;
everyone else gets 404 (a pledge: 400 for every logged-in person, members or not)."""

from __future__ import annotations

from collections.abc import Callable

from zhigong.appeals.tests.routes import CENTRE, GA_UNION, OVER_GA, VIEWERS, cast_appeal
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route


def _of(status: str, path: str = "") -> Callable[[Cast], str]:
    return lambda c: f"/api/v1/appeals/{cast_appeal(c, status).pk}{path}"


def _public(path: str = "") -> Callable[[Cast], str]:
    return lambda c: f"/api/v1/appeals/public/{cast_appeal(c, 'published').pk}{path}"


def _public_list(cast: Cast) -> str:
    cast_appeal(cast, "published")
    return "/api/v1/appeals/public"


ROUTES: list[Route] = [
    Route("api:public_appeal_list_api", _public_list, EVERYONE, public=True, api=True),
    Route("api:public_appeal_api", _public(), EVERYONE, public=True, api=True),
    Route("api:pledge_api", _public("/pledges"), LOGGED_IN, api=True, method="post", ok=400),
    Route("api:appeal_list_api", lambda c: "/api/v1/appeals", VIEWERS, api=True),
    Route("api:appeal_waiting_api", lambda c: "/api/v1/appeals/waiting", VIEWERS, api=True),
    Route("api:appeal_detail_api", _of("verified"), OVER_GA, api=True),
    Route(
        "api:appeal_verify_api", _of("raised", "/verify"), GA_UNION, api=True, method="post", ok=400
    ),
    Route(
        "api:appeal_publish_api",
        _of("verified", "/publish"),
        CENTRE,
        api=True,
        method="post",
        ok=400,
    ),
    Route(
        "api:appeal_return_api", _of("verified", "/return"), CENTRE, api=True, method="post", ok=400
    ),
    Route(
        "api:appeal_close_api", _of("published", "/close"), CENTRE, api=True, method="post", ok=400
    ),
]
