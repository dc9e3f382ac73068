"""The centres API at /api/v1/centres: the registry (list, one centre with what it lacks,
register) and coverage against the year's targets. Scoped like the pages: another
district's centre is a 404. (No future annotations: django-ninja reads them at run time.)"""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from zhigong.centres import acceptance_figures, acceptance_selectors, selectors
from zhigong.centres.models import Acceptance, AcceptanceRound
from zhigong.centres.services.acceptance import InspectionInput, inspect_item
from zhigong.centres.services.registry import CentreInput, centre_register
from zhigong.core.errors import NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre
from zhigong.unions.roles import Perm

router = Router(tags=["服务中心 centres"])


class CentreSummaryOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    union: str
    union_code: str
    region_code: str
    hotline: str
    is_active: bool

    @staticmethod
    def resolve_union(obj: ServiceCentre) -> str:
        return obj.union.name

    @staticmethod
    def resolve_union_code(obj: ServiceCentre) -> str:
        return obj.union.code


class LacksOut(Schema):
    year: int
    standard: bool
    area_short: Decimal | None
    area_unknown: bool
    hall_short: Decimal | None
    essentials: list[str]
    services: list[str]
    notices: list[str]
    rules: list[str]
    complete: bool


class CentreOut(CentreSummaryOut):
    address: str
    opening_hours: str
    total_area: Decimal | None
    hall_area: Decimal | None
    staff_full_time: int
    staff_part_time: int
    staff_volunteers: int
    staff_public_posts: int
    services: list[str]
    notices: list[str]
    essentials: list[str]
    funding_share: Decimal | None
    funding_warning: str
    lacks: LacksOut

    @staticmethod
    def resolve_essentials(obj: ServiceCentre) -> list[str]:
        return list(
            obj.essentials.filter(present=True).order_by("key").values_list("key", flat=True)
        )

    @staticmethod
    def resolve_funding_warning(obj: ServiceCentre) -> str:
        return selectors.funding_warning(obj)

    @staticmethod
    def resolve_lacks(obj: ServiceCentre) -> dict[str, Any]:
        year = selectors.this_year()
        found = selectors.shortfall(obj, year)
        return {
            "year": year,
            "standard": found.standard is not None,
            "area_short": found.area_short,
            "area_unknown": found.area_unknown,
            "hall_short": found.hall_short,
            "essentials": found.essentials,
            "services": found.services,
            "notices": found.notices,
            "rules": found.rules,
            "complete": found.complete,
        }


class ListFilter(InputSchema):
    kind: str = ""
    level: str = ""
    region_code: str = ""
    q: str = ""


class CentreIn(InputSchema):
    union_code: str
    name: str
    kind: str = ServiceCentre.Kind.CENTRE
    level: str = ServiceCentre.Level.STREET
    address: str = ""
    region_code: str = ""
    opening_hours: str = ""
    hotline: str = ""
    total_area: Decimal | None = None
    hall_area: Decimal | None = None
    staff_full_time: int = 0
    staff_part_time: int = 0
    staff_volunteers: int = 0
    staff_public_posts: int = 0
    services: list[str] = []
    notices: list[str] = []
    funding_share: Decimal | None = None


class ProgressOut(Schema):
    union: str
    union_code: str
    districts: int
    districts_converted: int
    districts_share: Decimal | None
    streets: int
    streets_covered: int
    streets_share: Decimal | None
    enterprises_covered: int


class CoverageOut(Schema):
    year: int
    targets: dict[str, Decimal]
    total: ProgressOut
    children: list[ProgressOut]
    without_centre: list[str]


def _progress(p: selectors.Progress) -> dict[str, Any]:
    return {
        "union": p.union.name,
        "union_code": p.union.code,
        "districts": p.districts,
        "districts_converted": p.districts_converted,
        "districts_share": p.districts_share,
        "streets": p.streets,
        "streets_covered": p.streets_covered,
        "streets_share": p.streets_share,
        "enterprises_covered": p.enterprises_covered,
    }


