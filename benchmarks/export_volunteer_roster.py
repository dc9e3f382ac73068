"""Benchmark: the volunteer roster (附件3) of N approved volunteers (default 100,000) as .xlsx.

    .venv/bin/python benchmarks/export_volunteer_roster.py [--rows N]

Writes N approved volunteers (ID numbers and phones encrypted like real ones) under a small
tree in chunks, then times ``volunteers.roster.roster_export`` for the city masked and
unmasked (every ID number decrypted, one access-log row). Prints seconds, rows/s, the file's
size, and the process's peak memory (VmHWM) before and after each export: the export
streams (xlsxwriter ``constant_memory``, rows read with ``.iterator()``), so the peak stays
flat whatever N is. Issue 13: 100,000 volunteers within 30 s.

By default it runs on SQLite in a temporary ``ZHIGONG_VAR_DIR``; with ``DATABASE_URL`` set
(an empty database) it runs there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHUNK = 5000


def peak_mib() -> float:
    """The process's peak resident memory so far (Linux ``VmHWM``), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zhigong-bench-volunteers-"))
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["ZHIGONG_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from zhigong.accounts.services import role_grant, user_create
    from zhigong.core.actors import SYSTEM
    from zhigong.core.idnumber import check_digit
    from zhigong.members.personal import id_index, id_number_columns, phone_columns
    from zhigong.unions.roles import DepartmentKind, Role
    from zhigong.unions.services import department_create, union_create
    from zhigong.volunteers.models import Volunteer
    from zhigong.volunteers.roster import roster_export

    call_command("migrate", verbosity=0)
    if Volunteer.objects.exists():
        print("the database holds volunteers already: use an empty one")
        return 2
    city = union_create(
        actor=SYSTEM, parent=None, code="BV", name="武汉市总工会", kind="federation", level="city"
    )
    district = union_create(
        actor=SYSTEM,
        parent=city,
        code="BV-D",
        name="江岸区总工会",
        kind="federation",
        level="county",
    )
    units = [
        union_create(
            actor=SYSTEM, parent=district, code=f"BV-G{i}", name=f"企业{i}工会", kind="grassroots"
        )
        for i in range(20)
    ]
    started = time.perf_counter()
    now = timezone.now()
    table = Volunteer._meta.db_table
    for first in range(0, args.rows, CHUNK):
        batch = []
        for n in range(first, min(first + CHUNK, args.rows)):
            body = f"420102{1960 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
            number = body + check_digit(body)
            # a blind index unique even where the synthetic numbers repeat
            index = f"{id_index(number)[:48]}{n:016d}"
            sealed, index, masked = id_number_columns(number, index, table=table)
            phone = phone_columns(f"139{n:08d}", row=index, table=table)
            batch.append(
                Volunteer(
                    name=f"志愿者{n}",
                    gender="male" if n % 2 else "female",
                    political_status="masses",
                    health="good",
                    employer=f"企业{n % 20}",
                    identity="worker",
                    specialty="电工维修",
                    statement="自愿",
                    signed_at=now,
                    union=units[n % 20],
                    quota_union=district,
                    city_union=city,
                    status="approved",
                    id_number_encrypted=sealed,
                    id_number_index=index,
                    id_number_masked=masked,
                    phone_encrypted=phone[0],
                    phone_index=phone[1],
                    phone_masked=phone[2],
                )
            )
        Volunteer.objects.bulk_create(batch)
    print(f"wrote {args.rows:,} volunteers in {time.perf_counter() - started:.1f} s "
          f"({connection.vendor})")  # fmt: skip

    clerk = user_create(
        actor=SYSTEM,
        username=f"bench_vol_{os.getpid()}",
        password="Bench-Passw0rd!",
        check_password=False,
    )
    welfare = department_create(actor=SYSTEM, union=city, kind=DepartmentKind.WELFARE)
    role_grant(actor=SYSTEM, user=clerk, union=city, role=Role.DEPARTMENT_STAFF, department=welfare)
    for label, reveal in (("masked", False), ("unmasked (a reveal)", True)):
        out = work / f"roster-{'full' if reveal else 'masked'}.xlsx"
        before = peak_mib()
        started = time.perf_counter()
        with out.open("wb") as stream:
            count = roster_export(
                actor=clerk,
                union=city,
                stream=stream,
                responsible="梁玉叶",
                phone="82610421",
                reveal=reveal,
                reason="压力测试：导出全市志愿者花名册",
            )
        seconds = time.perf_counter() - started
        print(
            f"{label}: {count:,} volunteers in {seconds:.1f} s ({count / seconds:,.0f} rows/s), "
            f"{out.stat().st_size / 1e6:.1f} MB; peak memory {before:.0f} MiB before, "
            f"{peak_mib():.0f} MiB after"
        )
        out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
