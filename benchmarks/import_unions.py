"""Benchmark: import a realistic union tree of N rows (default 100,000) from a CSV file.

    .venv/bin/python benchmarks/import_unions.py [--rows N] [--xlsx] [--ordered] [--verify] [--keep]

The tree is a city federation (武汉市总工会), 13 district federations and 2 development-zone
unions with their real GB/T 2260 codes, streets under them, communities under the streets
and grassroots unions (companies) under communities and streets. Rows are shuffled (so most
parents come later in the file) unless ``--ordered``.

By default it runs against a fresh SQLite database in a temporary directory. With
``DATABASE_URL`` set (e.g. ``postgres://postgres@127.0.0.1:5432/bench``) it imports into
that database, which must be migrated or empty and must hold no unions yet. Target
(issue): 100,000 rows in under 60 s on SQLite.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["编码", "名称", "简称", "类型", "级别", "上级编码", "行政区划代码"]

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
ZONES = [("东湖新技术开发区", "420111"), ("武汉经济技术开发区", "420113")]
PLACES = [
    "大智",
    "一元",
    "车站",
    "四唯",
    "永清",
    "西马",
    "球场",
    "后湖",
    "百步亭",
    "谌家矶",
    "丹水池",
    "台北",
    "花桥",
    "二七",
    "万松",
    "唐家墩",
    "北湖",
    "汉兴",
    "常青",
    "民族",
    "水塔",
    "民权",
    "宝丰",
    "汉正",
    "古田",
    "长丰",
    "易家",
    "琴断口",
    "洲头",
    "积玉桥",
    "杨园",
    "紫阳",
    "首义",
    "中华路",
    "南湖",
    "珞珈山",
    "关山",
    "狮子山",
    "卓刀泉",
    "张家湾",
    "青山",
    "红卫",
    "钢花",
    "白玉山",
    "吴家山",
    "金银湖",
    "纱帽",
    "邓南",
    "蔡甸",
    "奓山",
    "纸坊",
    "郑店",
    "前川",
    "滠口",
    "邾城",
    "阳逻",
    "光谷",
    "佛祖岭",
    "沌口",
    "军山",
]
TRADES = [
    "机械",
    "电子",
    "光电",
    "物流",
    "建设",
    "建工",
    "食品",
    "医药",
    "纺织",
    "汽车零部件",
    "软件",
    "信息技术",
    "生物科技",
    "商贸",
    "餐饮",
    "物业服务",
    "环保",
    "新材料",
    "钢结构",
    "印务",
    "家政服务",
    "港务",
    "电力工程",
    "仓储",
    "制衣",
    "冷链",
    "文化传媒",
    "检测",
]
BRANDS = [
    "长江",
    "楚天",
    "江城",
    "汉江",
    "黄鹤",
    "东湖",
    "晴川",
    "鹦鹉洲",
    "武钢",
    "光谷",
    "珞珈",
    "知音",
    "汉阳造",
    "九省通衢",
    "龟山",
    "蛇山",
    "楚风",
    "荆楚",
    "汉水",
    "南岸",
    "金桥",
    "华中",
    "中南",
    "大江",
    "江汉",
    "汉口",
    "汉正",
    "武昌",
    "盘龙",
    "木兰",
]
SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"]


def generate(rows: int, seed: int = 2260) -> list[list[str]]:
    """Rows of the tree, parents before children (shuffle afterwards if wanted)."""
    rng = random.Random(seed)
    out: list[list[str]] = [["WH", "武汉市总工会", "市总工会", "总工会", "市级", "", "420100"]]
    districts: list[tuple[str, str, str]] = []  # code, name, region
    for region, name in DISTRICTS:
        districts.append((f"WH{region}", f"{name}总工会", region))
        out.append([f"WH{region}", f"{name}总工会", "", "总工会", "区（县）级", "WH", region])
    for i, (name, region) in enumerate(ZONES, start=1):
        districts.append((f"WHZ{i:02d}", f"{name}工会", region))
        out.append([f"WHZ{i:02d}", f"{name}工会", "", "开发区（园区）工会", "", "WH", region])
    remaining = rows - len(out)
    # About 1 % streets, 10 % communities, the rest grassroots unions.
    n_streets = max(0, min(remaining, max(len(districts), remaining // 100)))
    n_communities = max(0, min(remaining - n_streets, remaining // 10))
    n_grassroots = max(0, remaining - n_streets - n_communities)
    streets: list[tuple[str, str]] = []
    for i in range(n_streets):
        code, name, region = districts[i % len(districts)]
        place = PLACES[i % len(PLACES)]
        number = i // len(PLACES) + 1
        street = f"{code}S{i + 1:04d}"
        label = f"{place}街道工会" if number == 1 else f"{place}第{number}街道工会"
        streets.append((street, region))
        out.append([street, label, "", "街道（乡镇）工会", "", code, region])
    communities: list[tuple[str, str]] = []
    for i in range(n_communities):
        street, region = streets[i % len(streets)]
        community = f"{street}C{i // len(streets) + 1:03d}"
        place = rng.choice(PLACES)
        communities.append((community, region))
        out.append(
            [community, f"{place}第{i % 97 + 1}社区工会", "", "社区工会", "", street, region]
        )
    parents = communities * 4 + streets or [("WH", "420100")]
    for i in range(n_grassroots):
        parent, region = parents[rng.randrange(len(parents))]
        brand, trade = rng.choice(BRANDS), rng.choice(TRADES)
        name = f"武汉{brand}{trade}{rng.choice(SUFFIXES)}工会"
        if i % 3:
            name = f"武汉{brand}{trade}{i % 1000:03d}号{rng.choice(SUFFIXES)}工会"
        out.append([f"G{i + 1:08d}", name, "", "基层工会", "", parent, region if i % 5 else ""])
    return out[:rows]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    workbook.close()


def setup_django(tmp: Path) -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("ZHIGONG_VAR_DIR", str(tmp / "var"))
    import django

    django.setup()
    from django.db import connection

    return str(connection.vendor)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ordered", action="store_true", help="parents before children")
    parser.add_argument("--xlsx", action="store_true", help="an .xlsx file instead of .csv")
    parser.add_argument("--verify", action="store_true", help="check the tree (slow)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="zhigong-bench-"))
    vendor = setup_django(tmp)
    from django.core.management import call_command

    from zhigong.unions.models import Union

    call_command("migrate", verbosity=0, interactive=False)
    if Union.objects.exists():
        print("The database already holds unions; use an empty one.", file=sys.stderr)
        return 2

    rows = generate(args.rows)
    if not args.ordered:
        random.Random(42).shuffle(rows)
    path = tmp / ("unions.xlsx" if args.xlsx else "unions.csv")
    (write_xlsx if args.xlsx else write_csv)(path, rows)
    size_mb = path.stat().st_size / 1e6

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_unions", str(path), stdout=out)
    seconds = time.perf_counter() - started

    created = Union.objects.count()
    print(f"database   {vendor}")
    print(f"file       {path.name}, {len(rows):,} rows, {size_mb:.1f} MB")
    print(f"created    {created:,} unions, max depth {_depth()}")
    print(f"seconds    {seconds:.2f}")
    print(f"rows/s     {len(rows) / seconds:,.0f}")
    if args.verify:
        problems = Union.objects.find_problems()
        print(f"tree       {'consistent' if not any(problems) else problems}")
    if args.keep:
        print(f"kept       {tmp}")
    else:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if created == len(rows) else 1


def _depth() -> int:
    from django.db.models import Max

    from zhigong.unions.models import Union

    return int(Union.objects.aggregate(d=Max("depth"))["d"] or 0)


if __name__ == "__main__":
    sys.exit(main())
