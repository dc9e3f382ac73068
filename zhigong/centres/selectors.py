"""Every scoped read of centres: the staff list and one centre, what a centre lacks against
its level's standard, coverage against the city's targets, model centres, and the portal's
public finder (which shows only what a centre puts on its door)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.centres import catalogue, permissions
from zhigong.centres.models import CentreStandard, CoverageTarget, ModelCentre
from zhigong.core import regions
from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union, UnionKind, UnionLevel
from zhigong.unions.roles import Perm

FUNDING_BAND = (Decimal(10), Decimal(20))  # seed 002 §3.1: 10%–20% of the district's funds


def this_year() -> int:
    return timezone.localdate().year


# --- the staff registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreFilter:
    q: str = ""
    kind: str = ""
    level: str = ""
    union: Union | None = None
    region_code: str = ""
    active: str = ""  # "", "yes", "no"


def staff_scope(user: Any) -> QuerySet[ServiceCentre]:
    paths = policy.scope_paths(user, Perm.CENTRE_VIEW)
    return ServiceCentre.objects.filter(policy.path_filter(paths, "union__path"))


def centre_list(user: Any, filters: CentreFilter) -> QuerySet[ServiceCentre]:
    found = staff_scope(user)
    if filters.union is not None:
        found = found.filter(union__path__startswith=filters.union.path)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.level:
        found = found.filter(level=filters.level)
    if filters.region_code:
        found = found.filter(region_code=filters.region_code)
    if filters.active == "yes":
        found = found.filter(is_active=True)
    elif filters.active == "no":
        found = found.filter(is_active=False)
    if filters.q.strip():
        found = found.filter(name__contains=filters.q.strip())
    return found.select_related("union").order_by("union__path", "kind", "name", "id")


def centre_get(user: Any, pk: int) -> ServiceCentre:
    centre = ServiceCentre.objects.select_related("union").filter(pk=pk).first()
    if centre is None or not permissions.can_view(user, centre):
        raise NotFound()
    return centre


# --- what a centre lacks -----------------------------------------------------------------------


@dataclass
class Shortfall:
    """What a centre lacks against its level's standard of a year (empty lists: nothing)."""

    standard: CentreStandard | None
    area_short: Decimal | None = None  # m² below the minimum (None: met, or area unknown)
    area_unknown: bool = False
    hall_short: Decimal | None = None
    essentials: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.standard is not None and not (
            self.area_short
            or self.area_unknown
            or self.hall_short
            or self.essentials
            or self.services
            or self.notices
            or self.rules
        )


def standard_for(level: str, year: int) -> CentreStandard | None:
    return CentreStandard.objects.filter(level=level, year=year).first()


def shortfall(centre: ServiceCentre, year: int) -> Shortfall:
    standard = standard_for(centre.level, year)
    found = Shortfall(standard)
    if standard is None:
        return found
    if centre.total_area is None:
        found.area_unknown = True
    elif centre.total_area < standard.min_area:
        found.area_short = standard.min_area - centre.total_area
    if standard.min_hall_area is not None:
        hall = centre.hall_area or Decimal(0)
        if hall < standard.min_hall_area:
            found.hall_short = standard.min_hall_area - hall
    present = set(centre.essentials.filter(present=True).values_list("key", flat=True))
    rules = set(centre.rules.values_list("key", flat=True))
    found.essentials = [
        catalogue.label("essentials", k) for k in standard.essentials if k not in present
    ]
    found.services = [
        catalogue.label("services", k) for k in standard.basic_services if k not in centre.services
    ]
    found.notices = [
        catalogue.label("notices", k) for k in standard.notices if k not in centre.notices
    ]
    found.rules = [catalogue.label("rules", k) for k in standard.rules if k not in rules]
    return found


def funding_warning(centre: ServiceCentre) -> str:
    """District centres are asked for 10–20% of their union's funds (seed 002 §3.1)."""
    share = centre.funding_share
    if centre.level != ServiceCentre.Level.DISTRICT or share is None:
        return ""
    low, high = FUNDING_BAND
    if low <= share <= high:
        return ""
    return _("服务职工经费占本级工会经费的 %(share)s%%，不在要求的 10%%–20%% 之间。") % {
        "share": share.normalize()
    }


# --- coverage against the targets (CTR-6) ------------------------------------------------------


def _has_centre(kind: str | None = None) -> Exists:
    q = ServiceCentre.objects.filter(union=OuterRef("pk"), is_active=True)
    if kind:
        q = q.filter(kind=kind)
    return Exists(q)


