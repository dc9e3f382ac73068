"""Invented but realistic people for the demo members: names, ID numbers, phones, jobs.

Everything is drawn from one ``random.Random`` stream per seed, person after person, so the
first N people of a seed are always the same N, whatever N is. An ID number carries a real
region code (mostly Wuhan's districts, some from elsewhere in Hubei and from neighbouring
provinces, as migrant workers' do), the birth date of a person aged 18 to 60 on
``REFERENCE_DAY`` and a sequence whose parity matches the gender, with its GB 11643 check
digit. No database access here.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from zhigong.core.idnumber import check_digit

# Ages are counted on a fixed day, not today: a run next year must draw the same people.
REFERENCE_DAY = dt.date(2026, 1, 1)

WUHAN_REGIONS = (
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
)
HUBEI_REGIONS = ("420502", "420602", "421002", "421102", "420902", "421202", "420281", "422801")
OTHER_REGIONS = ("430102", "410102", "411502", "360102", "500101", "510104", "341502")

# The commonest surnames, roughly by frequency (the first ones weigh most).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_WEIGHTS = list(accumulate(1.0 / (i + 8) for i in range(len(SURNAMES))))
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆峰建国志文博海龙林亮晨阳旭东"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹倩颖琳晶洁欣怡佳梅蓉璐丹萍红玉兰月琴瑶薇"
GIVEN_ANY = "子一思宇嘉雨晓欣文安佳梓晨可心诗瑞泽睿"

MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]

JOBS = (
    "操作工",
    "装配工",
    "电工",
    "焊工",
    "车工",
    "设备维修工",
    "质检员",
    "仓库管理员",
    "叉车司机",
    "驾驶员",
    "班组长",
    "车间主任",
    "技术员",
    "工艺工程师",
    "软件工程师",
    "销售代表",
    "客服专员",
    "会计",
    "出纳",
    "行政专员",
    "人事专员",
    "采购员",
    "项目经理",
    "快递员",
    "外卖骑手",
    "网约车司机",
    "保洁员",
    "保安员",
    "厨师",
    "服务员",
    "收银员",
    "护士",
    "教师",
    "幼儿教师",
)

ETHNIC_MINORITIES = ("土家族", "回族", "苗族", "满族", "蒙古族", "壮族", "侗族")


@dataclass(frozen=True)
class Person:
    name: str
    gender: str  # "male" / "female"
    birth_date: dt.date
    id_number: str
    phone: str
    ethnicity: str
    political_status: str
    education: str
    job: str
    joined_on: dt.date


def _pick(rng: random.Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    values, cum = _CUMULATIVE.get(id(table)) or _cumulative(table)
    return values[bisect(cum, rng.random() * cum[-1])]


_CUMULATIVE: dict[int, tuple[list[str], list[float]]] = {}


def _cumulative(table: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    entry = [v for v, _ in table], list(accumulate(w for _, w in table))
    _CUMULATIVE[id(table)] = entry
    return entry


_POLITICAL_YOUNG = (("masses", 58), ("cyl", 30), ("cpc", 9), ("cpc_probationary", 2), ("", 1))
_POLITICAL = (
    ("masses", 76),
    ("cpc", 16),
    ("cpc_probationary", 1),
    ("democratic", 1),
    ("non_party", 2),
    ("cyl", 2),
    ("", 2),
)
_EDUCATION_YOUNG = (
    ("junior", 12),
    ("senior", 28),
    ("college", 28),
    ("bachelor", 27),
    ("master", 4.5),
    ("doctor", 0.5),
)
_EDUCATION = (
    ("primary", 3),
    ("junior", 24),
    ("senior", 33),
    ("college", 19),
    ("bachelor", 17),
    ("master", 3),
    ("doctor", 0.5),
    ("", 0.5),
)


def _region(rng: random.Random) -> str:
    x = rng.random()
    if x < 0.78:
        return _pick(rng, WUHAN_REGIONS)
    if x < 0.92:
        return _pick(rng, HUBEI_REGIONS)
    return _pick(rng, OTHER_REGIONS)


def _id_number(rng: random.Random, region: str, birth: dt.date, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)  # odd for men, even for women
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + check_digit(body)


def _name(rng: random.Random, male: bool) -> str:
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    if rng.random() < 0.3:
        return surname + _pick(rng, pool)
    first = _pick(rng, GIVEN_ANY) if rng.random() < 0.35 else _pick(rng, pool)
    second = _pick(rng, pool)
    while second == first:
        second = _pick(rng, pool)
    return surname + first + second


def _person(rng: random.Random, taken: set[str]) -> Person:
    male = rng.random() < 0.54
    age_days = rng.randint(18 * 365 + 5, 60 * 365 - 5)
    birth = REFERENCE_DAY - dt.timedelta(days=age_days)
    region = _region(rng)
    id_number = _id_number(rng, region, birth, male)
    while id_number in taken:  # the same region, birthday and sequence: draw another sequence
        id_number = _id_number(rng, region, birth, male)
    taken.add(id_number)
    age = age_days // 365
    young = age < 30
    earliest = max(birth + dt.timedelta(days=18 * 366), dt.date(1995, 1, 1))
    span = (REFERENCE_DAY - earliest).days
    joined = earliest + dt.timedelta(days=int(rng.random() * max(span, 1)))
    ethnicity = "汉族" if rng.random() < 0.955 else _pick(rng, ETHNIC_MINORITIES)
    return Person(
        name=_name(rng, male),
        gender="male" if male else "female",
        birth_date=birth,
        id_number=id_number,
        phone=_pick(rng, MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
        ethnicity=ethnicity,
        political_status=_weighted(rng, _POLITICAL_YOUNG if young else _POLITICAL),
        education=_weighted(rng, _EDUCATION_YOUNG if young else _EDUCATION),
        job=_pick(rng, JOBS),
        joined_on=joined,
    )


def people(seed: int, stream: str = "members") -> Iterator[Person]:
    """An endless, repeatable stream of distinct people for ``seed``."""
    rng = random.Random(f"{seed}/{stream}")
    taken: set[str] = set()
    while True:
        yield _person(rng, taken)
