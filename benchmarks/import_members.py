"""Benchmark: import N realistic members (default 1,000,000) from a CSV roster, end to end.

    .venv/bin/python benchmarks/import_members.py [--rows N] [--xlsx] [--keep]

Builds a small union tree (武汉市总工会, its 13 districts, 8 grassroots unions in each) in a
fresh database, writes a roster of members with Chinese names, valid resident ID numbers
(real Hubei region codes, birth dates 1966-2005, gender from the sequence digit) and mobile
numbers, runs the import service (check + encrypt + blind index + write + audit + figures),
and prints rows, seconds, rows/s and peak memory. Then it looks for plain ID numbers and
phones of the roster in the database file (SQLite) or a ``pg_dump`` (PostgreSQL): every
18-character ID-like and 11-digit phone-like string is matched against the whole roster,
and the count found must be 0.

By default it runs on SQLite in a temporary ``ZHIGONG_VAR_DIR``. With ``DATABASE_URL`` set
(e.g. ``postgres://postgres@127.0.0.1:5432/bench``, an empty database created with
``createdb``) it runs there.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import mmap
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zhigong.core.actors import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥兰飞鹏辉建国宇浩然子涵欣怡梓轩雨泽俊杰诗琪晨曦文博思远佳怡天佑一鸣嘉欣志强海燕春梅晓东丹丹"
DISTRICTS = [
    ("420102", "江岸区"),
    ("420103", "江汉区"),
    ("420104", "硚口区"),
    ("420105", "汉阳区"),
    ("420106", "武昌区"),
    ("420107", "青山区"),
    ("420111", "洪山区"),
    ("420112", "东西湖区"),
    ("420113", "汉南区"),
    ("420114", "蔡甸区"),
    ("420115", "江夏区"),
    ("420116", "黄陂区"),
    ("420117", "新洲区"),
]
# Birthplaces: Wuhan's districts and other Hubei cities and counties (GB/T 2260).
REGIONS = [code for code, _name in DISTRICTS] + [
    "420202", "420281", "420302", "420502", "420582", "420602", "420682", "420703",
    "420802", "420902", "420984", "421002", "421087", "421102", "421181", "421202",
    "421302", "422801", "429004", "429005", "429006",
]  # fmt: skip
ETHNICITIES = ["汉族"] * 18 + ["土家族", "回族", "苗族"]
POLITICAL = ["群众"] * 6 + ["中共党员", "共青团员", "中共预备党员", "民主党派"]
EDUCATION = ["高中、中专、技校", "大专", "本科", "本科", "硕士研究生", "初中", "大专"]
JOBS = ["装配工", "技术员", "工程师", "会计", "销售代表", "仓管员", "司机", "质检员", "班组长"]
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                  "151", "152", "155", "157", "158", "159", "177", "180", "186", "187", "189"]  # fmt: skip
WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
HEADER = ["姓名", "性别", "身份证号", "手机号", "民族", "政治面貌", "学历", "工作单位编码", "入会日期", "岗位"]  # fmt: skip
UNIONS_PER_DISTRICT = 8


def check_digit(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def person(i: int, union_codes: list[str]) -> list[str]:
    """Row i of the roster; ID numbers and phones are unique by construction."""
    born = dt.date(1966, 1, 1) + dt.timedelta(days=(i // 1000) * 13 % 14600)
    seq = i % 1000
    region = REGIONS[(i * 7919) % len(REGIONS)]
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    number = body + check_digit(body)
    name = SURNAMES[i * 31 % len(SURNAMES)] + GIVEN[i * 17 % len(GIVEN)]
    if i % 3:
        name += GIVEN[i * 13 % len(GIVEN)]
    phone = PHONE_PREFIXES[i % len(PHONE_PREFIXES)] + f"{i:08d}"
    joined = max(born.replace(year=born.year + 18) if born.month != 2 or born.day != 29 else born,
                 dt.date(1990, 1, 1)) + dt.timedelta(days=i % 3000)  # fmt: skip
    joined = min(joined, dt.date(2025, 12, 31))
    return [
        name,
        "男" if seq % 2 else "女",
        number,
        phone,
        ETHNICITIES[i % len(ETHNICITIES)],
        POLITICAL[i % len(POLITICAL)],
        EDUCATION[i % len(EDUCATION)],
        union_codes[i % len(union_codes)],
        f"{joined.year}/{joined.month}/{joined.day}" if i % 2 else joined.isoformat(),
        JOBS[i % len(JOBS)],
    ]


def write_roster(path: Path, rows: int, union_codes: list[str], xlsx: bool) -> None:
    if xlsx:
        import xlsxwriter

        workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, HEADER)
        for i in range(rows):
            sheet.write_row(i + 1, 0, person(i, union_codes))
        workbook.close()
        return
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow(person(i, union_codes))


def build_tree() -> list[str]:
    from zhigong.unions.services import union_create

    city = union_create(
        actor=SYSTEM, parent=None, code="WH", name="武汉市总工会", kind="federation", level="city",
        region_code="420100",
    )  # fmt: skip
    codes = []
    for region, name in DISTRICTS:
        district = union_create(
            actor=SYSTEM, parent=city, code=f"WH{region}", name=f"{name}总工会", kind="federation",
            level="county", region_code=region,
        )  # fmt: skip
        for n in range(1, UNIONS_PER_DISTRICT + 1):
            code = f"WH{region}G{n:02d}"
            union_create(
                actor=SYSTEM,
                parent=district,
                code=code,
                name=f"{name}第{n}企业工会",
                kind="grassroots",
            )
            codes.append(code)
    return codes


# Bounded by anything but the characters of hex and base64url text: a run of 11 digits inside
# 2,000,000 blind indexes (hex) happens by chance, and may even equal a roster phone.
ID_LIKE = re.compile(rb"(?<![0-9A-Za-z_-])[1-6][0-9]{16}[0-9X](?![0-9A-Za-z_-])")
PHONE_LIKE = re.compile(rb"(?<![0-9A-Za-z_-])1[3-9][0-9]{9}(?![0-9A-Za-z_-])")


def plain_found(paths: list[Path], rows: int, union_codes: list[str]) -> tuple[int, int]:
    """(ID numbers, phones) of the roster found in plain text in these files."""
    ids: set[bytes] = set()
    phones: set[bytes] = set()
    for i in range(rows):
        row = person(i, union_codes)
        ids.add(row[2].encode())
        phones.add(row[3].encode())
    found_ids = found_phones = 0
    for path in paths:
        if not path.exists() or path.stat().st_size == 0:
            continue
        with (
            path.open("rb") as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            found_ids += sum(1 for m in ID_LIKE.finditer(data) if m.group() in ids)
            found_phones += sum(1 for m in PHONE_LIKE.finditer(data) if m.group() in phones)
    return found_ids, found_phones


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its (finished) worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx", action="store_true", help="an .xlsx roster instead of .csv")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zhigong-bench-members-"))
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not postgres:
        os.environ["ZHIGONG_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    union_codes = build_tree()
    roster = work / ("roster.xlsx" if args.xlsx else "roster.csv")
    started = time.perf_counter()
    write_roster(roster, args.rows, union_codes, args.xlsx)
    print(f"roster: {args.rows:,} rows, {roster.stat().st_size / 1e6:.1f} MB, "
          f"written in {time.perf_counter() - started:.1f} s")  # fmt: skip

    from zhigong.members.importing import member_import
    from zhigong.members.models import Member

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_before = _cpu()
    started = time.perf_counter()
    result = member_import(actor=SYSTEM, path=roster, filename=roster.name)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    main_cpu, workers_cpu = (
        after - before for after, before in zip(_cpu(), cpu_before, strict=True)
    )
    cpu = main_cpu + workers_cpu
    if not result.ok:
        print("errors:", result.error_count, [str(e) for e in result.errors[:5]])
        sys.exit(1)
    assert Member.objects.count() == args.rows
    print(f"database: {connection.vendor}")
    print(f"rows: {result.created:,}")
    print(
        f"seconds: {seconds:.1f} (check {result.check_seconds:.1f}, write {result.write_seconds:.1f})"
    )
    print(f"rows/s: {result.created / seconds:,.0f}")
    print(
        f"peak memory (ru_maxrss): {peak / 1024:.0f} MiB (before the import: "
        f"{rss_before / 1024:.0f} MiB; largest worker process: {workers_peak / 1024:.0f} MiB)"
    )
    print(
        f"CPU seconds: {cpu:.1f} (this process {main_cpu:.1f}, workers {workers_cpu:.1f}; "
        f"{result.created / cpu:,.0f} rows per CPU-second); load average {os.getloadavg()[0]:.1f}"
    )

    if postgres:
        dump = work / "dump.sql"
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        connection.close()
        subprocess.run(
            ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
             "-U", db["USER"] or "postgres", "-f", str(dump), db["NAME"]],
            check=True, env=env,
        )  # fmt: skip
        files = [dump]
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        files = [name, Path(f"{name}-wal")]
    ids, phones = plain_found(files, args.rows, union_codes)
    size = sum(p.stat().st_size for p in files if p.exists()) / 1e6
    print(f"plain ID numbers found in {'pg_dump' if postgres else 'the database file'} "
          f"({size:.0f} MB): {ids}; plain phones: {phones}")  # fmt: skip
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept: {work}")


if __name__ == "__main__":
    main()
