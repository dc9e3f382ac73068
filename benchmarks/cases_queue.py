"""Benchmark: the workbench's case queues of a district's staff over N cases.

    .venv/bin/python benchmarks/cases_queue.py [--cases N] [--requests 50] [--reuse]

Builds the tree of ``member_lookup.py`` with a service centre in every federation, and N
cases (default 1,000,000, ``case_data.generate``) spread over the 500 enterprises of the 10
districts, held at their district's centre: 85% closed, 5% answered, and 10% open
(submitted, accepted or assigned; some due soon, some overdue). Then, as the centre staff of
one district (about N/10 cases in scope), it times the staff page ``/staff/cases/`` for each
queue, a search by reference number, a later page, and ``GET /api/v1/cases``, and prints
p50/p95 and the queries of each. Target (issue 11): p95 under 100 ms on PostgreSQL.

With ``DATABASE_URL`` it runs on that database; otherwise on SQLite under
``var/bench-member-lookup/`` (the directory ``member_lookup.py`` uses).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import case_data  # the benchmarks folder, put on the path above
import member_lookup as lookup


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep cases already created")
    args = parser.parse_args()

    vendor = lookup.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from zhigong.cases import figures
    from zhigong.cases.models import Case
    from zhigong.unions.roles import Role

    call_command("migrate", verbosity=0, interactive=False)
    _root, grassroots, tree = case_data.setup_tree()
    district = tree["federations"]["BD3"]
    clerk = case_data.staff_user("bench_case_clerk", district, Role.CENTRE_STAFF)
    centres = tree["centres"]
    holder_of = {g.pk: g.path[: 2 * g.steplen] for g in grassroots}
    federation_at = {f.path: f for f in tree["federations"].values()}
    today = timezone.localdate()

    def make(i: int, rng: Any) -> dict[str, Any]:
        district_ = federation_at[holder_of[grassroots[i % len(grassroots)].pk]]
        roll = rng.random()
        fields: dict[str, Any] = {"union_id": district_.pk, "centre_id": centres[district_.pk].pk}
        if roll < 0.85:
            fields["status"] = "closed"
        elif roll < 0.90:
            fields["status"] = "replied"
        elif roll < 0.92:
            fields["status"] = "submitted"
        else:
            fields["status"] = "assigned" if roll < 0.97 else "accepted"
            due = today + dt.timedelta(days=rng.randrange(-5, 20))
            fields.update(
                due_date=due,
                due_start=due - dt.timedelta(days=7),
                due_days=5,
                warn_50_on=due - dt.timedelta(days=3),
                warn_80_on=due - dt.timedelta(days=1),
                handler_id=clerk.pk if fields["status"] == "assigned" and i % 4 == 0 else None,
            )
        return fields

    existing = Case.objects.filter(reference__startswith="BQ").count()
    if existing and not args.reuse:
        print(f"{existing:,} benchmark cases exist already: run with --reuse, or use a fresh db")
        return 2
    if existing < args.cases:
        seconds = case_data.generate(args.cases, existing, grassroots, make, vendor=vendor)
        print(f"generated {args.cases - existing:,} cases in {seconds:.1f} s")
    started = time.perf_counter()
    figures.rebuild()
    print(f"database: {vendor}; case figures rebuilt in {time.perf_counter() - started:.1f} s")
    in_scope = Case.objects.filter(union=district).count()
    print(f"the clerk's district holds {in_scope:,} cases")

    client = Client()
    client.force_login(clerk)
    reference = (
        Case.objects.filter(union=district)
        .order_by("-id")
        .values_list("reference", flat=True)[1000]
    )

    def measure(label: str, path: str, params: dict[str, Any]) -> float:
        client.get(path, params)  # warm up
        timings, cpu = [], []
        for _ in range(args.requests):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(path, params)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        assert response.status_code in (200, 302), (path, params, response.status_code)
        p95 = lookup.percentile(timings, 0.95)
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{label:<30} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"(Python CPU p50 {statistics.median(cpu):5.1f} ms; {len(queries)} queries, "
            f"{sql:5.1f} ms in the database)"
        )
        return p95

    worst = 0.0
    for queue in ("open", "mine", "unassigned", "due_soon", "overdue", "all"):
        worst = max(worst, measure(f"page, queue={queue}", "/staff/cases/", {"queue": queue}))
    worst = max(worst, measure("page, open, page 20", "/staff/cases/", {"page": 20}))
    worst = max(worst, measure("page, kind=legal", "/staff/cases/", {"kind": "legal"}))
    worst = max(worst, measure("page, reference search", "/staff/cases/", {"q": reference}))
    worst = max(worst, measure("API, queue=open", "/api/v1/cases", {"queue": "open"}))
    print(f"worst p95 {worst:.1f} ms: {'met' if worst < 100 else 'NOT met'} (target < 100 ms)")
    print(f"load average during the run: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
