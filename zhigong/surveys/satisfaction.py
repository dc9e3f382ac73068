"""The satisfaction rate, defined once (EVAL-2, used by the acceptance grade, CTR-7).

A survey marks at most one question as its overall-satisfaction question
(``Question.is_satisfaction``): a single choice whose four choices are, in order, 满意,
基本满意, 一般, 不满意 (``choices.SATISFACTION_CHOICES``; the staff form adds it). The rate is
the share of the answers to that question that are 满意 or 基本满意:

    rate = (满意 + 基本满意) × 100 / (answers to the question)

as an exact ``Decimal`` percentage (no rounding: round only to show it), or None when nobody
answered it (a rate of nothing is not 0%). Unanswered (optional) questions are not counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from zhigong.surveys.choices import SATISFIED
from zhigong.surveys.models import Survey
from zhigong.unions.models import Union


def rate(counts: Mapping[str, int]) -> Decimal | None:
    """The rate from the satisfaction question's counts per stored value ("0" 满意,
    "1" 基本满意, "2" 一般, "3" 不满意)."""
    total = sum(counts.values())
    if not total:
        return None
    satisfied = sum(counts.get(value, 0) for value in SATISFIED)
    return Decimal(satisfied) * 100 / Decimal(total)


def survey_rate(survey: Survey, union: Union | None = None) -> Decimal | None:
    """The rate of a survey, over everyone (or over the responses counted in ``union``'s
    subtree), from the figures kit."""
    from zhigong.surveys import results

    counts = results.counts(survey, union or survey.union)
    question = results.satisfaction_question(survey)
    return rate(counts.get(results.dim_of(question), {})) if question else None
