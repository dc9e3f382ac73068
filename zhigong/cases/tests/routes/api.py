"""Route entries for the cases API. Every POST is walked with an empty JSON body: a new case
answers 422 (its fields are missing); the routes on the cast's case answer 400 (the service
says what is missing, or that the step does not fit the case, which is already accepted and
assigned), so nothing changes; everyone who may not see the case, or not take the step on
it, gets 404."""

from __future__ import annotations

from zhigong.cases.tests.routes import CASE_STAFF, CASE_VIEWERS, OVER_DA_CASE, cast_case
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route

OWN_OR_OVER_DA = OVER_DA_CASE | {"member"}
MANAGES_DA_CASE = {"dept_legal"}
REPLIES_DA_CASE = {"dept_legal", "volunteer"}  # the manager, and the handler it is assigned to


def _case(path: str = "") -> object:
    return lambda c: f"/api/v1/cases/{cast_case(c).pk}{path}"


def _attachment(cast: Cast) -> str:
    case = cast_case(cast)
    return f"/api/v1/cases/{case.pk}/attachments/{case.attachments.get().pk}"


def _post(name: str, path: str, allowed: set[str], ok: int) -> Route:
    return Route(name, _case(path), allowed, api=True, method="post", ok=ok)  # type: ignore[arg-type]


ROUTES: list[Route] = [
    Route("api:case_figures", lambda c: "/api/v1/cases/figures", CASE_VIEWERS, api=True),
    Route("api:case_create", lambda c: "/api/v1/cases", LOGGED_IN, api=True, method="post", ok=422),
    Route("api:case_queue", lambda c: "/api/v1/cases", CASE_STAFF, api=True),
    Route("api:my_cases", lambda c: "/api/v1/cases/mine", LOGGED_IN, api=True),
    Route("api:case_detail", _case(), OWN_OR_OVER_DA, api=True),  # type: ignore[arg-type]
    Route("api:case_attachment", _attachment, OWN_OR_OVER_DA, api=True),
    _post("api:case_attach", "/attachments", {"member"}, 400),
    _post("api:case_info", "/info", {"member"}, 400),
    _post("api:case_rating", "/rating", {"member"}, 400),
    _post("api:case_reopen_api", "/reopen", {"member"}, 400),
    _post("api:case_accept_api", "/accept", MANAGES_DA_CASE, 400),
    _post("api:case_assign_api", "/assign", MANAGES_DA_CASE, 400),
    _post("api:case_reply_api", "/reply", REPLIES_DA_CASE, 400),
    _post("api:case_close_api", "/close", MANAGES_DA_CASE, 400),
    _post("api:case_escalate_api", "/escalate", REPLIES_DA_CASE, 400),
]
