"""Benchmark: member figures over a large archive (default 1,000,000 members).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/member_figures.py [--members N] [--reuse] [--requests 200]

Without ``--reuse`` the database must be empty (or migrated and empty): it loads the large
demo tree (20,000+ unions, ``seed_demo --scale large``) and N members spread over its
grassroots unions (realistic shares by status, gender, age, political status, education;
ID numbers encrypted with their blind index, as the registry stores them), with COPY on
PostgreSQL and multi-row inserts on SQLite. With ``--reuse`` it uses what the database
holds. Then it times ``counting.rebuild()``, a live count over the whole tree for contrast,
and ``GET /api/v1/members/figures`` for the root and a few districts through Django's test
client (p50/p95 of ``--requests`` requests each). Target (issue): figures for the whole tree
over 1,000,000 members under 300 ms; DESIGN.md §6: tree figures ≤ 50 ms p95.

Without ``DATABASE_URL`` it runs on a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup_django(tmp: Path) -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("ZHIGONG_VAR_DIR", str(tmp / "var"))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.db import connection

    return str(connection.vendor)


def member_rows(count: int, union_ids: list[int], seed: int = 1) -> Iterator[tuple[Any, ...]]:
    """Rows for the members table, column order as ``COLUMNS``: fast, plausible, unique."""
    from django.utils import timezone

    from zhigong.core.idnumber import check_digit
    from zhigong.demo.people import GIVEN_FEMALE, GIVEN_MALE, SURNAMES, WUHAN_REGIONS
    from zhigong.members.personal import id_number_columns

    rng = random.Random(seed)
    weights = list(accumulate(rng.paretovariate(1.2) for _ in union_ids))
    regions = (*WUHAN_REGIONS, "420502", "421102", "430102", "410102")
    statuses = ["active"] * 93 + ["suspended"] * 2 + ["left"] * 5
    political = ["masses"] * 74 + ["cpc"] * 15 + ["cyl"] * 7 + ["cpc_probationary"] * 1
    political += ["non_party", ""]
    education = ["junior"] * 22 + ["senior"] * 31 + ["college"] * 21 + ["bachelor"] * 20
    education += ["master"] * 4 + ["primary"] * 2 + ["doctor", ""]
    base = dt.date(2026, 1, 1)
    now = timezone.now()
    joined = dt.date(2015, 1, 1)
    seen: set[str] = set()
    made = 0
    while made < count:
        male = rng.random() < 0.54
        birth = base - dt.timedelta(days=rng.randint(18 * 365 + 5, 60 * 365 - 5))
        body = f"{rng.choice(regions)}{birth:%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
        if body in seen:
            continue
        seen.add(body)
        number = body + check_digit(body)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        made += 1
        yield (
            now,
            now,
            *id_number_columns(number),
            "",
            "",
            "",
            name,
            "male" if male else "female",
            birth,
            "汉族",
            rng.choice(political),
            rng.choice(education),
            rng.choices(union_ids, cum_weights=weights)[0],
            "",
            joined,
            rng.choice(statuses),
        )


COLUMNS = [
    "created_at",
    "updated_at",
    "id_number_encrypted",
    "id_number_index",
    "id_number_masked",
    "phone_encrypted",
    "phone_index",
    "phone_masked",
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "union_id",
    "job",
    "joined_on",
    "status",
]


def load_members(count: int) -> float:
    from django.db import connection, transaction

    from zhigong.unions.models import Union, UnionKind

    union_ids = list(
        Union.objects.filter(kind=UnionKind.GRASSROOTS)
        .order_by("path")
        .values_list("id", flat=True)
    )
    started = time.perf_counter()
    rows = member_rows(count, union_ids)
    columns = ", ".join(COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY members_member ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO members_member ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 20_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE members_member")
    return time.perf_counter() - started


def timed(fn: Any, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="use the members already loaded")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="zhigong-bench-"))
    vendor = setup_django(tmp)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from zhigong.accounts.models import User
    from zhigong.demo.plan import Scale
    from zhigong.demo.services import seed_demo
    from zhigong.members.figures import counting
    from zhigong.members.models import Member
    from zhigong.unions.models import Union

    call_command("migrate", verbosity=0, interactive=False)
    if not args.reuse:
        if Member.objects.exists():
            print("The database already holds members; use --reuse or an empty one.")
            return 2
        started = time.perf_counter()
        seed_demo(seed=1, scale=Scale.LARGE)
        print(
            f"tree       {Union.objects.count():,} unions in {time.perf_counter() - started:.1f} s"
        )
        seconds = load_members(args.members)
        print(
            f"members    {args.members:,} loaded in {seconds:.1f} s "
            f"({args.members / seconds:,.0f} rows/s)"
        )
    total = Member.objects.count()
    print(f"database   {vendor}, {total:,} members, {Union.objects.count():,} unions")

    started = time.perf_counter()
    rows = counting.rebuild()
    print(f"rebuild    {rows:,} rollup rows in {time.perf_counter() - started:.2f} s")

    root = Union.objects.get(depth=1, code="WH")
    started = time.perf_counter()
    live = dict(
        Member.objects.filter(union__path__startswith=root.path)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    print(
        f"live count {(time.perf_counter() - started) * 1000:.0f} ms for the statuses of the "
        f"whole tree (the rollup avoids this): {live}"
    )
    assert counting.of_union(root)["status"] == {k: v for k, v in live.items() if v}

    p50, p95 = timed(lambda: counting.of_union(root), args.requests)
    print(f"figures()  root: p50 {p50:.2f} ms, p95 {p95:.2f} ms (function, one query)")

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="city_admin"))
    targets = ["WH", "WH-420102", "WH-420106", "WH-420111", "WH-ZONE-DH"]
    targets = [c for c in targets if Union.objects.filter(code=c).exists()]
    for code in targets:
        url = f"/api/v1/members/figures?union={code}"
        response = client.get(url)
        assert response.status_code == 200, response.content
        p50, p95 = timed(lambda url=url: client.get(url), args.requests)
        active = response.json()["status"].get("active", 0)
        print(f"API        {code:<14} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ({active:,} active)")
    page = "/staff/members/figures/?union=WH"
    assert client.get(page).status_code == 200
    p50, p95 = timed(lambda: client.get(page), max(20, args.requests // 4))
    print(f"page       WH             p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  (charts cached)")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
