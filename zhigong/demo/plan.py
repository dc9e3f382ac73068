"""The demo tree as plain data, computed from a seed without touching the database.

Each parent draws from its own ``random.Random(f"{seed}/{code}")``, and everything the small
scale holds is drawn before what only the large scale adds, so the small tree is the first
part of the large one: loading ``large`` after ``small`` only adds unions. The same seed and
scale always give the same plan.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from zhigong.demo import data
from zhigong.unions.models import ServiceCentre, UnionKind, UnionLevel
from zhigong.unions.roles import DepartmentKind, Role


class Scale(StrEnum):
    SMALL = "small"
    LARGE = "large"


@dataclass(frozen=True)
class PlannedUnion:
    code: str
    parent_code: str  # "" for the root
    name: str
    kind: str
    level: str = ""
    region_code: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class PlannedDepartment:
    union_code: str
    kind: str


@dataclass(frozen=True)
class PlannedCentre:
    union_code: str
    name: str
    kind: str
    address: str
    hotline: str


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    phone: str
    role: str
    union_code: str
    department_kind: str = ""
    note: str = ""


@dataclass
class DemoPlan:
    seed: int
    scale: Scale
    unions: list[PlannedUnion] = field(default_factory=list)
    departments: list[PlannedDepartment] = field(default_factory=list)
    centres: list[PlannedCentre] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)

    def sort(self) -> None:
        # Codes are hierarchical ("WH-420102" is the parent of "WH-420102-S01"), so sorting by
        # code puts every parent before its children and siblings in number order.
        self.unions.sort(key=lambda u: u.code)
        self.departments.sort(key=lambda d: (d.union_code, d.kind))
        self.centres.sort(key=lambda c: (c.union_code, c.name))


# How much of the tree each scale holds. Small: every district, its first 3-4 streets, two
# communities per street and a handful of enterprises; large: every listed street, 20,000+.
@dataclass(frozen=True)
class _Sizes:
    streets: tuple[int, int] | None  # None: all of the district's streets
    communities: tuple[int, int]
    street_grassroots: tuple[int, int]
    community_grassroots: tuple[int, int]
    zone_grassroots: tuple[int, int]
    industry_grassroots: tuple[int, int]


_SMALL = _Sizes((3, 4), (2, 2), (2, 3), (1, 2), (4, 6), (2, 3))
_LARGE = _Sizes(None, (4, 8), (60, 100), (6, 14), (600, 900), (150, 250))


def _rng(seed: int, key: str) -> random.Random:
    # A string seed is hashed with SHA-512: stable across runs and PYTHONHASHSEED.
    return random.Random(f"{seed}/{key}")


def _draw(rng: random.Random, bounds: tuple[int, int]) -> int:
    return rng.randint(*bounds)


def _pick(rng: random.Random, items: Sequence[str]) -> str:
    # Cheaper than rng.choice for the tens of thousands of names of the large scale.
    return items[int(rng.random() * len(items))]


class _Names:
    """Enterprise names, unique across the whole city."""

    def __init__(self) -> None:
        self.used: set[str] = {data.FIXED_ENTERPRISE}

    def _brand(self, rng: random.Random) -> str:
        if rng.random() < 0.3:
            return _pick(rng, data.PLACE_BRANDS)
        first = second = _pick(rng, data.BRAND_CHARS)
        while second == first:
            second = _pick(rng, data.BRAND_CHARS)
        return first + second

    def enterprise(self, rng: random.Random, trades: tuple[str, ...], institution: bool) -> str:
        while True:
            brand, trade = self._brand(rng), _pick(rng, trades)
            if institution:
                name = f"武汉市{brand}{trade}"
            else:
                prefix = _pick(rng, data.COMPANY_PREFIXES)
                name = f"{prefix}{brand}{trade}{_pick(rng, data.COMPANY_SUFFIXES)}"
            if name not in self.used:
                self.used.add(name)
                return name


def _hotline(rng: random.Random) -> str:
    return f"027-{rng.randint(8200, 8899)}{rng.randint(0, 9999):04d}"


def _address(rng: random.Random, area: str, roads: tuple[str, ...]) -> str:
    return f"武汉市{area}{rng.choice(roads)} {rng.randint(1, 980)} 号"


def _area_of(code: str) -> tuple[str, tuple[str, ...]]:
    """Where a union under the city sits, for its address: (area, roads)."""
    top = "-".join(code.split("-")[:3] if "-ZONE-" in code else code.split("-")[:2])
    for zone in data.ZONES:
        if zone.code == top:
            return zone.area, zone.roads
    for district in data.DISTRICTS:
        if top == f"{data.CITY_CODE}-{district.region_code}":
            return district.name, district.roads
    raise ValueError(code)


class _Builder:
    def __init__(self, seed: int, scale: Scale, names: bool) -> None:
        self.seed = seed
        self.scale = scale
        self.with_names = names
        self.rngs: dict[str, random.Random] = {}
        self.plan = DemoPlan(seed=seed, scale=scale)
        self.names = _Names()
        self.next_number: dict[str, int] = {}  # parent code -> last grassroots number used
        self.communities: dict[str, list[str]] = {}  # street code -> community codes
        self.community_words: dict[str, set[str]] = {}  # street code -> words used
        self.small_streets: set[str] = set()  # codes of the streets the small scale holds

    def rng(self, code: str, stream: str) -> random.Random:
        """The random stream of one parent: "size" for how many children, "name" for names.

        Sizes never depend on names, so the shape of the tree (and the count that tells
        whether the demo is loaded) can be computed without inventing a single name."""
        key = f"{code}/{stream}"
        if key not in self.rngs:
            self.rngs[key] = _rng(self.seed, key)
        return self.rngs[key]

    def union(self, unit: PlannedUnion) -> PlannedUnion:
        self.plan.unions.append(unit)
        return unit

    def grassroots(
        self,
        parent: PlannedUnion,
        rng: random.Random,
        count: int,
        trades: tuple[str, ...],
        institution: bool = False,
        fixed_first: str = "",
    ) -> None:
        for _ in range(count):
            number = self.next_number.get(parent.code, 0) + 1
            assert number < 1000, parent.code  # codes keep three digits: G001…G999
            self.next_number[parent.code] = number
            if number == 1 and fixed_first:
                enterprise = fixed_first
            elif self.with_names:
                enterprise = self.names.enterprise(rng, trades, institution)
            else:
                enterprise = ""
            self.union(
                PlannedUnion(
                    code=f"{parent.code}-G{number:03d}",
                    parent_code=parent.code,
                    name=f"{enterprise}工会",
                    kind=UnionKind.GRASSROOTS,
                    region_code=parent.region_code,
                )
            )

    def community(self, street: PlannedUnion, rng: random.Random, taken: set[str]) -> PlannedUnion:
        number = len(self.communities.setdefault(street.code, [])) + 1
        word = rng.choice([w for w in data.COMMUNITY_WORDS if w not in taken])
        taken.add(word)
        code = f"{street.code}-C{number:02d}"
        self.communities[street.code].append(code)
        return self.union(
            PlannedUnion(
                code=code,
                parent_code=street.code,
                name=f"{street.short_name}{word}社区工会",
                kind=UnionKind.COMMUNITY,
                region_code=street.region_code,
            )
        )

    # -- the parts of the tree ------------------------------------------------------------

    def city(self) -> PlannedUnion:
        city = self.union(
            PlannedUnion(
                code=data.CITY_CODE,
                parent_code="",
                name=data.CITY_NAME,
                kind=UnionKind.FEDERATION,
                level=UnionLevel.CITY,
                region_code=data.CITY_REGION,
                short_name=data.CITY_SHORT_NAME,
            )
        )
        self.departments(city)
        self.plan.centres.append(
            PlannedCentre(
                union_code=city.code,
                name=data.CITY_CENTRE_NAME,
                kind=ServiceCentre.Kind.CENTRE,
                address=data.CITY_CENTRE_ADDRESS,
                hotline=data.NATIONAL_HOTLINE,
            )
        )
        return city

    def departments(self, federation: PlannedUnion) -> None:
        self.plan.departments.extend(
            PlannedDepartment(federation.code, kind) for kind in data.FEDERATION_DEPARTMENTS
        )

    def district(self, city: PlannedUnion, district: data.District) -> list[PlannedUnion]:
        """The district federation, its centre and the streets of this scale (not filled)."""
        rng = _rng(self.seed, f"{city.code}-{district.region_code}")
        federation = self.union(
            PlannedUnion(
                code=f"{city.code}-{district.region_code}",
                parent_code=city.code,
                name=f"{district.name}总工会",
                kind=UnionKind.FEDERATION,
                level=UnionLevel.COUNTY,
                region_code=district.region_code,
                short_name=district.name,
            )
        )
        self.departments(federation)
        self.plan.centres.append(
            PlannedCentre(
                union_code=federation.code,
                name=f"{district.name}职工服务中心",
                kind=ServiceCentre.Kind.CENTRE,
                address=_address(rng, district.name, district.roads),
                hotline=_hotline(rng),
            )
        )
        small_count = _draw(rng, _SMALL.streets or (0, 0))
        count = small_count if self.scale == Scale.SMALL else len(district.streets)
        streets = []
        self.small_streets.update(
            f"{federation.code}-S{number:02d}" for number in range(1, small_count + 1)
        )
        for number, street_name in enumerate(district.streets[:count], start=1):
            street = self.union(
                PlannedUnion(
                    code=f"{federation.code}-S{number:02d}",
                    parent_code=federation.code,
                    name=f"{district.name}{street_name}总工会",
                    kind=UnionKind.STREET,
                    region_code=district.region_code,
                    short_name=street_name,
                )
            )
            self.plan.centres.append(
                PlannedCentre(
                    union_code=street.code,
                    name=f"{district.name}职工服务中心{street_name}工作站",
                    kind=ServiceCentre.Kind.STATION,
                    address=f"武汉市{district.name}{street_name}办事处 {rng.randint(1, 3)} 楼",
                    hotline=_hotline(rng),
                )
            )
            streets.append(street)
        return streets

    def fill_street(self, street: PlannedUnion, sizes: _Sizes) -> None:
        size, name = self.rng(street.code, "size"), self.rng(street.code, "name")
        taken = self.community_words.setdefault(street.code, set())
        fixed = data.FIXED_ENTERPRISE if street.code == f"{data.CITY_CODE}-420102-S01" else ""
        count = _draw(size, sizes.street_grassroots)
        self.grassroots(street, name, count, data.STREET_TRADES, fixed_first=fixed)
        for _ in range(_draw(size, sizes.communities)):
            community = self.community(street, name, taken)
            count = _draw(size, sizes.community_grassroots)
            self.grassroots(community, name, count, data.STREET_TRADES)

    def fill_sector(self, sector: data.Sector, unit: PlannedUnion, sizes: _Sizes) -> None:
        bounds = sizes.zone_grassroots if unit.kind == UnionKind.ZONE else sizes.industry_grassroots
        count = _draw(self.rng(unit.code, "size"), bounds)
        name = self.rng(unit.code, "name")
        self.grassroots(unit, name, count, sector.trades, sector.institution)

    def sector(self, city: PlannedUnion, sector: data.Sector, kind: str) -> PlannedUnion:
        return self.union(
            PlannedUnion(
                code=sector.code,
                parent_code=city.code,
                name=sector.name,
                kind=kind,
                region_code=sector.region_code,
            )
        )


def _enterprise_centres(plan: DemoPlan) -> None:
    """A workers' station in a few enterprises: the fixed one, each zone's first, and (large)
    the first enterprise of every district's first street."""
    codes = {u.code: u for u in plan.unions}
    wanted = [f"{data.CITY_CODE}-420102-S01-G001"]
    wanted += [f"{zone.code}-G001" for zone in data.ZONES]
    if plan.scale == Scale.LARGE:
        wanted += [f"{data.CITY_CODE}-{d.region_code}-S01-G001" for d in data.DISTRICTS[1:]]
    for code in wanted:
        union = codes[code]
        enterprise = union.name.removesuffix("工会")
        rng = _rng(plan.seed, f"{code}/centre")
        # Seed 002 §5.2: a station of an enterprise is "××职工服务中心××工作站".
        area = _area_of(code)[0]
        plan.centres.append(
            PlannedCentre(
                union_code=code,
                name=f"{area}职工服务中心{enterprise}工作站",
                kind=ServiceCentre.Kind.STATION,
                address=_address(rng, *_area_of(code)),
                hotline=_hotline(rng),
            )
        )


