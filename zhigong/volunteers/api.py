"""The volunteers API at /api/v1/volunteers: the applicant's own registration (apply, status,
the opinions), the workbench's list, queue and opinions, and the quotas. ID numbers and
phones are always masked here. (No future annotations: django-ninja reads them at run time.)"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from zhigong.core.errors import NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import permissions, selectors, service_api
from zhigong.volunteers.models import Volunteer, VolunteerOpinion
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_apply

router = Router(tags=["志愿者 volunteers"])
# Projects, hours and offers (VOL-5, VOL-6): their own module, mounted here.
router.add_router("/projects", service_api.projects_router)
router.add_router("/offers", service_api.offers_router)


class OpinionOut(Schema):
    step: str
    step_label: str
    approved: bool
    reason: str
    union: str
    at: datetime

    @staticmethod
    def resolve_step_label(obj: VolunteerOpinion) -> str:
        return str(obj.get_step_display())

    @staticmethod
    def resolve_union(obj: VolunteerOpinion) -> str:
        return obj.union.name


class VolunteerOut(Schema):
    id: int
    name: str
    gender: str
    id_number_masked: str
    phone_masked: str
    political_status: str
    education: str
    health: str
    employer: str
    identity: str
    specialty: str
    work_started_on: date | None
    availability: list[str]
    service_areas: list[str]
    union: str
    status: str
    status_label: str
    signed_at: datetime
    approved_at: datetime | None
    opinions: list[OpinionOut]

    @staticmethod
    def resolve_union(obj: Volunteer) -> str:
        return obj.union.name

    @staticmethod
    def resolve_status_label(obj: Volunteer) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_opinions(obj: Volunteer) -> list[VolunteerOpinion]:
        return list(obj.opinions.filter(attempt=obj.attempt).select_related("union"))


class VolunteerSummaryOut(Schema):
    id: int
    name: str
    union: str
    identity: str
    status: str
    status_label: str
    created_at: datetime

    @staticmethod
    def resolve_union(obj: Volunteer) -> str:
        return obj.union.name

    @staticmethod
    def resolve_status_label(obj: Volunteer) -> str:
        return str(obj.get_status_display())


class ApplyIn(InputSchema):
    health: str
    employer: str
    identity: str
    statement: str
    service_areas: list[str]
    phone: str = ""
    political_status: str = ""
    work_started_on: date | None = None
    education: str = ""
    specialty: str = ""
    work_history: str = ""
    availability: list[str] = []


class OpinionIn(InputSchema):
    approve: bool = False
    reason: str = ""
    over_quota_reason: str = ""


class ListFilter(InputSchema):
    status: str = ""
    q: str = ""


class QuotaOut(Schema):
    union: str
    union_code: str
    year: int
    quota: int | None
    used: int
    left: int | None
    waiting: int


@router.get("/mine", response=VolunteerOut, summary="我的志愿者登记及审核状态")
def my_registration(request: HttpRequest) -> Any:
    volunteer = selectors.current_registration(request.user)
    if volunteer is None:
        raise NotFound()
    return volunteer


@router.post("/mine", response={201: VolunteerOut}, summary="会员申请成为志愿者（附件2）")
@idempotent
def volunteer_apply_api(request: AuthenticatedRequest, payload: ApplyIn) -> Any:
    volunteer = volunteer_apply(actor=request.user, data=VolunteerInput(**payload.dict()))
    return Status(201, volunteer)


@router.get("", response=list[VolunteerSummaryOut], summary="志愿者登记（权限范围内）")
@paginate(PageNumberPagination, page_size=30)
def volunteer_list_api(request: HttpRequest, filters: Query[ListFilter]) -> Any:
    if not policy.holds(request.user, Perm.VOLUNTEER_VIEW):
        raise NotFound()
    return selectors.volunteer_list(
        request.user, selectors.VolunteerFilter(q=filters.q, status=filters.status)
    )


@router.get("/waiting", response=list[VolunteerSummaryOut], summary="等待我签意见的登记")
@paginate(PageNumberPagination, page_size=30)
def volunteer_waiting_api(request: HttpRequest) -> Any:
    user = request.user
    if not (
        policy.holds(user, Perm.VOLUNTEER_REVIEW) or policy.holds(user, Perm.VOLUNTEER_APPROVE)
    ):
        raise NotFound()
    return selectors.waiting_for(user)


@router.get("/quotas", response=list[QuotaOut], summary="名额及使用情况")
def quota_list_api(request: HttpRequest, year: int | None = None) -> Any:
    if not policy.holds(request.user, Perm.VOLUNTEER_VIEW):
        raise NotFound()
    year = year or timezone.localdate().year
    rows = selectors.quota_rows(request.user, year)
    return [
        {
            "union": r.union.name,
            "union_code": r.union.code,
            "year": year,
            "quota": r.quota,
            "used": r.used,
            "left": r.left,
            "waiting": r.waiting,
        }
        for r in rows
    ]


@router.get("/{int:volunteer_id}", response=VolunteerOut, summary="一份志愿者登记")
def volunteer_detail_api(request: HttpRequest, volunteer_id: int) -> Any:
    return selectors.volunteer_get_for_staff(request.user, volunteer_id)


@router.post("/{int:volunteer_id}/opinion", response=VolunteerOut, summary="签意见：同意或退回")
def volunteer_opinion_api(
    request: AuthenticatedRequest, volunteer_id: int, payload: OpinionIn
) -> Any:
    volunteer = selectors.volunteer_get_for_staff(request.user, volunteer_id)
    step = volunteer.waiting_step
    if step is None or not permissions.holds_step(request.user, volunteer, step):
        raise NotFound()
    return volunteer_decide(
        actor=request.user,
        volunteer=volunteer,
        approve=payload.approve,
        reason=payload.reason,
        over_quota_reason=payload.over_quota_reason,
    )
