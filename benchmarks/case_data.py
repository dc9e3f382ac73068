"""Benchmark data for cases: a tree (``member_lookup.build_tree``: a city, 10 districts, 50
streets, 500 enterprises), a service centre in the city and in each district, staff, and N
cases written with PostgreSQL ``COPY`` (``bulk_create`` on SQLite), each requester's name
encrypted and bound to its row as the application does. Shared by ``cases_queue.py`` and
``case_deadline_scan.py``; not a script itself."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from zhigong.core.actors import SYSTEM

NAMES = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄艳", "赵军", "吴杰", "周涛"]


def setup_tree() -> tuple[Any, list[Any], dict[str, Any]]:
    """The tree, a centre per federation (created once) and the grassroots unions."""
    import member_lookup as lookup  # the benchmarks folder is on the path

    from zhigong.unions.models import ServiceCentre, Union
    from zhigong.unions.services import centre_create

    root, grassroots = lookup.build_tree()
    federations = Union.objects.filter(path__startswith=root.path, kind="federation")
    centres = {c.union_id: c for c in ServiceCentre.objects.filter(union__in=federations)}
    for union in federations:
        if union.pk not in centres:
            centres[union.pk] = centre_create(
                actor=SYSTEM, union=union, name=f"{union.name}职工服务中心"
            )
    by_code = {u.code: u for u in federations}
    return root, grassroots, {"centres": centres, "federations": by_code}


def staff_user(username: str, union: Any, role: str) -> Any:
    """A staff account with one role at ``union`` (created once)."""
    from zhigong.accounts.models import User
    from zhigong.accounts.services import role_grant, user_create

    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=SYSTEM,
            username=username,
            password="Bench-Passw0rd!",
            full_name=username,
            check_password=False,
        )
        role_grant(actor=SYSTEM, user=user, union=union, role=role)
    return user


Row = Callable[[int, random.Random], dict[str, Any]]


def generate(
    count: int, start: int, grassroots: list[Any], make: Row, *, vendor: str, batch: int = 20_000
) -> float:
    """Write cases ``start`` .. ``count - 1``; ``make(i, rng)`` gives each case's status,
    holder, clock and outcome fields. Returns the seconds it took."""
    from django.db import connection, transaction

    from zhigong.cases.models import Case
    from zhigong.cases.personal import set_requester

    fields = [f for f in Case._meta.concrete_fields if f.name != "id"]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Case._meta.db_table)
    rng = random.Random(start)
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()

    def cases(first: int, last: int) -> Iterator[Case]:
        for i in range(first, last):
            origin = grassroots[i % len(grassroots)]
            case = Case(
                reference=f"BQ{i:013d}",
                kind="legal" if i % 3 == 0 else "rights",
                channel=("portal", "hotline", "app", "walk_in")[i % 4],
                category=("wages", "labour_contract", "dismissal", "social_insurance")[i % 4],
                complexity="normal",
                origin_id=origin.pk,
                employer="压测用人单位",
                description="压测诉求：拖欠工资。",
                created_at=now - dt.timedelta(minutes=i % 500_000),
                updated_at=now,
                **make(i, rng),
            )
            set_requester(case, name=NAMES[i % len(NAMES)], phone="")
            yield case

    for first in range(start, count, batch):
        last = min(first + batch, count)
        with transaction.atomic():
            if vendor == "postgresql":
                with (
                    connection.cursor() as cursor,
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                ):
                    for case in cases(first, last):
                        copy.write_row([getattr(case, f.attname) for f in fields])
            else:
                Case.objects.bulk_create(cases(first, last), batch_size=2000)
        print(f"  cases {last:,} / {count:,}", flush=True)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would have by then
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started
