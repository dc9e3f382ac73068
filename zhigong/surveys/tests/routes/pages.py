"""Route entries for the survey pages: the workbench's (/staff/surveys/), the respondents'
(/me/surveys/) and a one-time code's (/s/<code>/)."""

from __future__ import annotations

from zhigong.surveys.tests.routes import OVER_SA, SURVEY_STAFF, cast_code, cast_survey
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route


def _survey(path: str = "") -> object:
    return lambda c: f"/staff/surveys/{cast_survey(c).pk}/{path}"


def _code(cast: Cast) -> str:
    return f"/s/{cast_code(cast)}/"


ROUTES: list[Route] = [
    Route("staff:surveys:list", lambda c: "/staff/surveys/", SURVEY_STAFF),
    Route("staff:surveys:new", lambda c: "/staff/surveys/new/", SURVEY_STAFF),
    Route("staff:surveys:detail", _survey(), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("staff:surveys:edit", _survey("edit/"), OVER_SA),  # type: ignore[arg-type]
    Route("staff:surveys:codes", _survey("codes/"), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("staff:surveys:desk", _survey("desk/"), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("staff:surveys:export", _survey("export/"), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("portal:surveys:list", lambda c: "/me/surveys/", LOGGED_IN),
    Route(
        "portal:surveys:answer",
        lambda c: f"/me/surveys/{cast_survey(c).pk}/",
        {"member"},
        no_store=True,
    ),
    Route("portal:surveys:code", _code, EVERYONE, public=True, no_store=True),
]
