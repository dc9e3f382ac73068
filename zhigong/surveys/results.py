"""A survey's results through the figures kit (DESIGN §3.5): each survey is its own topic
(``survey:<id>``), counted under the union a response counts in (``Response.union``: the
member's own union when it lies in the survey's subtree, else the survey's union), so that
the counts of any union of the survey's subtree are one indexed read:

- ``responses`` / ``all``: the number of responses;
- ``q<question id>`` / the stored value: per rating ("1"–"5") or choice index ("0"…), how
  many chose it; for a text question, ``text`` counts those who wrote something.

``answered`` adds a response's counts as it is saved; ``rebuild`` recounts a survey from its
answers with a few SQL ``GROUP BY``s (after a bulk load, or if ever in doubt). The summary of
a union and of each union below it is then three queries, whatever the number of answers
(``benchmarks/surveys_summary.py``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from zhigong.surveys import satisfaction
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.models import Answer, Question, Response, Survey
from zhigong.unions import figures
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

RESPONSES = "responses"


def dim_of(question: Question) -> str:
    return f"q{question.pk}"


def _value(answer: Answer) -> str:
    return answer.value or "text"


def answered(survey: Survey, response: Response, answers: list[Answer]) -> None:
    deltas: dict[Key, int] = defaultdict(int)
    uid = response.union_id
    deltas[(uid, RESPONSES, "all")] += 1
    for answer in answers:
        deltas[(uid, f"q{answer.question_id}", _value(answer))] += 1
    figures.adjust(survey.topic, deltas)


def counting_union(survey: Survey, member_union: Union | None) -> Union:
    """Where a response counts: the member's union inside the survey's subtree, else the
    survey's union (a walk-in, a member from elsewhere)."""
    if member_union is not None and member_union.path.startswith(survey.union.path):
        return member_union
    return survey.union


def direct_counts(survey: Survey) -> dict[Key, int]:
    direct: dict[Key, int] = defaultdict(int)
    responses = Response.objects.filter(survey=survey).order_by()
    for uid, n in responses.values_list("union_id").annotate(n=Count("id")):
        direct[(uid, RESPONSES, "all")] += n
    answers = Answer.objects.filter(response__survey=survey).order_by()
    rows = answers.values_list("response__union_id", "question_id", "value").annotate(n=Count("id"))
    for uid, qid, value, n in rows:
        direct[(uid, f"q{qid}", value or "text")] += n
    return {key: n for key, n in direct.items() if n}


def rebuild(survey: Survey) -> int:
    return figures.rebuild(survey.topic, lambda: direct_counts(survey))


def counts(survey: Survey, union: Union) -> dict[str, dict[str, int]]:
    return figures.counts(survey.topic, union)


def satisfaction_question(survey: Survey) -> Question | None:
    return survey.questions.filter(is_satisfaction=True).first()


def rating_average(found: dict[str, int]) -> Decimal | None:
    total = sum(found.values())
    if not total:
        return None
    points = sum(int(v) * n for v, n in found.items() if v.isdigit())
    return (Decimal(points) / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def shown(rate: Decimal | None) -> Decimal | None:
    """A rate rounded to one decimal, for pages and exports (never for deciding)."""
    return rate.quantize(Decimal("0.1"), ROUND_HALF_UP) if rate is not None else None


@dataclass(frozen=True)
class UnionRow:
    union: Union
    responses: int
    satisfaction: Decimal | None  # exact
    counts: dict[str, int]  # the satisfaction question's counts

    @property
    def satisfaction_shown(self) -> Decimal | None:
        return shown(self.satisfaction)


def per_union(survey: Survey, unions: list[Union], question: Question | None) -> list[UnionRow]:
    """Each union's responses and satisfaction (a page of child unions): one query."""
    each = figures.counts_of_each(survey.topic, unions)
    rows = []
    for u in unions:
        found = each.get(u.pk, {})
        sat = found.get(dim_of(question), {}) if question else {}
        rows.append(
            UnionRow(
                union=u,
                responses=found.get(RESPONSES, {}).get("all", 0),
                satisfaction=satisfaction.rate(sat) if question else None,
                counts=sat,
            )
        )
    return rows


def children_of(union: Union) -> Any:
    return Union.objects.filter(path__startswith=union.path, depth=union.depth + 1).order_by("path")


@dataclass(frozen=True)
class Summary:
    union: Union
    responses: int
    satisfaction: Decimal | None
    questions: list[tuple[Question, dict[str, int], Decimal | None]]  # counts, average
    children: list[UnionRow]

    @property
    def satisfaction_shown(self) -> Decimal | None:
        return shown(self.satisfaction)


def summary(survey: Survey, union: Union, *, children_limit: int = 200) -> Summary:
    """The results at ``union`` (of the survey's subtree) and for each union directly below
    it: four queries (questions, the union's counts, its children, their counts)."""
    questions = list(survey.questions.order_by("position"))
    found = counts(survey, union)
    sat_q = next((q for q in questions if q.is_satisfaction), None)
    per_question = [
        (
            q,
            found.get(dim_of(q), {}),
            rating_average(found.get(dim_of(q), {})) if q.kind == QuestionKind.RATING else None,
        )
        for q in questions
    ]
    children = list(children_of(union)[:children_limit])
    return Summary(
        union=union,
        responses=found.get(RESPONSES, {}).get("all", 0),
        satisfaction=satisfaction.rate(found.get(dim_of(sat_q), {})) if sat_q else None,
        questions=per_question,
        children=per_union(survey, children, sat_q),
    )


def labels_of(question: Question) -> dict[str, str]:
    """The stored values of a question and what they are called."""
    if question.kind == QuestionKind.RATING:
        return {str(v): f"{v} ★" for v in range(5, 0, -1)}
    if question.kind == QuestionKind.TEXT:
        return {"text": _("已填写")}
    return {str(i): label for i, label in enumerate(question.choices)}
