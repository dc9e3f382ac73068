"""In-process CPU time (and optionally a profile) of the hot reads of issue 10.

    .venv/bin/python benchmarks/hot_reads_profile.py [route ...] [--db zg_bench_http_20000]
        [--requests 300] [--profile] [--sort cumulative] [--lines 60]

A companion to ``http_side_by_side.py``: that one measures the real server with wrk; this one
sends the same requests through Django's test client in one process, against a database that
``http_side_by_side.py --keep`` left behind, and prints the process's CPU time per request
and the number of queries. With ``--profile`` it writes a cProfile listing per route to
``var/profiles/<route>.txt``. It needs no quiet machine as much as wrk does (CPU time, not
wall time), which makes it the tool for finding where a route's time goes.

Routes: home, card, staff, api, verify, and ``trivial_anon`` / ``trivial_member`` /
``trivial_staff`` (a view that only asks whether the user is logged in: the cost of the
middleware, the session and the account alone).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import http_side_by_side as side_by_side  # noqa: E402


def _counter(queries: list[str]) -> Any:
    def count(execute: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        return execute(sql, *rest)

    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("routes", nargs="*")
    parser.add_argument("--db", default="zg_bench_http_20000")  # http_side_by_side.py --keep
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=60)
    args = parser.parse_args()

    var = ROOT / "var" / "profiles"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(side_by_side.platform_env(args.pg, args.db, args.redis, var))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, path

    import config.urls

    def trivial(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"ok {request.user.is_authenticated}")

    config.urls.urlpatterns.insert(0, path("__trivial/", trivial))
    clear_url_caches()

    creds = side_by_side._credentials("city_admin")
    token = side_by_side._card_token()["token"]

    def client(**headers: Any) -> Client:
        return Client(HTTP_X_FORWARDED_PROTO="https", **headers)

    anon, member, staff = client(), client(), client()
    member.cookies[settings.SESSION_COOKIE_NAME] = creds["member_session"]
    staff.cookies[settings.SESSION_COOKIE_NAME] = creds["staff_session"]
    api = client(HTTP_AUTHORIZATION="Bearer " + creds["api_token"])
    verifier = client(HTTP_X_VERIFIER_KEY=creds["verifier_key"])
    routes: dict[str, tuple[Any, str]] = {
        "home": (anon, "/"),
        "card": (member, "/me/card/"),
        "staff": (staff, "/staff/members/"),
        "api": (api, "/api/v1/members"),
        "verify": (verifier, "/api/v1/cards/verify?token=" + token),
        "trivial_anon": (anon, "/__trivial/"),
        "trivial_member": (member, "/__trivial/"),
        "trivial_staff": (staff, "/__trivial/"),
    }
    for name in args.routes or list(routes)[:5]:
        c, url = routes[name]
        first = c.get(url, secure=True)
        assert first.status_code == 200, (name, first.status_code, first.content[:300])
        for _ in range(30):
            c.get(url, secure=True)
        queries: list[str] = []
        with connection.execute_wrapper(_counter(queries)):
            c.get(url, secure=True)
        started = time.process_time()
        for _ in range(args.requests):
            c.get(url, secure=True)
        cpu = (time.process_time() - started) / args.requests * 1000
        print(f"{name:16} {cpu:6.2f} ms CPU/request  {len(queries)} queries", flush=True)
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                c.get(url, secure=True)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.lines)
            (var / f"{name}.txt").write_text(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
