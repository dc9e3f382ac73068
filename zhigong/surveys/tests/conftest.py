"""Fixtures of the surveys tests: the cast's centre survey (open), and members with accounts
and cards (the events tests' helper)."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.surveys.models import Survey
from zhigong.surveys.tests.routes import cast_survey
from zhigong.testing.cast import Cast


@pytest.fixture
def survey(cast: Cast) -> Survey:
    return cast_survey(cast)


def answers_for(
    survey: Survey, satisfied: int = 0, rating: str = "5", **extra: Any
) -> dict[str, list[str]]:
    """A complete set of answers: the satisfaction choice's index, a rating, and ``extra``
    per question position (``p3=["0", "2"]``)."""
    raw: dict[str, list[str]] = {}
    for q in survey.questions.order_by("position"):
        if q.is_satisfaction:
            raw[str(q.pk)] = [str(satisfied)]
        elif q.kind == "rating":
            raw[str(q.pk)] = [rating]
        if f"p{q.position}" in extra:
            raw[str(q.pk)] = extra[f"p{q.position}"]
    return raw
