"""The hardship API at /api/v1/hardship: the workbench's files (masked: no phone, address,
health or income here; the reveal is a page), a new file, the volunteer's own pairs and a
visit logged from the mobile app. (No future annotations: django-ninja reads them at run
time.)"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.hardship import figures, selectors
from zhigong.hardship.choices import PairingStatus
from zhigong.hardship.models import HardshipFile, HelpGiven, Pairing
from zhigong.hardship.sensitive import HouseholdMember
from zhigong.hardship.services.files import FileInput, file_create
from zhigong.hardship.services.pairing import visit_log
from zhigong.hardship.views.figures import figures_union
from zhigong.unions import policy
from zhigong.unions.roles import Perm

router = Router(tags=["困难职工帮扶 hardship"])


class FileSummaryOut(Schema):
    id: int
    name: str
    id_number_masked: str
    union: str
    cause: str
    cause_label: str
    household_size: int
    status: str
    review_on: date | None
    paired: bool

    @staticmethod
    def resolve_union(obj: HardshipFile) -> str:
        return obj.union.name

    @staticmethod
    def resolve_cause_label(obj: HardshipFile) -> str:
        return str(obj.get_cause_display())

    @staticmethod
    def resolve_paired(obj: HardshipFile) -> bool:
        return bool(getattr(obj, "paired", False))


class HelpOut(Schema):
    kind: str
    given_on: date
    amount: Decimal | None
    quantity: str
    what: str
    union: str

    @staticmethod
    def resolve_union(obj: HelpGiven) -> str:
        return obj.union.name


class PairOut(Schema):
    id: int
    volunteer: str
    status: str
    service: str
    frequency: str
    starts_on: date
    last_seen_on: date
    ended_on: date | None
    end_reason: str

    @staticmethod
    def resolve_volunteer(obj: Pairing) -> str:
        return obj.volunteer.name


class FileOut(FileSummaryOut):
    gender: str
    phone_masked: str
    needs: str
    cause_note: str
    close_reason: str
    created_at: datetime
    help_given: list[HelpOut]
    pairings: list[PairOut]

    @staticmethod
    def resolve_help_given(obj: HardshipFile) -> list[HelpGiven]:
        return list(obj.help_given.select_related("union"))

    @staticmethod
    def resolve_pairings(obj: HardshipFile) -> list[Pairing]:
        return list(obj.pairings.select_related("volunteer"))

    @staticmethod
    def resolve_paired(obj: HardshipFile) -> bool:
        return obj.pairings.filter(status=PairingStatus.ACTIVE).exists()


class FileFilterIn(InputSchema):
    q: str = ""
    cause: str = ""
    status: str = ""
    unpaired: bool = False


class HouseholdMemberIn(InputSchema):
    name: str
    relation: str = "other"
    birth_year: int | None = None
    health: str = ""
    income: Decimal | None = None
    work_status: str = ""


class FileIn(InputSchema):
    union: str  # the keeping union's code
    name: str
    id_number: str
    cause: str
    phone: str = ""
    address: str = ""
    needs: str = ""
    cause_note: str = ""
    monthly_income: Decimal | None = None
    household: list[HouseholdMemberIn] = []
    review_on: date | None = None


class MyPairOut(Schema):
    id: int
    worker: str
    union: str
    status: str
    service: str
    frequency: str
    starts_on: date
    last_seen_on: date

    @staticmethod
    def resolve_worker(obj: Pairing) -> str:
        return obj.file.name

    @staticmethod
    def resolve_union(obj: Pairing) -> str:
        return obj.file.union.name


class VisitIn(InputSchema):
    visited_on: date
    minutes: int
    what: str
    satisfaction: str


class VisitOut(Schema):
    id: int
    visited_on: date
    minutes: int
    what: str
    satisfaction: str


@router.get("/files", response=list[FileSummaryOut], summary="困难职工档案（权限范围内，脱敏）")
@paginate(PageNumberPagination, page_size=30)
def file_list_api(request: HttpRequest, filters: Query[FileFilterIn]) -> Any:
    if not policy.holds(request.user, Perm.HARDSHIP_VIEW):
        raise NotFound()
    return selectors.file_list(request.user, selectors.FileFilter(**filters.dict()))


@router.post("/files", response={201: FileOut}, summary="建立困难职工档案")
@idempotent
def file_create_api(request: AuthenticatedRequest, payload: FileIn) -> Any:
    if not policy.holds(request.user, Perm.HARDSHIP_MANAGE):
        raise NotFound()
    union = policy.union_for(request.user, Perm.HARDSHIP_MANAGE, payload.union)
    if union is None:
        message = _("找不到这个工会，或不在您的权限范围内。")
        raise DomainError(message, fields={"union": message})
    data = payload.dict()
    household = [HouseholdMember(**m) for m in data.pop("household")]
    data.pop("union")
    file = file_create(actor=request.user, union=union, data=FileInput(**data, household=household))
    return Status(201, file)


@router.get("/files/{int:file_id}", response=FileOut, summary="一份困难职工档案（脱敏）")
def file_detail_api(request: HttpRequest, file_id: int) -> Any:
    return selectors.file_get_for_staff(request.user, file_id)


@router.get("/pairings/mine", response=list[MyPairOut], summary="我的一助一结对（志愿者）")
def my_pairings_api(request: HttpRequest) -> Any:
    return list(selectors.my_pairings(request.user)[:50])


@router.post("/pairings/{int:pairing_id}/visits", response={201: VisitOut}, summary="记录一次走访")
@idempotent
def visit_log_api(request: AuthenticatedRequest, pairing_id: int, payload: VisitIn) -> Any:
    pairing = selectors.my_pairing(request.user, pairing_id)
    return Status(201, visit_log(actor=request.user, pairing=pairing, **payload.dict()))


@router.get(
    "/figures",
    summary="志愿服务与困难帮扶统计（工会及其下级）",
    description="For holders of `hardship.view`: `union` is a union code in their scope (the "
    "top of their scope if left out); `year` the year of quotas and hours (this year if left "
    "out). Volunteers by child union, quota use, confirmed hours, active pairs, files without "
    "a volunteer, visits per month of the last twelve.",
)
def hardship_figures_api(
    request: AuthenticatedRequest, union: str = "", year: int | None = None
) -> Any:
    if not policy.holds(request.user, Perm.HARDSHIP_VIEW):
        raise NotFound()
    if year is not None and not 2000 <= year <= 2100:
        raise DomainError(_("年度不正确。"))
    found = figures.of_union(figures_union(request.user, union.strip()), year=year)
    return figures.as_dict(found)