@router.get("", response=list[CentreSummaryOut], summary="服务中心（站）（权限范围内）")
@paginate(PageNumberPagination, page_size=30)
def centre_list_api(request: HttpRequest, filters: Query[ListFilter]) -> Any:
    if not policy.holds(request.user, Perm.CENTRE_VIEW):
        raise NotFound()
    return selectors.centre_list(
        request.user,
        selectors.CentreFilter(
            q=filters.q, kind=filters.kind, level=filters.level, region_code=filters.region_code
        ),
    )


@router.post("", response={201: CentreOut}, summary="登记服务中心（站）")
@idempotent
def centre_register_api(request: AuthenticatedRequest, payload: CentreIn) -> Any:
    data = payload.dict()
    union = policy.union_for(request.user, Perm.CENTRE_MANAGE, data.pop("union_code"))
    if union is None:
        raise NotFound()
    centre = centre_register(actor=request.user, union=union, data=CentreInput(**data))
    return Status(201, centre)


@router.get("/coverage", response=CoverageOut, summary="建设目标完成情况（本工会及下级）")
def coverage_api(request: HttpRequest, union: str = "", year: int | None = None) -> Any:
    if not policy.holds(request.user, Perm.CENTRE_VIEW):
        raise NotFound()
    top = policy.union_or_top(request.user, Perm.CENTRE_VIEW, union)
    year = year or selectors.this_year()
    children = selectors.children_of(top)
    whole, parts = selectors.progress(top, children)
    return {
        "year": year,
        "targets": selectors.targets_for(top, year),
        "total": _progress(whole),
        "children": [_progress(p) for p in parts],
        "without_centre": [u.code for u in selectors.without_centre(top)[:500]],
    }


@router.get("/{int:centre_id}", response=CentreOut, summary="一个服务中心（站）及其差距")
def centre_detail_api(request: HttpRequest, centre_id: int) -> Any:
    return selectors.centre_get(request.user, centre_id)


# --- the acceptance round (CTR-7, CTR-8) ---------------------------------------------------------


class AcceptanceFields(Schema):
    id: int
    year: int
    centre_id: int
    centre: str
    union: str
    status: str
    grade: str
    hardware_pct: Decimal | None
    mechanism_pct: Decimal | None
    satisfaction_pct: Decimal | None
    complaint_reason: str


class AcceptanceOut(AcceptanceFields):
    @staticmethod
    def resolve_year(obj: Any) -> int:
        return int(obj.round.year)

    @staticmethod
    def resolve_centre(obj: Any) -> str:
        return str(obj.centre.name)

    @staticmethod
    def resolve_union(obj: Any) -> str:
        return str(obj.union.name)


class ItemOut(Schema):
    id: int
    group: str
    key: str
    label: str
    points: Decimal
    self_met: bool | None
    self_note: str
    inspected_met: bool | None
    inspected_points: Decimal | None
    seen: str
    ledgers: str
    forum: str
    difference: Decimal | None


class AcceptanceDetailOut(AcceptanceFields):
    items: list[ItemOut]
    self_total: Decimal
    inspected_total: Decimal | None
    difference: Decimal | None


class AcceptanceListFilter(InputSchema):
    year: int | None = None
    grade: str = ""
    status: str = ""
    union: str = ""
    q: str = ""


class InspectIn(InputSchema):
    met: bool
    points: Decimal | None = None
    seen: str = ""
    ledgers: str = ""
    forum: str = ""


