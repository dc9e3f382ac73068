"""Route entries for the surveys API. Staff lists answer everyone logged in (empty for those
without ``survey.view``); a survey's results are for the staff over SA; answering reaches
the service (400: the required answers are missing) for the member at GA only; answering
with a code is public (400: no code given)."""

from __future__ import annotations

from zhigong.surveys.tests.routes import OVER_SA, cast_survey
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route

ROUTES: list[Route] = [
    Route("api:surveys_list", lambda c: "/api/v1/surveys", LOGGED_IN, api=True),
    Route("api:surveys_offered", lambda c: "/api/v1/surveys/offered", LOGGED_IN, api=True),
    Route(
        "api:surveys_detail",
        lambda c: f"/api/v1/surveys/{cast_survey(c).pk}",
        OVER_SA | {"member"},
        api=True,
    ),
    Route(
        "api:surveys_results",
        lambda c: f"/api/v1/surveys/{cast_survey(c).pk}/results",
        OVER_SA,
        api=True,
    ),
    Route(
        "api:surveys_answer",
        lambda c: f"/api/v1/surveys/{cast_survey(c).pk}/answer",
        {"member"},
        api=True,
        method="post",
        ok=400,
    ),
    Route(
        "api:surveys_code_answer",
        lambda c: "/api/v1/surveys/code-answer",
        EVERYONE,
        public=True,
        api=True,
        method="post",
        ok=400,
    ),
]
