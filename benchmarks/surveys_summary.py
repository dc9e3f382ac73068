"""Benchmark: a survey of 100,000 responses summarised per subtree (issue 14: under 1 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/surveys_summary.py [--responses N] [--requests 50]

Loads the demo tree (``seed_demo``, small scale: Wuhan's districts, streets and enterprise
unions) into an empty database, makes a city-wide survey (the requesters of the city's
cases: the survey belongs to the city, so its summary lists every district) with the
overall-satisfaction question, a rating, a multiple choice and a text question, and loads N
responses spread over the grassroots unions with their answers (COPY on PostgreSQL,
multi-row inserts on SQLite). Then it times:

- ``results.rebuild``: the survey's counts recounted from its answers by SQL ``GROUP BY``
  and rolled up the tree (after a bulk load; answering keeps them as it goes);
- ``results.summary`` for the city: its counts per question and each district's responses
  and satisfaction rate (the figures kit: four indexed queries, whatever N);
- ``GET /api/v1/surveys/<id>/results`` for the city and a district, through the test client.

Without ``DATABASE_URL`` it runs on a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.member_figures import setup_django, timed


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


def load(survey: Any, count: int, seed: int = 1) -> float:
    """``count`` responses with their answers, straight into the tables."""
    from django.db import connection, transaction
    from django.utils import timezone

    from zhigong.surveys.models import Answer, Response
    from zhigong.unions.models import Union, UnionKind

    rng = random.Random(seed)
    unions = list(
        Union.objects.filter(kind=UnionKind.GRASSROOTS)
        .order_by("path")
        .values_list("id", flat=True)
    )
    qs = {q.kind: q for q in survey.questions.order_by("position") if not q.is_satisfaction}
    sat = survey.questions.get(is_satisfaction=True)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        first = (Response.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        responses = [(first + i, survey.pk, rng.choice(unions), "code", now) for i in range(count)]
        _insert(
            Response._meta.db_table,
            ["id", "survey_id", "union_id", "channel", "created_at"],
            responses,
        )
        answers: list[tuple[Any, ...]] = []
        for rid, *_rest in responses:
            answers.append((rid, sat.pk, rng.choices("0123", weights=(55, 25, 14, 6))[0], ""))
            answers.append(
                (rid, qs["rating"].pk, str(rng.choices("12345", weights=(3, 5, 12, 35, 45))[0]), "")
            )
            for choice in rng.sample(range(3), rng.randint(1, 2)):
                answers.append((rid, qs["multiple"].pk, str(choice), ""))
            if rng.random() < 0.2:
                answers.append((rid, qs["text"].pk, "", "服务很好，希望延长开放时间"))
        _insert(Answer._meta.db_table, ["response_id", "question_id", "value", "text"], answers)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), "
                "(SELECT MAX(id) FROM surveys_response))"
            )
            cursor.execute("ANALYZE surveys_response")
            cursor.execute("ANALYZE surveys_answer")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="zhigong-bench-"))
    vendor = setup_django(tmp)
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from zhigong.accounts.models import User
    from zhigong.core.actors import SYSTEM
    from zhigong.demo.services import seed_demo
    from zhigong.surveys import results
    from zhigong.surveys.choices import QuestionKind
    from zhigong.surveys.models import Response
    from zhigong.surveys.services.organise import (
        QuestionInput,
        SurveyInput,
        satisfaction_question,
        survey_create,
        survey_move,
    )
    from zhigong.unions.models import Union

    call_command("migrate", verbosity=0, interactive=False)
    if Response.objects.exists():
        print("The database already holds survey responses; use an empty one.")
        return 2
    started = time.perf_counter()
    seed_demo(seed=1)
    root = Union.objects.get(depth=1, code="WH")
    print(f"tree       {Union.objects.count():,} unions in {time.perf_counter() - started:.1f} s")
    now = timezone.now()
    survey = survey_create(
        actor=SYSTEM,
        target_kind="case_requesters",
        target_id=root.pk,
        data=SurveyInput(
            title="全市诉求办理满意度测评（基准）",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
            questions=[
                satisfaction_question(),
                QuestionInput(kind=QuestionKind.RATING, text="办理速度"),
                QuestionInput(
                    kind=QuestionKind.MULTIPLE, text="渠道", choices=["热线", "网站", "窗口"]
                ),
                QuestionInput(kind=QuestionKind.TEXT, text="建议", required=False),
            ],
        ),
    )
    survey_move(actor=SYSTEM, survey=survey, step="open")
    seconds = load(survey, args.responses)
    answers = survey.responses.count()
    print(f"responses  {answers:,} loaded in {seconds:.1f} s ({vendor})")

    started = time.perf_counter()
    rows = results.rebuild(survey)
    print(
        f"rebuild    {rows:,} rollup rows from the answers in {time.perf_counter() - started:.2f} s"
    )

    reset_queries()  # the loading filled Django's query log (DEBUG)
    with CaptureQueriesContext(connection) as queries:
        summary = results.summary(survey, root)
    assert summary.responses == args.responses, summary.responses
    print(
        f"summary    {summary.responses:,} responses, satisfaction "
        f"{results.shown(summary.satisfaction)}%, {len(summary.children)} districts, "
        f"{len(queries)} queries"
    )
    for row in summary.children[:5]:
        print(f"           {row.union.name:<12} {row.responses:>7,}  {row.satisfaction_shown}%")
    p50, p95 = timed(lambda: results.summary(survey, root), args.requests)
    print(f"summary()  city: p50 {p50:.2f} ms, p95 {p95:.2f} ms (target: under 1 s)")

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="city_admin"))
    for code in [root.code, summary.children[0].union.code]:
        url = f"/api/v1/surveys/{survey.pk}/results?union={code}"
        response = client.get(url)
        assert response.status_code == 200, response.content
        p50, p95 = timed(lambda url=url: client.get(url), args.requests)
        print(f"API        {code:<14} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
