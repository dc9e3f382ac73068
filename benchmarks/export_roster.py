"""Benchmark: export the roster of a whole tree of N members (default 1,000,000) to .xlsx.

    .venv/bin/python benchmarks/export_roster.py [--rows N] [--reuse]

Loads N realistic members with the roster import (the tree and roster of
``benchmarks/import_members.py``), then times ``roster_export`` for the root union twice: masked
(what ``manage.py export_roster`` and the staff page give) and unmasked (a reveal: every ID
number and phone decrypted, one access-log row). Prints seconds, rows/s, the file's size and
the peak memory of the process. DESIGN.md §6: an export of 10^6 rows within 2 minutes,
streamed.

By default it runs on SQLite in a temporary ``ZHIGONG_VAR_DIR``. With ``DATABASE_URL`` set
(an empty database) it runs there; ``--reuse`` takes the members a previous run left.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from zhigong.core.actors import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="use the members already there")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zhigong-bench-export-"))
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["ZHIGONG_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    import import_members as roster
    from django.core.management import call_command
    from django.db import connection

    from zhigong.accounts.services import role_grant, user_create
    from zhigong.members.exports import roster_export
    from zhigong.members.importing import member_import
    from zhigong.members.models import Member
    from zhigong.unions.models import Union
    from zhigong.unions.roles import Role

    call_command("migrate", verbosity=0)
    if not args.reuse:
        if Member.objects.exists():
            print("the database holds members already: use an empty one, or --reuse")
            return 2
        codes = roster.build_tree()
        path = work / "roster.csv"
        roster.write_roster(path, args.rows, codes, xlsx=False)
        started = time.perf_counter()
        loaded = member_import(actor=SYSTEM, path=path, filename=path.name)
        if not loaded.ok:
            print("import failed:", [str(e) for e in loaded.errors[:5]])
            return 1
        print(f"loaded {loaded.created:,} members in {time.perf_counter() - started:.1f} s")
        path.unlink()
    root = Union.objects.get(code="WH")
    total = Member.objects.filter(union__path__startswith=root.path).count()
    print(f"database: {connection.vendor}; members under {root.name}: {total:,}")

    admin = user_create(
        actor=SYSTEM,
        username=f"bench_export_{os.getpid()}",
        password="Bench-Passw0rd!",
        check_password=False,
    )
    role_grant(actor=SYSTEM, user=admin, union=root, role=Role.FEDERATION_ADMIN)
    for label, reveal in (("masked", False), ("unmasked (a reveal)", True)):
        out = work / f"roster-{'full' if reveal else 'masked'}.xlsx"
        started = time.perf_counter()
        with out.open("wb") as stream:
            count = roster_export(
                actor=admin,
                union=root,
                stream=stream,
                reveal=reveal,
                reason="压力测试：导出全市花名册",
            )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{label}: {count:,} members in {seconds:.1f} s ({count / seconds:,.0f} rows/s), "
            f"{out.stat().st_size / 1e6:.0f} MB, peak memory so far {peak:.0f} MiB"
        )
        out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