def build_plan(*, seed: int = 1, scale: str = Scale.SMALL, names: bool = True) -> DemoPlan:
    """The whole demo tree for ``seed`` and ``scale``, sorted by code.

    ``names=False`` leaves enterprise names blank: the same codes and counts in a fraction
    of the time, enough to tell whether the demo is already loaded."""
    scale = Scale(scale)
    builder = _Builder(seed, scale, names)
    city = builder.city()
    sectors = [(s, builder.sector(city, s, UnionKind.INDUSTRY)) for s in data.INDUSTRIES]
    sectors += [(s, builder.sector(city, s, UnionKind.ZONE)) for s in data.ZONES]
    streets = [s for d in data.DISTRICTS for s in builder.district(city, d)]

    # Phase one: what the small scale holds. Phase two (large only) adds to every parent,
    # continuing its own random stream and numbering; a street the small scale leaves out
    # first gets what it would have held there.
    phases = [_SMALL] if scale == Scale.SMALL else [_SMALL, _LARGE]
    for sizes in phases:
        for sector, unit in sectors:
            builder.fill_sector(sector, unit, sizes)
        for street in streets:
            if sizes is _SMALL and street.code not in builder.small_streets:
                continue
            if sizes is _LARGE and street.code not in builder.small_streets:
                builder.fill_street(street, _SMALL)
            builder.fill_street(street, sizes)
    _enterprise_centres(builder.plan)
    builder.plan.accounts = list(demo_accounts())
    builder.plan.sort()
    return builder.plan


