"""Benchmark: the acceptance list over a city of 10,000 centres and stations (issue 14: p95
under 200 ms, at most 10 queries).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/centres_acceptance.py [--centres N] [--requests 100]

Loads the demo tree (``seed_demo``, small scale), adds N stations spread over the street and
enterprise unions (bulk inserts), this year's round and an acceptance per station in every
status and grade with its three percentages, then times ``GET /staff/centres/acceptances/``
through the test client as the city's administrator: unfiltered, by grade, by status, by a
district's subtree, all three at once, and a far page; and the API's list. Each request's
queries are counted (the whole page: session, user, scopes, the list's count and page).

Without ``DATABASE_URL`` it runs on a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.member_figures import setup_django, timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--centres", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="zhigong-bench-"))
    vendor = setup_django(tmp)
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from zhigong.accounts.models import User
    from zhigong.centres.models import (
        Acceptance,
        AcceptanceGrade,
        AcceptanceRound,
        AcceptanceStatus,
    )
    from zhigong.demo.services import seed_demo
    from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel

    call_command("migrate", verbosity=0, interactive=False)
    if ServiceCentre.objects.count() > 1000:
        print("The database already holds many centres; use an empty one.")
        return 2
    started = time.perf_counter()
    seed_demo(seed=1)
    print(f"tree       {Union.objects.count():,} unions in {time.perf_counter() - started:.1f} s")
    rng = random.Random(1)
    year = timezone.localdate().year
    round_ = AcceptanceRound.objects.filter(year=year).first()
    assert round_ is not None, "seed_demo opens this year's round"
    hosts = list(
        Union.objects.filter(kind__in=[UnionKind.STREET, UnionKind.GRASSROOTS]).values_list(
            "id", flat=True
        )
    )
    statuses = list(AcceptanceStatus.values)
    graded = {"graded", "approved", "published", "final"}
    started = time.perf_counter()
    with transaction.atomic():
        made = ServiceCentre.objects.bulk_create(
            [
                ServiceCentre(
                    union_id=rng.choice(hosts),
                    name=f"基准职工服务站{n:05d}",
                    kind=ServiceCentre.Kind.STATION,
                    level=ServiceCentre.Level.ENTERPRISE,
                )
                for n in range(args.centres)
            ],
            batch_size=2000,
        )
        if connection.vendor != "postgresql":  # SQLite returns no ids from bulk_create
            made = list(ServiceCentre.objects.filter(name__startswith="基准职工服务站"))
        rows = []
        for centre in made:
            status = rng.choice(statuses)
            pct = [Decimal(rng.randint(4000, 10000)) / 100 for _ in range(3)]
            rows.append(
                Acceptance(
                    round=round_,
                    centre_id=centre.pk,
                    union_id=centre.union_id,
                    status=status,
                    grade=rng.choice(AcceptanceGrade.values) if status in graded else "",
                    hardware_pct=pct[0] if status in graded else None,
                    mechanism_pct=pct[1] if status in graded else None,
                    satisfaction_pct=pct[2] if status in graded else None,
                )
            )
        Acceptance.objects.bulk_create(rows, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE centres_acceptance")
            cursor.execute("ANALYZE unions_servicecentre")
    print(
        f"acceptances {Acceptance.objects.count():,} in {time.perf_counter() - started:.1f} s "
        f"({vendor})"
    )
    district = Union.objects.filter(kind=UnionKind.FEDERATION, level=UnionLevel.COUNTY).first()
    assert district is not None
    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="city_admin"))
    base = "/staff/centres/acceptances/"
    cases = {
        "all": base,
        "grade": f"{base}?grade=excellent",
        "status": f"{base}?status=published",
        "subtree": f"{base}?union={district.code}",
        "all three": f"{base}?grade=advanced&status=final&union={district.code}",
        "page 100": f"{base}?page=100",
        "API grade": "/api/v1/centres/acceptances?grade=compliant&page=3",
    }
    worst = 0.0
    for label, url in cases.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p50, p95 = timed(lambda url=url: client.get(url), args.requests)
        worst = max(worst, p95)
        print(f"{label:<10} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  {len(queries):2d} queries")
    print(f"worst p95  {worst:.2f} ms (target: under 200 ms)")
    connection.close()
    return 0 if worst < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
