"""Benchmark: look up a member by exact ID number among N members through the API.

    .venv/bin/python benchmarks/member_lookup.py [--members N] [--lookups 2000] [--reuse]

Creates a tree (a federation, 10 district federations, 5 streets each, 10 grassroots unions
per street) and N members (default 1,000,000) with valid ID numbers and mobile numbers,
encrypted and blind-indexed by ``zhigong.members.personal`` exactly as the application does,
written with PostgreSQL ``COPY`` (``bulk_create`` on SQLite). Then it measures
``POST /api/v1/members/lookup`` (``{"id_number": …}`` in the body) through Django's test client with a bearer token of a
federation admin at the root, for random existing numbers, and prints p50/p95/p99.

With ``DATABASE_URL`` (``postgres://postgres@127.0.0.1:5432/NAME``) it runs on that database
(migrated here if needed); otherwise on SQLite under ``var/bench-member-lookup/``. The keys
live in that var directory too, so ``--reuse`` on the same database finds the same indexes.
``--reuse`` keeps the members already there and only adds up to N.
Target (issue 3): p95 under 20 ms at 1,000,000 members on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from zhigong.core.actors import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
ROOT_CODE = "BENCHROOT"
REGIONS = [
    "420102",
    "420103",
    "420104",
    "420105",
    "420106",
    "420107",
    "420111",
    "420112",
    "420113",
    "420114",
    "420115",
    "420116",
    "420117",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美娥玉兰萍红霞平刚桂英建国建华志强海燕晓东晓明文斌俊鹏浩宇子轩欣怡梓涵雨萱思远"
BIRTH_START = dt.date(1962, 1, 1)
BIRTH_DAYS = 15_000  # birth dates 1962 .. 2003
SEQ_SPAN = len(REGIONS) * BIRTH_DAYS


def id_number_for(i: int) -> str:
    """The i-th member's ID number: unique for i < 13 * 15,000 * 1,000 (195 million)."""
    from zhigong.core.idnumber import check_digit

    region = REGIONS[i % len(REGIONS)]
    birth = BIRTH_START + dt.timedelta(days=(i // len(REGIONS)) % BIRTH_DAYS)
    seq = (i // SEQ_SPAN) % 1000
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body)


def phone_for(i: int) -> str:
    return f"1{3 + i % 7}{i % 10**9:09d}"


def setup_django() -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("ZHIGONG_VAR_DIR", str(ROOT / "var" / "bench-member-lookup"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False  # no query log growing in memory
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    return str(connection.vendor)


def build_tree() -> tuple[Any, list[Any]]:
    """The root federation and its grassroots unions (created once, through the services)."""
    from zhigong.unions.models import Union
    from zhigong.unions.services import union_create

    root = Union.objects.filter(code=ROOT_CODE).first()
    if root is None:
        root = union_create(
            actor=SYSTEM,
            parent=None,
            code=ROOT_CODE,
            name="压测市总工会",
            kind="federation",
            level="city",
        )
        for d in range(10):
            district = union_create(
                actor=SYSTEM,
                parent=root,
                code=f"BD{d}",
                name=f"压测第{d}区总工会",
                kind="federation",
                level="county",
            )
            for s in range(5):
                street = union_create(
                    actor=SYSTEM,
                    parent=district,
                    code=f"BS{d}{s}",
                    name=f"压测{d}区{s}街道工会",
                    kind="street",
                )
                for g in range(10):
                    union_create(
                        actor=SYSTEM,
                        parent=street,
                        code=f"BG{d}{s}{g}",
                        name=f"压测{d}{s}{g}公司工会",
                        kind="grassroots",
                    )
        root.refresh_from_db()
    grassroots = list(
        Union.objects.filter(path__startswith=root.path, kind="grassroots").order_by("path")
    )
    return root, grassroots


def member_rows(start: int, stop: int, unions: list[Any], now: dt.datetime) -> list[dict[str, Any]]:
    from zhigong.members import personal

    rng = random.Random(start)
    rows = []
    for i in range(start, stop):
        number = id_number_for(i)
        # what the registry stores: encrypted, bound to the row by the ID number's index
        id_encrypted, index, id_masked = personal.id_number_columns(number)
        phone_encrypted, phone_idx, phone_masked = personal.phone_columns(phone_for(i), row=index)
        rows.append(
            {
                "created_at": now,
                "updated_at": now,
                "id_number_encrypted": id_encrypted,
                "id_number_index": index,
                "id_number_masked": id_masked,
                "phone_encrypted": phone_encrypted,
                "phone_index": phone_idx,
                "phone_masked": phone_masked,
                "name": rng.choice(SURNAMES)
                + rng.choice(GIVEN)
                + rng.choice(("", rng.choice(GIVEN))),
                "gender": "male" if int(number[16]) % 2 else "female",
                "birth_date": dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                "ethnicity": "汉族",
                "political_status": rng.choice(("masses", "cpc", "cyl", "masses")),
                "education": rng.choice(("senior", "college", "bachelor", "junior")),
                "union_id": unions[i % len(unions)].pk,
                "job": "",
                "joined_on": dt.date(2010, 1, 1) + dt.timedelta(days=i % 5000),
                "status": "active",
                "user_id": None,
            }
        )
    return rows


def insert(rows: list[dict[str, Any]], vendor: str) -> None:
    from django.db import connection, transaction

    from zhigong.members.models import Member

    if vendor == "postgresql":
        columns = list(rows[0])
        table = Member._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
    else:
        Member.objects.bulk_create([Member(**row) for row in rows], batch_size=2000)


def generate(count: int, existing: int, unions: list[Any], vendor: str, batch: int) -> None:
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    done = existing
    while done < count:
        stop = min(count, done + batch)
        insert(member_rows(done, stop, unions, now), vendor)
        done = stop
        rate = (done - existing) / (time.perf_counter() - started)
        print(f"\r  members: {done:,}/{count:,}  ({rate:,.0f} rows/s)", end="", flush=True)
    print()
    if vendor == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE members_member")


def admin_token(root: Any) -> str:
    from zhigong.accounts.models import User
    from zhigong.accounts.services import api_token_create, role_grant, user_create
    from zhigong.unions.roles import Role

    user = User.objects.filter(username="bench_admin").first()
    if user is None:
        user = user_create(
            actor=SYSTEM, username="bench_admin", password="Bench-Passw0rd!", check_password=False
        )
        role_grant(actor=SYSTEM, user=user, union=root, role=Role.FEDERATION_ADMIN)
    _, key = api_token_create(actor=SYSTEM, user=user)
    return key


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=20_000, help="rows per insert batch")
    parser.add_argument("--reuse", action="store_true", help="keep members already created")
    args = parser.parse_args()

    vendor = setup_django()
    from django.core.management import call_command
    from django.test import Client

    from zhigong.members.models import Member

    print(f"database: {vendor}")
    call_command("migrate", verbosity=0, interactive=False)
    root, unions = build_tree()
    in_tree = Member.objects.filter(union__path__startswith=root.path)
    existing = in_tree.count()
    if existing and not args.reuse:
        print(f"{existing:,} benchmark members exist already: run with --reuse, or use a fresh db")
        return 2
    if existing < args.members:
        generate(args.members, existing, unions, vendor, args.batch)
    total = in_tree.count()
    print(f"members in the tree: {total:,} over {len(unions)} grassroots unions")

    client = Client()
    headers = {"Authorization": f"Bearer {admin_token(root)}"}
    rng = random.Random(42)
    numbers = [id_number_for(rng.randrange(total)) for _ in range(args.lookups)]

    def lookup(number: str) -> Any:
        return client.post(
            "/api/v1/members/lookup",
            json.dumps({"id_number": number}),
            content_type="application/json",
            headers=headers,
        )

    for number in numbers[:50]:  # warm up connections, caches and the token
        lookup(number)
    timings: list[float] = []
    load_before = os.getloadavg()[0]
    cpu_started = time.process_time()
    for number in numbers:
        t0 = time.perf_counter()
        response = lookup(number)
        timings.append((time.perf_counter() - t0) * 1000)
        body = response.json()
        if response.status_code != 200 or body["count"] != 1:
            print(f"unexpected answer for a known number: {response.status_code} {body}")
            return 1
    cpu_ms = (time.process_time() - cpu_started) * 1000 / len(numbers)
    print(
        f"machine load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
        f"cores; CPU of this process per request {cpu_ms:.2f} ms (database time not included)"
    )
    print(
        f"POST /api/v1/members/lookup × {len(timings)} ({vendor}, {total:,} members): "
        f"p50 {percentile(timings, 0.5):.2f} ms, p95 {percentile(timings, 0.95):.2f} ms, "
        f"p99 {percentile(timings, 0.99):.2f} ms, mean {statistics.mean(timings):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