def demo_accounts() -> tuple[DemoAccount, ...]:
    """Staff and member logins, one for each role at each level (the same for every seed)."""
    city = data.CITY_CODE
    jiangan, wuchang = f"{city}-420102", f"{city}-420106"
    enterprise = f"{jiangan}-S01-G001"
    dept = DepartmentKind
    rows = [
        ("city_admin", "陈志刚", Role.FEDERATION_ADMIN, city, ""),
        ("city_org", "刘晓燕", Role.DEPARTMENT_STAFF, city, dept.ORGANISATION),
        ("city_women", "周丽华", Role.DEPARTMENT_STAFF, city, dept.WOMEN),
        ("city_legal", "孙明远", Role.DEPARTMENT_STAFF, city, dept.LEGAL),
        ("jiangan_admin", "赵国强", Role.FEDERATION_ADMIN, jiangan, ""),
        ("jiangan_legal", "吴静", Role.DEPARTMENT_STAFF, jiangan, dept.LEGAL),
        ("jiangan_centre", "郑海波", Role.CENTRE_STAFF, jiangan, ""),
        ("wuchang_admin", "黄文斌", Role.FEDERATION_ADMIN, wuchang, ""),
        ("dazhi_centre", "胡小红", Role.CENTRE_STAFF, f"{jiangan}-S01", ""),
        ("officer_jiangcheng", "马建华", Role.GRASSROOTS_OFFICER, enterprise, ""),
        ("lawyer_li", "李思远", Role.LEGAL_VOLUNTEER, jiangan, ""),
        ("member_wang", "王磊", Role.MEMBER, enterprise, ""),
        # Separation of duties: the audit log is read by auditors, not by administrators.
        ("city_auditor", "许文清", Role.AUDITOR, city, ""),
        ("jiangan_auditor", "高雅琴", Role.AUDITOR, jiangan, ""),
    ]
    return tuple(
        DemoAccount(
            username=username,
            full_name=full_name,
            phone=f"139000000{number:02d}",
            role=role,
            union_code=union_code,
            department_kind=department_kind,
        )
        for number, (username, full_name, role, union_code, department_kind) in enumerate(
            rows, start=1
        )
    )
