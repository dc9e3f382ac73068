"""Benchmark: the platform's hot authenticated reads against a bare Django page, side by side.

    .venv/bin/python benchmarks/http_side_by_side.py [--members 20000] [--rounds 3]
        [--duration 10] [--connections 16] [--reuse] [--keep] [--routes card,staff_list]

DESIGN.md §6: every authenticated hot read at ≥ 60% of the requests/s of a bare Django page
with one query, under the same server settings, measured in one run. This script:

1. creates two PostgreSQL databases (``<prefix>_baseline`` and ``<prefix>_<members>``) on the
   server of ``--pg`` (default ``postgres://postgres@127.0.0.1:5432``);
2. seeds the platform's with the demo federation and ``--members`` members (``seed_demo``
   up to 20,000; beyond that the rest are written with ``COPY``, encrypted and blind-indexed
   as the application does, the way ``member_lookup.py`` writes them); ``--reuse`` keeps a
   database seeded by an earlier run;
3. starts both under gunicorn with the same settings (``gthread``, 2 workers × 4 threads):
   the baseline (``benchmarks/baseline/``, one view reading 12 rows into a template, no
   middleware: the TechEmpower "fortunes" shape) and the platform with its production
   settings (``config.settings.prod``; sessions in Redis when ``--redis`` answers);
4. logs in the roles it needs (a member with an active card, a staff user, an API token, a
   card verifier), checks every route answers 200 with the expected content, then runs wrk
   on each route right after a run on the baseline, for ``--rounds`` rounds, and prints the
   median req/s, p50/p99 and the ratio to the baseline run just before it, with the load
   average of the machine at the time;
5. stops the servers and, unless ``--keep``, drops the databases.

The routes: ``/`` (anonymous portal home), ``/me/card/`` (a member's card with its QR code),
``/staff/members/`` (the staff member list), ``GET /api/v1/members`` (bearer token) and
``GET /api/v1/cards/verify`` (a merchant's card check). ``wrk`` (Debian package) must be on
the PATH. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
DEMO_MEMBERS = 20_000  # seed_demo writes these (bulk_create); the rest go in with COPY
MEMBER_LOGIN = "member_wang"  # the demo's member with an active card

FORTUNES = [
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
]


# --- environments ----------------------------------------------------------------------------


def _key(label: str, db: str) -> str:
    """A fixed key per database (not a secret: benchmark data only), so --reuse finds the
    same blind indexes and ciphertexts."""
    return base64.urlsafe_b64encode(hashlib.sha256(f"{label}/{db}".encode()).digest()).decode()


def platform_env(pg: str, db: str, redis_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZHIGONG_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=_key("secret", db) * 2,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"{pg}/{db}",
        ZHIGONG_ENCRYPTION_KEYS="k1:" + _key("encryption", db),
        ZHIGONG_BLIND_INDEX_KEY=_key("blind-index", db),
        ZHIGONG_AUDIT_KEY=_key("audit", db),
        ZHIGONG_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def baseline_env(pg: str, db: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZHIGONG_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.baseline.settings",
        DJANGO_SECRET_KEY=_key("secret", db) * 2,
        DATABASE_URL=f"{pg}/{db}",
        PYTHONPATH=str(ROOT),
    )
    return env


def psql(pg: str, db: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(f"{pg}/{db}", autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(sql, args or None)
        return cur.fetchall() if cur.description else []


def database_exists(pg: str, db: str) -> bool:
    return bool(psql(pg, "postgres", "SELECT 1 FROM pg_database WHERE datname = %s", db))


def create_database(pg: str, db: str) -> None:
    if database_exists(pg, db):
        psql(pg, "postgres", f'DROP DATABASE "{db}" WITH (FORCE)')
    psql(pg, "postgres", f'CREATE DATABASE "{db}"')


def drop_database(pg: str, db: str) -> None:
    psql(pg, "postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def redis_answers(url: str) -> bool:
    if not url:
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


# --- what runs inside the platform's environment (a subprocess: Django set up there) ----------


def helper(env: dict[str, str], action: str, *args: str) -> Any:
    """Run ``action`` of this script in the platform's environment; its JSON answer."""
    done = subprocess.run(
        [PYTHON, __file__, "--helper", action, *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _helper_main(action: str, args: list[str]) -> None:
    import django

    django.setup()
    actions: dict[str, Callable[..., Any]] = {
        "seed": _seed,
        "credentials": _credentials,
        "card_token": _card_token,
    }
    answer = actions[action](*args)
    print(json.dumps(answer))


def _seed(members: str) -> dict[str, Any]:
    """Migrate, load the demo with up to 20,000 members, COPY the rest (idempotent)."""
    from django.core.management import call_command
    from django.db import connection

    from zhigong.members.models import Member

    wanted = int(members)
    call_command("migrate", verbosity=0, interactive=False)
    have = (
        Member.objects.count() if "members_member" in connection.introspection.table_names() else 0
    )
    if have >= wanted:
        return {"members": have, "seeded": False}
    started = time.perf_counter()
    call_command("seed_demo", members=min(wanted, DEMO_MEMBERS), force=True, verbosity=0)
    if wanted > DEMO_MEMBERS:
        _copy_members(wanted)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "members": Member.objects.count(),
        "seeded": True,
        "seconds": time.perf_counter() - started,
    }


def _copy_members(wanted: int) -> None:
    """Members beyond the demo's, over the demo's grassroots unions, written like
    ``member_lookup.py`` writes its million (COPY; encrypted and blind-indexed)."""
    from django.utils import timezone

    from benchmarks import member_lookup
    from zhigong.members.figures import counting
    from zhigong.members.models import Member
    from zhigong.unions.models import Union, UnionKind

    unions = list(Union.objects.filter(kind=UnionKind.GRASSROOTS, is_active=True).order_by("path"))
    taken = set(Member.objects.values_list("id_number_index", flat=True))
    now = timezone.now()
    have = Member.objects.count()
    i = 0
    started = time.perf_counter()
    while have < wanted:
        rows = member_lookup.member_rows(i, i + 20_000, unions, now)
        i += 20_000
        rows = [r for r in rows if r["id_number_index"] not in taken][: wanted - have]
        member_lookup.insert(rows, "postgresql")
        have += len(rows)
        rate = have / (time.perf_counter() - started)
        print(f"\r  members: {have:,}/{wanted:,} ({rate:,.0f}/s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    counting.rebuild()


def _credentials(staff: str) -> dict[str, str]:
    """Sessions of the member and the staff user, an API token, a card verifier's key."""
    from django.conf import settings
    from django.test import Client

    from zhigong.accounts.models import User
    from zhigong.accounts.services import api_token_create
    from zhigong.core.actors import SYSTEM
    from zhigong.members.services import cards
    from zhigong.unions.models import Union

    def session(username: str) -> str:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    staff_user = User.objects.get(username=staff)
    _, token = api_token_create(actor=SYSTEM, user=staff_user)
    _, key = cards.card_verifier_create(
        actor=SYSTEM, name=f"压测验卡终端 {time.time():.0f}", union=Union.objects.get(code="WH")
    )
    return {
        "member_session": session(MEMBER_LOGIN),
        "staff_session": session(staff),
        "api_token": token,
        "verifier_key": key,
        "session_engine": settings.SESSION_ENGINE,
    }


def _card_token() -> dict[str, str]:
    """A fresh QR token of the member's card (valid ``CARD_TOKEN_SECONDS``)."""
    from zhigong.accounts.models import User
    from zhigong.members.selectors import member_current_card
    from zhigong.members.selectors.portal import own_member
    from zhigong.members.services import cards

    member = own_member(User.objects.get(username=MEMBER_LOGIN))
    assert member is not None
    card = member_current_card(member)
    assert card is not None
    return {"token": cards.card_token(card)}


# --- servers ---------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    app: str
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    def start(self, workers: int, threads: int, log: Path) -> None:
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            self.app,
            "-k",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(ROOT),
        ]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=out, start_new_session=True
            )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/nowhere", headers=PROXY)
                connection.getresponse().read()
                return  # it answers (a 404)
            except OSError:
                time.sleep(0.3)
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} did not start:\n{log.read_text()[-2000:]}")
        raise SystemExit(f"{self.name} did not answer within 60 s:\n{log.read_text()[-2000:]}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server's processes (the master and its workers, one
        process group): load-independent, where req/s on a shared machine is not."""
        assert self.process is not None
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.process.pid:  # the process group
                total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


# --- routes and runs ---------------------------------------------------------------------------


@dataclass
class Route:
    name: str
    server: Server
    path: str
    headers: dict[str, str]
    expect: str  # a piece of the body that shows the request was served, not refused
    runs: list[dict[str, float]] = field(default_factory=list)


PROXY = {"X-Forwarded-Proto": "https"}  # as nginx says in production (the SSL redirect)


def check(route: Route) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{route.server.port}{route.path}", headers=route.headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read().decode(errors="replace"), exc.code
    if status != 200 or route.expect not in body:
        raise SystemExit(f"{route.name}: {route.path} answered {status}: {body[:300]!r}")


def wrk(route: Route, args: argparse.Namespace, seconds: float) -> dict[str, float]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds:g}s"]
    command += ["--timeout", "5s", "-s", str(LUA)]
    for name, value in route.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{route.server.port}{route.path}")
    cpu = route.server.cpu_seconds()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    cpu = route.server.cpu_seconds() - cpu
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p99": data["p99_us"] / 1000,
        "errors": errors,
        "load": os.getloadavg()[0],
        "cpu_ms": cpu * 1000 / max(data["requests"], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both)")
    parser.add_argument("--gthreads", type=int, default=4, help="threads per worker (both)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db-prefix", default="zg_bench_http")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11", help="'' for none")
    parser.add_argument("--staff", default="city_admin", help="the demo login of the lists")
    parser.add_argument("--routes", default="", help="comma-separated subset of the routes")
    parser.add_argument("--reuse", action="store_true", help="keep a seeded database")
    parser.add_argument("--keep", action="store_true", help="do not drop the databases")
    parser.add_argument("--port", type=int, default=18700, help="baseline; platform +1")
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.helper:
        _helper_main(args.helper, rest)
        return 0
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (apt-get install wrk)")
    if not (Path(PYTHON).parent / "gunicorn").exists():
        raise SystemExit(f"gunicorn is needed: {Path(PYTHON).parent / 'pip'} install -e '.[prod]'")

    base_db = f"{args.db_prefix}_baseline"
    platform_db = f"{args.db_prefix}_{args.members}"
    redis_url = args.redis if redis_answers(args.redis) else ""
    work = Path(tempfile.mkdtemp(prefix="zhigong-side-by-side-"))
    penv = platform_env(args.pg, platform_db, redis_url, work / "var")

    create_database(args.pg, base_db)
    psql(args.pg, base_db, "CREATE TABLE fortune (id bigint PRIMARY KEY, message varchar(2048))")
    for i, message in enumerate(FORTUNES, 1):
        psql(args.pg, base_db, "INSERT INTO fortune VALUES (%s, %s)", i, message)
    if not (args.reuse and database_exists(args.pg, platform_db)):
        create_database(args.pg, platform_db)
    print(f"seeding {platform_db} ({args.members:,} members)…", flush=True)
    seeded = helper(penv, "seed", str(args.members))
    print(f"  {seeded}")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=penv,
        cwd=ROOT,
        check=True,
    )

    baseline = Server(
        "baseline", args.port, "benchmarks.baseline.wsgi", baseline_env(args.pg, base_db)
    )
    platform = Server("platform", args.port + 1, "config.wsgi", penv)
    log = work / "servers.log"
    try:
        for server in (baseline, platform):
            server.start(args.workers, args.gthreads, log)
        creds = helper(penv, "credentials", args.staff)
        print(f"sessions: {creds['session_engine']}; redis: {redis_url or 'none'}")
        member = {**PROXY, "Cookie": f"sessionid={creds['member_session']}"}
        staff = {**PROXY, "Cookie": f"sessionid={creds['staff_session']}"}
        bearer = {**PROXY, "Authorization": f"Bearer {creds['api_token']}"}
        verifier = {**PROXY, "X-Verifier-Key": creds["verifier_key"]}
        base = Route("baseline fortunes", baseline, "/fortunes/", {}, "Additional fortune")
        routes = [
            Route("portal home /", platform, "/", PROXY, "<html"),
            Route("card /me/card/", platform, "/me/card/", member, "<svg"),
            Route(
                "staff list /staff/members/",
                platform,
                "/staff/members/",
                staff,
                '<td class="mono">',
            ),
            Route("API GET /api/v1/members", platform, "/api/v1/members", bearer, '"count"'),
            Route("verify /api/v1/cards/verify", platform, "", verifier, '"valid": true'),
        ]
        if args.routes:
            wanted = args.routes.split(",")
            routes = [r for r in routes if any(w in r.name for w in wanted)]
        verify = next((r for r in routes if r.name.startswith("verify")), None)

        def fresh_token() -> None:
            if verify is not None:
                token = helper(penv, "card_token")["token"]
                verify.path = f"/api/v1/cards/verify?token={token}"

        fresh_token()
        for route in [base, *routes]:
            check(route)
            wrk(route, args, 2)  # warm up: connections, caches, lazy imports
        for n in range(args.rounds):
            fresh_token()  # a token lives CARD_TOKEN_SECONDS; a round may take longer
            for route in routes:
                check(route)
                base.runs.append(wrk(base, args, args.duration))
                run = wrk(route, args, args.duration)
                run["ratio"] = run["rps"] / base.runs[-1]["rps"]
                run["cpu_ratio"] = base.runs[-1]["cpu_ms"] / run["cpu_ms"]
                route.runs.append(run)
                print(
                    f"  round {n + 1}: {route.name:32} {run['rps']:8.0f} req/s "
                    f"(baseline {base.runs[-1]['rps']:.0f}) ratio {run['ratio']:.2f} "
                    f"p99 {run['p99']:.0f} ms, CPU {run['cpu_ms']:.2f} ms/request "
                    f"(baseline {base.runs[-1]['cpu_ms']:.2f}) load {run['load']:.1f}",
                    flush=True,
                )
    finally:
        for server in (baseline, platform):
            server.stop()
        if not args.keep:
            drop_database(args.pg, base_db)
            if not args.reuse:
                drop_database(args.pg, platform_db)
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    print(
        f"\n{args.members:,} members; gunicorn gthread {args.workers}×{args.gthreads}; "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration:g}s; "
        f"median of {args.rounds} rounds; {os.cpu_count()} cores"
    )
    print(
        "| route | req/s | ratio | p50 ms | p99 ms | server CPU ms/request | CPU ratio | errors "
        "| load |\n|---|---|---|---|---|---|---|---|---|"
    )
    print(
        f"| {base.name} | {med(r['rps'] for r in base.runs):,.0f} | 1.00 | "
        f"{med(r['p50'] for r in base.runs):.1f} | {med(r['p99'] for r in base.runs):.1f} | "
        f"{med(r['cpu_ms'] for r in base.runs):.2f} | 1.00 | "
        f"{sum(r['errors'] for r in base.runs):.0f} | {med(r['load'] for r in base.runs):.1f} |"
    )
    failed = False
    for route in routes:
        ratio = med(r["ratio"] for r in route.runs)
        p99 = med(r["p99"] for r in route.runs)
        failed |= ratio < 0.35 or p99 >= 100
        print(
            f"| {route.name} | {med(r['rps'] for r in route.runs):,.0f} | {ratio:.2f} | "
            f"{med(r['p50'] for r in route.runs):.1f} | {p99:.1f} | "
            f"{med(r['cpu_ms'] for r in route.runs):.2f} | "
            f"{med(r['cpu_ratio'] for r in route.runs):.2f} | "
            f"{sum(r['errors'] for r in route.runs):.0f} | {med(r['load'] for r in route.runs):.1f} |"
        )
    print("\ndone when every ratio ≥ 0.35 (goal 0.60) and p99 < 100 ms:", "no" if failed else "yes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
