"""Demo centres (seed 002): the demo tree's centres and stations get their full record (the
standard's level, the district, hours, areas, staff, services, wall notices, the six
essentials, the funding share of the districts), a few short of the standard in different
ways so that the "what it lacks" lists show something; the year's standards from seed 002,
the city's targets of the year (seed 002 §2: 100% of districts and streets, 5,000
enterprises), and a model centre for every district but the last, so that the list of
unions without one is not empty. Idempotent: once the year's targets exist, nothing is done."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhigong.centres import catalogue
from zhigong.centres.models import CentreEssential, CoverageTarget, ModelCentre
from zhigong.centres.services.standards import model_centre_name, standards_start_year, target_set
from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel, centre_level_for

L = ServiceCentre.Level
HOURS = ("周一至周五 8:30–17:30", "周一至周六 9:00–17:00", "周一至周五 9:00–12:00，14:00–17:30")
# What the year's standard asks of each level (seed 002 §3): the area a demo centre is
# given is drawn around it, some below.
AREAS = {
    L.DISTRICT: (260, 480),
    L.STREET: (150, 320),
    L.ENTERPRISE_LARGE: (160, 300),
    L.ENTERPRISE: (80, 200),
}


@dataclass
class CentresResult:
    already_loaded: bool = False
    centres: int = 0
    model_centres: int = 0
    seconds: float = 0.0


def _record(centre: ServiceCentre, rng: random.Random) -> list[CentreEssential]:
    level = centre_level_for(centre.union)
    standard = catalogue.seed_standard(level)
    low, high = AREAS[L(level)]
    total = Decimal(rng.randint(low, high))
    centre.level = level
    centre.region_code = centre.union.region_code or ""
    centre.opening_hours = rng.choice(HOURS)
    centre.total_area = total
    centre.hall_area = Decimal(rng.randint(60, 140)).min(total) if level == L.DISTRICT else None
    centre.staff_full_time = rng.randint(1, 6)
    centre.staff_part_time = rng.randint(0, 4)
    centre.staff_volunteers = rng.randint(0, 20)
    centre.staff_public_posts = rng.randint(0, 3)
    basic = list(standard["basic_services"])  # type: ignore[call-overload]
    optional = list(standard["optional_services"])  # type: ignore[call-overload]
    keep = basic if rng.random() < 0.5 else rng.sample(basic, len(basic) - 1)
    offered = set(keep) | set(rng.sample(optional, 2))
    centre.services = [k for k in catalogue.SERVICES if k in offered]
    notices = list(catalogue.NOTICES)
    centre.notices = notices if rng.random() < 0.6 else notices[:-2]
    if level == L.DISTRICT:
        centre.funding_share = Decimal(rng.choice([8, 12, 15, 18, 22]))
    missing = rng.choice([None, None, "mediation_room", "training"])
    return [
        CentreEssential(centre=centre, key=key, present=key != missing)
        for key in catalogue.ESSENTIALS
    ]


def seed_centres(*, seed: int, say: Callable[[str], None] | None = None) -> CentresResult:
    started = time.perf_counter()
    year = timezone.localdate().year
    city = Union.objects.filter(code=data.CITY_CODE).first()
    if city is None or CoverageTarget.objects.filter(union=city, year=year).exists():
        return CentresResult(already_loaded=True)
    if say:
        say("正在加载演示服务中心（站）、建设标准、目标和示范中心…")
    with transaction.atomic():
        centres = list(
            ServiceCentre.objects.filter(union__path__startswith=city.path)
            .select_related("union")
            .order_by("union__path", "id")
        )
        essentials: list[CentreEssential] = []
        for centre in centres:
            essentials += _record(centre, random.Random(f"{seed}/{centre.union.code}/centre"))
        ServiceCentre.objects.bulk_update(
            centres,
            [
                "level",
                "region_code",
                "opening_hours",
                "total_area",
                "hall_area",
                "staff_full_time",
                "staff_part_time",
                "staff_volunteers",
                "staff_public_posts",
                "services",
                "notices",
                "funding_share",
            ],
        )
        CentreEssential.objects.filter(centre__in=centres).delete()
        CentreEssential.objects.bulk_create(essentials)
        standards_start_year(actor=SYSTEM, year=year)
        for measure, value in (
            (CoverageTarget.Measure.DISTRICTS_CONVERTED, 100),
            (CoverageTarget.Measure.STREETS_COVERED, 100),
            (CoverageTarget.Measure.ENTERPRISES_COVERED, 5000),
        ):
            target_set(actor=SYSTEM, union=city, year=year, measure=measure, value=Decimal(value))
        districts = list(
            Union.objects.filter(
                path__startswith=city.path, kind=UnionKind.FEDERATION, level=UnionLevel.COUNTY
            ).order_by("path")
        )
        named = 0
        for district in districts[:-1]:
            station = (
                ServiceCentre.objects.filter(
                    union__path__startswith=district.path, kind=ServiceCentre.Kind.STATION
                )
                .order_by("union__path", "id")
                .first()
            )
            if station is None or ModelCentre.objects.filter(centre=station, year=year).exists():
                continue
            model_centre_name(actor=SYSTEM, union=district, centre=station, year=year)
            named += 1
    return CentresResult(
        centres=len(centres), model_centres=named, seconds=time.perf_counter() - started
    )