DISTRICTS = Q(kind=UnionKind.FEDERATION, level=UnionLevel.COUNTY)
STREETS = Q(kind__in=[UnionKind.STREET, UnionKind.ZONE])
ENTERPRISES = Q(kind=UnionKind.GRASSROOTS)


@dataclass
class Progress:
    union: Union
    districts: int = 0
    districts_converted: int = 0
    streets: int = 0
    streets_covered: int = 0
    enterprises_covered: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> Decimal | None:
        return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None

    @property
    def districts_share(self) -> Decimal | None:
        return self._share(self.districts_converted, self.districts)

    @property
    def streets_share(self) -> Decimal | None:
        return self._share(self.streets_covered, self.streets)


def progress(union: Union, children: list[Union] | None = None) -> tuple[Progress, list[Progress]]:
    """The union's coverage and, for each of ``children``, theirs: one query over the
    subtree's districts, streets/zones and enterprises, summed by path prefix."""
    rows = (
        Union.objects.filter(path__startswith=union.path, is_active=True)
        .filter(DISTRICTS | STREETS | (ENTERPRISES & Q(_has_centre())))
        .annotate(converted=_has_centre(ServiceCentre.Kind.CENTRE), covered=_has_centre())
        .values_list("path", "kind", "level", "converted", "covered")
    )
    whole = Progress(union)
    parts = [Progress(child) for child in children or []]
    for path, kind, level, converted, covered in rows:
        for p in [whole, *(p for p in parts if path.startswith(p.union.path))]:
            if kind == UnionKind.FEDERATION and level == UnionLevel.COUNTY:
                p.districts += 1
                p.districts_converted += bool(converted)
            elif kind in (UnionKind.STREET, UnionKind.ZONE):
                p.streets += 1
                p.streets_covered += bool(covered)
            elif covered:
                p.enterprises_covered += 1
    return whole, parts


def children_of(union: Union) -> list[Union]:
    return list(
        Union.objects.filter(
            path__startswith=union.path, depth=union.depth + 1, is_active=True
        ).order_by("path")
    )


def targets_for(union: Union, year: int) -> dict[str, Decimal]:
    """The city's targets of ``year`` that apply to ``union`` (those set at its root)."""
    root_path = union.path[: Union.steplen]
    rows = CoverageTarget.objects.filter(union__path=root_path, year=year)
    return {row.measure: row.value for row in rows}


def without_centre(union: Union) -> QuerySet[Union]:
    """Districts, streets and zones of the subtree with no active centre or station."""
    return (
        Union.objects.filter(path__startswith=union.path, is_active=True)
        .filter(DISTRICTS | STREETS)
        .exclude(_has_centre())
        .order_by("path")
    )


# --- model centres (CTR-9) ---------------------------------------------------------------------


def model_centres(union: Union, year: int) -> QuerySet[ModelCentre]:
    return (
        ModelCentre.objects.filter(union__path__startswith=union.path, year=year)
        .select_related("union", "centre")
        .order_by("union__path", "centre__name")
    )


def without_model_centre(union: Union, year: int) -> QuerySet[Union]:
    """District, bureau and industry unions of the subtree that named none for ``year``."""
    named = ModelCentre.objects.filter(union=OuterRef("pk"), year=year)
    return (
        Union.objects.filter(path__startswith=union.path, is_active=True)
        .filter(DISTRICTS | Q(kind=UnionKind.INDUSTRY))
        .exclude(Exists(named))
        .order_by("path")
    )


# --- the portal's finder -----------------------------------------------------------------------


def finder(*, region_code: str = "", service: str = "", near: str = "") -> QuerySet[ServiceCentre]:
    """Active centres of active unions, for anyone: in a district, offering a service;
    ``near``: the worker's district first, then the others."""
    found = ServiceCentre.objects.filter(is_active=True, union__is_active=True)
    if region_code:
        found = found.filter(region_code=region_code)
    if service:
        # The JSON text holds each key in quotes: one lookup that both databases run.
        found = found.filter(services__icontains=f'"{service}"')
    order: list[Any] = ["region_code", "kind", "name", "id"]
    if near:
        here = ExpressionWrapper(Q(region_code=near), output_field=BooleanField())
        found = found.annotate(here=here)
        order = ["-here", *order]
    return found.order_by(*order)


def finder_regions() -> list[tuple[str, str]]:
    """The districts that have an active centre, for the finder's choice."""
    codes = (
        ServiceCentre.objects.filter(is_active=True, union__is_active=True)
        .exclude(region_code="")
        .order_by("region_code")
        .values_list("region_code", flat=True)
        .distinct()
    )
    out = []
    for code in codes:
        found = regions.region(code)
        out.append((code, found.name if found else code))
    return out
