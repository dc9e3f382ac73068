"""Benchmark: screening the matchmaking pool (issue 12, MM-4).

    .venv/bin/python benchmarks/matchmaking_screening.py [--profiles N] [--requests 200] [--reuse]

Builds the tree of ``member_lookup.py`` and N active profiles (default 1,000,000), each
with its member record, written with PostgreSQL ``COPY`` (``bulk_create`` on SQLite): ages
22-50 (more in the late twenties and thirties), heights by gender, education, income,
districts and marital status spread like a large city, requirements around each person's own
age and a few wishes. Then, for randomly chosen members, it times ``screening.screen`` (the
top 20 reciprocal candidates: one ranking query and one fetch of the 20 profiles) and prints
p50/p95/max. Target: p95 under 50 ms on PostgreSQL for 1,000,000; give the SQLite figure
for 100,000.

With ``DATABASE_URL`` it runs on that database; otherwise on SQLite under
``var/bench-member-lookup/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import member_lookup as lookup  # the benchmarks folder, put on the path above

BENCH_PREFIX = "mmbench"


def _rows(
    first: int, last: int, grassroots: list[Any], today: dt.date
) -> Iterator[tuple[Any, Any]]:
    from zhigong.matchmaking import population
    from zhigong.matchmaking.models import Profile
    from zhigong.members.models import Member

    now = dt.datetime.now(dt.UTC)
    rng = random.Random(first)
    for i in range(first, last):
        male = i % 2 == 0
        age = population.age_of(rng)
        born = population.birth_for(rng, age, today)
        union = grassroots[i % len(grassroots)]
        member = Member(
            name=f"压测{i}",
            gender="male" if male else "female",
            birth_date=born,
            union_id=union.pk,
            joined_on=dt.date(2020, 1, 1),
            status="active",
            id_number_encrypted="x",
            id_number_index=f"{BENCH_PREFIX}{i}",
            id_number_masked="420102********0000",
            created_at=now,
            updated_at=now,
        )
        profile = Profile(
            union_id=union.pk,
            status="active",
            gender=member.gender,
            birth_date=born,
            rules_version="2026.1",
            rules_digest="bench",
            rules_signed_at=now,
            entered_at=now,
            recent_offers=min(12, int(rng.expovariate(0.7))),
            **population.profile_fields(rng, male=male, age=age),
            created_at=now,
            updated_at=now,
        )
        yield member, profile


def seed(count: int, grassroots: list[Any], vendor: str, batch: int = 50_000) -> float:
    from django.db import connection, transaction
    from django.utils import timezone

    from zhigong.matchmaking.models import Profile
    from zhigong.members.models import Member

    started = time.perf_counter()
    today = timezone.localdate()
    member_fields = [f for f in Member._meta.concrete_fields if f.name != "id"]
    profile_fields = [f for f in Profile._meta.concrete_fields if f.name != "id"]
    start_id = (Member.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for first in range(0, count, batch):
        last = min(first + batch, count)
        pairs = list(_rows(first, last, grassroots, today))
        for offset, (member, profile) in enumerate(pairs):
            member.pk = start_id + first + offset
            profile.member_id = member.pk
        with transaction.atomic():
            if vendor == "postgresql":
                for model, fields, objs in (
                    (Member, [*member_fields, Member._meta.pk], [m for m, _ in pairs]),
                    (Profile, profile_fields, [p for _, p in pairs]),
                ):
                    table = connection.ops.quote_name(model._meta.db_table)
                    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
                    with (
                        connection.cursor() as cursor,
                        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                    ):
                        for obj in objs:
                            copy.write_row([getattr(obj, f.attname) for f in fields])
            else:
                Member.objects.bulk_create([m for m, _ in pairs], batch_size=2000)
                Profile.objects.bulk_create([p for _, p in pairs], batch_size=2000)
        print(f"  profiles {last:,} / {count:,}", flush=True)
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM "
                + connection.ops.quote_name(Member._meta.db_table)
                + "))",
                [Member._meta.db_table],
            )
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep profiles already created")
    parser.add_argument(
        "--windows",
        default="",
        help="try other bounded readings, e.g. 20000,100000 (screening.WINDOWS)",
    )
    args = parser.parse_args()

    vendor = lookup.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from zhigong.matchmaking import screening
    from zhigong.matchmaking.models import Profile
    from zhigong.matchmaking.screening import screen
    from zhigong.members.models import Member

    call_command("migrate", verbosity=0, interactive=False)
    if args.windows:
        screening.WINDOWS = tuple(int(w) for w in args.windows.split(","))
    _root, grassroots = lookup.build_tree()
    existing = Profile.objects.filter(member__id_number_index__startswith=BENCH_PREFIX)
    if not args.reuse or existing.count() != args.profiles:
        existing.delete()
        Member.objects.filter(id_number_index__startswith=BENCH_PREFIX).delete()
        took = seed(args.profiles, grassroots, vendor)
        print(f"seeded {args.profiles:,} profiles in {took:.0f} s")
    ids = list(Profile.objects.values_list("id", flat=True).order_by("id"))
    rng = random.Random(12)
    today = timezone.localdate()
    # Side by side, member by member: ``screen`` (the bounded first reading, then the whole
    # pool if needed) and the whole-pool query alone (the way before the window).
    timings: dict[str, list[float]] = {"screen": [], "whole pool only": []}
    found: list[int] = []
    answered_by_window = 0
    for pk in rng.sample(ids, min(args.requests, len(ids))):
        member = Profile.objects.get(pk=pk)
        started = time.perf_counter()
        result = screen(member, today=today, limit=20)
        timings["screen"].append((time.perf_counter() - started) * 1000)
        found.append(len(result))
        started = time.perf_counter()
        whole = screening._ranked(member, today=today, limit=20)
        Profile.objects.in_bulk([row[0] for row in whole])
        timings["whole pool only"].append((time.perf_counter() - started) * 1000)
        assert [c.profile.pk for c in result] == [row[0] for row in whole]
        first = screening._ranked(member, today=today, limit=20, window=screening.WINDOWS[0])
        answered_by_window += len(first) == 20
    for name, taken in timings.items():
        taken.sort()
        p95 = taken[int(len(taken) * 0.95) - 1]
        print(
            f"{vendor}: {len(ids):,} active profiles, {len(taken)} screenings (top 20), "
            f"{name}: p50 {statistics.median(taken):.1f} ms, p95 {p95:.1f} ms, "
            f"max {taken[-1]:.1f} ms"
        )
    print(
        f"candidates found: median {statistics.median(found):.0f}, "
        f"none for {sum(1 for f in found if f == 0)}; answered by the first "
        f"{screening.WINDOWS[0]:,} registrations alone: {answered_by_window} of {len(found)}"
    )
    if vendor == "postgresql":
        member = Profile.objects.get(pk=ids[len(ids) // 2])
        from zhigong.matchmaking.screening import screening_sql

        sql, params = screening_sql(member, today=today, limit=20)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()[:25]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
