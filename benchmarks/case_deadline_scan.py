"""Benchmark: the deadline scan over N open cases of which D are past their deadline.

    .venv/bin/python benchmarks/case_deadline_scan.py [--cases N] [--due D]

Builds the tree of ``member_lookup.py`` with a service centre in every federation, and N open
cases (default 1,000,000; accepted or assigned, held at their district's centre, warnings
already given) of which D (default 10,000) are past their deadline and the rest due in the
coming weeks (``case_data.generate``). Then it runs ``case_deadline_scan`` twice, as the
periodic job does, and prints how long each took and what it did: the first must escalate
the D cases to the city's centre in under 10 s; the second must change nothing (no case, no
step, no audit event). Every run needs a fresh database (the first scan moves the cases).

With ``DATABASE_URL`` it runs on that database; otherwise on SQLite under
``var/bench-member-lookup/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
    parser.add_argument("--due", type=int, default=10_000)
    args = parser.parse_args()

    vendor = lookup.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from zhigong.cases import figures
    from zhigong.cases.models import Case, CaseStep
    from zhigong.cases.services.scan import case_deadline_scan
    from zhigong.core.actors import SYSTEM
    from zhigong.core.models import AuditEvent
    from zhigong.unions.roles import Role

    call_command("migrate", verbosity=0, interactive=False)
    if Case.objects.filter(reference__startswith="BQ").exists():
        print("benchmark cases exist already: the scan needs a fresh database")
        return 2
    root, grassroots, tree = case_data.setup_tree()
    centres = tree["centres"]
    federation_at = {f.path: f for f in tree["federations"].values()}
    handler = case_data.staff_user(
        "bench_case_handler", tree["federations"]["BD0"], Role.CENTRE_STAFF
    )
    today = timezone.localdate()
    now = timezone.now()
    every = max(1, args.cases // args.due)

    def make(i: int, rng: Any) -> dict[str, Any]:
        district = federation_at[grassroots[i % len(grassroots)].path[:8]]
        due = (
            today - dt.timedelta(days=1 + i % 10)
            if i % every == 0
            else (today + dt.timedelta(days=1 + i % 30))
        )
        assigned = i % 2 == 0
        return {
            "status": "assigned" if assigned else "accepted",
            "union_id": district.pk,
            "centre_id": centres[district.pk].pk,
            "handler_id": handler.pk if assigned and i % 10 == 0 else None,
            "accepted_at": now - dt.timedelta(days=10),
            "due_start": due - dt.timedelta(days=7),
            "due_days": 5,
            "due_date": due,
            "warn_50_on": due - dt.timedelta(days=3),
            "warn_80_on": due - dt.timedelta(days=1),
            "warned_50_at": now,
            "warned_80_at": now,
        }

    seconds = case_data.generate(args.cases, 0, grassroots, make, vendor=vendor)
    due = Case.objects.filter(due_date__lt=today).count()
    print(
        f"database: {vendor}; generated {args.cases:,} open cases ({due:,} due) in {seconds:.1f} s"
    )
    figures.rebuild()

    def counts() -> tuple[int, int, int]:
        return (
            Case.objects.filter(union=root).count(),
            CaseStep.objects.count(),
            AuditEvent.objects.count(),
        )

    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        first = case_deadline_scan(actor=SYSTEM)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    after_first = counts()
    print(
        f"first scan:  {took:6.2f} s  {first}\n"
        f"             (Python CPU {cpu:.2f} s; {len(queries.captured_queries)} queries, "
        f"{sql:.2f} s waiting for the database)"
    )
    started = time.perf_counter()
    second = case_deadline_scan(actor=SYSTEM)
    took_again = time.perf_counter() - started
    after_second = counts()
    print(f"second scan: {took_again:6.2f} s  {second}")
    escalated_ok = first.escalated == due and after_first[0] == due
    unchanged = after_second == after_first and (second.escalated, second.warned) == (0, 0)
    print(
        f"first scan escalated all {due:,} due cases to the city centre: {escalated_ok}; "
        f"under 10 s: {took < 10}; the second changed nothing: {unchanged}"
    )
    print(f"load average: {os.getloadavg()}")
    return 0 if escalated_ok and unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
