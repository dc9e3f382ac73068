"""Benchmark: the member list (API and staff page) of a federation admin over N members.

    .venv/bin/python benchmarks/member_lists.py [--members N] [--requests 50] [--reuse]

Uses the tree and members of ``benchmarks/member_lookup.py`` (created here when the database
has none; ``--reuse`` keeps what a previous run of either script left, and rebuilds the
member figures, which that script's direct COPY does not keep). Then it times, as the root's
federation admin: ``GET /api/v1/members`` with no filter, with ``status``, with ``union`` (a
district), with ``name`` (part of a name: a scan), and the staff page ``/staff/members/``
unfiltered and by union, and prints p50/p95 and the queries of each. DESIGN.md §6: scoped
lists ≤ 200 ms with ≤ 10 queries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import member_lookup as lookup  # the benchmarks folder, put on the path above


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep members already created")
    args = parser.parse_args()

    vendor = lookup.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zhigong.accounts.models import User
    from zhigong.members.figures import counting
    from zhigong.members.models import Member

    call_command("migrate", verbosity=0, interactive=False)
    root, unions = lookup.build_tree()
    existing = Member.objects.filter(union__path__startswith=root.path).count()
    if existing and not args.reuse:
        print(f"{existing:,} benchmark members exist already: run with --reuse, or use a fresh db")
        return 2
    if existing < args.members:
        lookup.generate(args.members, existing, unions, vendor, 20_000)
    started = time.perf_counter()
    counting.rebuild()
    print(f"database: {vendor}; figures rebuilt in {time.perf_counter() - started:.1f} s")

    client = Client()
    headers = {"Authorization": f"Bearer {lookup.admin_token(root)}"}
    client.force_login(User.objects.get(username="bench_admin"))

    def measure(label: str, path: str, params: dict[str, Any]) -> None:
        client.get(path, params, headers=headers)  # warm up
        timings = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            response = client.get(path, params, headers=headers)
            timings.append((time.perf_counter() - t0) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params, headers=headers)
        assert response.status_code == 200, (path, params, response.status_code)
        print(
            f"{label:<32} p50 {statistics.median(timings):7.1f} ms  "
            f"p95 {lookup.percentile(timings, 0.95):7.1f} ms  {len(queries)} queries"
        )

    measure("API, no filter", "/api/v1/members", {})
    measure("API, status=active", "/api/v1/members", {"status": "active"})
    measure("API, union=BD3 (a district)", "/api/v1/members", {"union": "BD3"})
    measure("API, name contains 王伟", "/api/v1/members", {"name": "王伟"})
    measure("page, no filter", "/staff/members/", {})
    measure("page, union=BD3, page 3", "/staff/members/", {"union": "BD3", "page": 3})
    return 0


if __name__ == "__main__":
    sys.exit(main())
