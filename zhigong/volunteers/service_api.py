"""The projects, hours and offers API under /api/v1/volunteers: the portal's open projects
and listed offers (for everyone: masked names, never an ID number, phone or address), a
volunteer's sign-up and hours, a member's request for help, and the workbench's lists and
confirmations. (No future annotations: django-ninja reads them at run time.)"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from zhigong.core.errors import NotFound
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.service_models import (
    ProjectSignup,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)
from zhigong.volunteers.services.hours import hours_decide, hours_log
from zhigong.volunteers.services.offers import help_request
from zhigong.volunteers.services.projects import project_sign_up
from zhigong.volunteers.views.service_portal import approved_of, public_offer

projects_router = Router(tags=["志愿服务项目 volunteer projects"])
offers_router = Router(tags=["志愿服务承诺 volunteer offers"])


class ProjectOut(Schema):
    id: int
    title: str
    content: str
    service_area: str
    starts_on: date
    ends_on: date
    volunteers_needed: int
    signed_up: int
    union: str | None
    origin: str
    status: str
    status_label: str

    @staticmethod
    def resolve_signed_up(obj: ServiceProject) -> int:
        return getattr(obj, "taken", None) or obj.signups.filter(status="signed_up").count()

    @staticmethod
    def resolve_union(obj: ServiceProject) -> str | None:
        return obj.union.name if obj.union else None

    @staticmethod
    def resolve_status_label(obj: ServiceProject) -> str:
        return str(obj.get_status_display())


class StaffProjectOut(ProjectOut):
    budget: Decimal


class HoursOut(Schema):
    id: int
    project: int
    project_title: str
    volunteer: str
    served_on: date
    hours: Decimal
    what: str
    status: str
    reason: str

    @staticmethod
    def resolve_project(obj: ServiceHours) -> int:
        return obj.project_id

    @staticmethod
    def resolve_project_title(obj: ServiceHours) -> str:
        return obj.project.title

    @staticmethod
    def resolve_volunteer(obj: ServiceHours) -> str:
        return obj.volunteer.name


class HoursIn(InputSchema):
    served_on: date
    hours: Decimal
    what: str


class HoursDecisionIn(InputSchema):
    confirm: bool = False
    reason: str = ""


class OfferOut(Schema):
    """What the portal shows of an offer (``service_portal.public_offer``): the volunteer's
    masked name, never an ID number, phone or address."""

    id: int
    volunteer: str
    specialty: str
    service_area: str
    service_area_label: str
    area_served: str
    availability: list[str]
    availability_label: str
    description: str
    listed_at: datetime | None

    @staticmethod
    def resolve_volunteer(obj: VolunteerOffer) -> str:
        return str(public_offer(obj)["volunteer"])

    @staticmethod
    def resolve_service_area_label(obj: VolunteerOffer) -> str:
        return str(public_offer(obj)["service_area_label"])

    @staticmethod
    def resolve_availability_label(obj: VolunteerOffer) -> str:
        return str(public_offer(obj)["availability_label"])


class SignupOut(Schema):
    id: int
    project: int
    status: str
    created_at: datetime

    @staticmethod
    def resolve_project(obj: ProjectSignup) -> int:
        return obj.project_id


class HelpIn(InputSchema):
    text: str


class HelpOut(Schema):
    id: int
    status: str
    created_at: datetime


@projects_router.get(
    "/open", auth=None, response=list[ProjectOut], summary="门户：报名中、进行中和已完成的项目"
)
@paginate(PageNumberPagination, page_size=30)
def listed_projects_api(request: HttpRequest) -> Any:
    return selectors.listed_projects()


@projects_router.get("", response=list[StaffProjectOut], summary="服务项目（权限范围内）")
@paginate(PageNumberPagination, page_size=30)
def project_list_api(request: HttpRequest, status: str = "") -> Any:
    if not policy.holds(request.user, Perm.VOLUNTEER_VIEW):
        raise NotFound()
    return selectors.project_list(request.user, status)


@projects_router.get("/hours/waiting", response=list[HoursOut], summary="等待我确认的服务时长")
@paginate(PageNumberPagination, page_size=30)
def hours_waiting_api(request: HttpRequest) -> Any:
    if not policy.holds(request.user, Perm.VOLUNTEER_PROJECT_MANAGE):
        raise NotFound()
    return selectors.hours_waiting_for(request.user)


@projects_router.get("/hours/mine", response=list[HoursOut], summary="我的服务时长")
def my_hours_api(request: HttpRequest) -> Any:
    volunteer = approved_of(request.user)
    if volunteer is None:
        raise NotFound()
    return selectors.hours_of_volunteer(volunteer)[:500]


@projects_router.post(
    "/hours/{int:hours_id}/decision", response=HoursOut, summary="确认或不予确认服务时长"
)
def hours_decision_api(
    request: AuthenticatedRequest, hours_id: int, payload: HoursDecisionIn
) -> Any:
    entry = selectors.hours_get_for_staff(request.user, hours_id)
    return hours_decide(
        actor=request.user, entry=entry, confirm=payload.confirm, reason=payload.reason
    )


@projects_router.get("/{int:project_id}", response=StaffProjectOut, summary="一个服务项目")
def project_detail_api(request: HttpRequest, project_id: int) -> Any:
    return selectors.project_get_for_staff(request.user, project_id)


@projects_router.post(
    "/{int:project_id}/signup", response={201: SignupOut}, summary="已批准的志愿者报名项目"
)
def project_signup_api(request: AuthenticatedRequest, project_id: int) -> Any:
    project = selectors.listed_project(project_id)
    if approved_of(request.user) is None:
        raise NotFound()
    return Status(201, project_sign_up(actor=request.user, project=project))


@projects_router.post("/{int:project_id}/hours", response={201: HoursOut}, summary="登记服务时长")
def hours_log_api(request: AuthenticatedRequest, project_id: int, payload: HoursIn) -> Any:
    project = selectors.listed_project(project_id)
    entry = hours_log(actor=request.user, project=project, **payload.dict())
    return Status(201, entry)


@offers_router.get(
    "", auth=None, response=list[OfferOut], summary="门户：已公布的服务承诺（姓名脱敏）"
)
@paginate(PageNumberPagination, page_size=30)
def listed_offers_api(request: HttpRequest, service_area: str = "") -> Any:
    return selectors.listed_offers(service_area)


@offers_router.get("/{int:offer_id}", auth=None, response=OfferOut, summary="一份已公布的服务承诺")
def listed_offer_api(request: HttpRequest, offer_id: int) -> Any:
    return selectors.listed_offer(offer_id)


@offers_router.post("/{int:offer_id}/help", response={201: HelpOut}, summary="会员通过服务承诺求助")
def help_request_api(request: AuthenticatedRequest, offer_id: int, payload: HelpIn) -> Any:
    offer = selectors.listed_offer(offer_id)
    return Status(201, help_request(actor=request.user, offer=offer, text=payload.text))