@router.get("/acceptances", response=list[AcceptanceOut], summary="服务中心验收（权限范围内）")
@paginate(PageNumberPagination, page_size=30)
def acceptance_list_api(request: HttpRequest, filters: Query[AcceptanceListFilter]) -> Any:
    if not policy.holds(request.user, Perm.CENTRE_VIEW):
        raise NotFound()
    union = (
        policy.union_for(request.user, Perm.CENTRE_VIEW, filters.union) if filters.union else None
    )
    if filters.union and union is None:
        raise NotFound()
    round_ = AcceptanceRound.objects.filter(year=filters.year).first() if filters.year else None
    if filters.year and round_ is None:
        return Acceptance.objects.none()
    return acceptance_selectors.acceptance_list(
        request.user,
        acceptance_selectors.AcceptanceFilter(
            round=round_, grade=filters.grade, status=filters.status, union=union, q=filters.q
        ),
    )


def _detail(acceptance: Acceptance) -> dict[str, Any]:
    found = acceptance_selectors.checklist_of(acceptance)
    items = [
        {
            **{
                f: getattr(r.item, f)
                for f in ItemOut.model_fields
                if f not in ("label", "difference")
            },
            "label": r.label,
            "difference": r.item.difference,
        }
        for _title, rows in found.groups
        for r in rows
    ]
    return {
        **{
            f: getattr(acceptance, f)
            for f in (
                "id",
                "centre_id",
                "status",
                "grade",
                "hardware_pct",
                "mechanism_pct",
                "satisfaction_pct",
                "complaint_reason",
            )
        },
        "year": acceptance.round.year,
        "centre": acceptance.centre.name,
        "union": acceptance.union.name,
        "items": items,
        "self_total": found.self_total,
        "inspected_total": found.inspected_total,
        "difference": found.difference,
    }


@router.get(
    "/acceptances/{int:acceptance_id}",
    response=AcceptanceDetailOut,
    summary="一个服务中心的验收：自查、验收和差异",
)
def acceptance_detail_api(request: HttpRequest, acceptance_id: int) -> Any:
    return _detail(acceptance_selectors.acceptance_get(request.user, acceptance_id))


@router.post(
    "/acceptances/{int:acceptance_id}/items/{int:item_id}/inspection",
    response=AcceptanceDetailOut,
    summary="市总工作组记录一个验收项目（看、查、谈）",
)
@idempotent
def acceptance_inspect_api(
    request: AuthenticatedRequest, acceptance_id: int, item_id: int, payload: InspectIn
) -> Any:
    item = acceptance_selectors.item_get(request.user, acceptance_id, item_id)
    inspect_item(actor=request.user, item=item, data=InspectionInput(**payload.dict()))
    return _detail(acceptance_selectors.acceptance_get(request.user, acceptance_id))


class FigureRowOut(Schema):
    value: str
    label: str
    count: int


class ChildFigureOut(Schema):
    union: str
    union_code: str
    centres: int
    passed: int
    satisfaction: Decimal | None


class AcceptanceFiguresOut(Schema):
    union: str
    year: int | None
    by_kind: list[FigureRowOut]
    by_grade: list[FigureRowOut]
    children: list[ChildFigureOut]


@router.get("/acceptances/figures", response=AcceptanceFiguresOut, summary="验收统计")
def acceptance_figures_api(request: HttpRequest, union: str = "", year: int | None = None) -> Any:
    if not policy.holds(request.user, Perm.CENTRE_VIEW):
        raise NotFound()
    top = policy.union_or_top(request.user, Perm.CENTRE_VIEW, union)
    found = acceptance_figures.figures(top, year)
    tables = {t.dimension: t for t in found.tables}

    def rows(dim: str) -> list[dict[str, Any]]:
        return [{"value": r.value, "label": r.label, "count": r.count} for r in tables[dim].rows]

    return {
        "union": top.name,
        "year": year,
        "by_kind": rows("kind"),
        "by_grade": rows("grade"),
        "children": [
            {
                "union": c.union.name,
                "union_code": c.union.code,
                "centres": c.centres,
                "passed": c.passed,
                "satisfaction": c.satisfaction,
            }
            for c in found.children
        ],
    }
