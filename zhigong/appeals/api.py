"""The appeals API at /api/v1/appeals: the portal's public list and detail (no login; the
worker's surname and district/street only), a member's pledge, and the workbench's list,
detail (masked) and steps. No route ever carries an ID number, a phone or an address.
(No future annotations: django-ninja reads them at run time.)"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from zhigong.appeals import permissions, selectors
from zhigong.appeals.models import HardshipAppeal, Pledge
from zhigong.appeals.services.decisions import (
    PublishInput,
    appeal_close,
    appeal_publish,
    appeal_return,
    appeal_verify,
)
from zhigong.appeals.services.pledges import PledgeInput, pledge_by_member, public_donor
from zhigong.core.errors import NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm

router = Router(tags=["特殊困难求助 appeals"])


class PublicPledgeOut(Schema):
    donor: str
    kind: str
    amount: Decimal | None
    created_at: datetime

    @staticmethod
    def resolve_donor(obj: Pledge) -> str:
        return public_donor(obj)


class PublicAppealOut(Schema):
    id: int
    title: str
    story: str
    worker: str  # the surname and the district/street: 张**，江岸区大智街道
    amount_sought: Decimal | None
    status: str
    publish_starts: date | None
    publish_ends: date | None
    outcome: str
    amount_raised: Decimal | None
    featured: bool

    @staticmethod
    def resolve_title(obj: HardshipAppeal) -> str:
        return obj.public_title

    @staticmethod
    def resolve_story(obj: HardshipAppeal) -> str:
        return obj.public_story

    @staticmethod
    def resolve_worker(obj: HardshipAppeal) -> str:
        return obj.public_identity


class PublicAppealDetailOut(PublicAppealOut):
    pictures: list[str]
    pledge_count: int
    pledged_money: Decimal
    pledges: list[PublicPledgeOut]

    @staticmethod
    def resolve_pictures(obj: HardshipAppeal) -> list[str]:
        return [f"/appeals/{obj.pk}/pictures/{p.pk}/" for p in selectors.public_pictures(obj)]

    @staticmethod
    def resolve_pledge_count(obj: HardshipAppeal) -> int:
        return selectors.totals(obj).pledges

    @staticmethod
    def resolve_pledged_money(obj: HardshipAppeal) -> Decimal:
        return selectors.totals(obj).money

    @staticmethod
    def resolve_pledges(obj: HardshipAppeal) -> list[Pledge]:
        return list(selectors.public_pledges(obj))


class AppealSummaryOut(Schema):
    id: int
    title: str
    worker_name: str
    union: str
    status: str
    status_label: str
    featured: bool
    updated_at: datetime

    @staticmethod
    def resolve_union(obj: HardshipAppeal) -> str:
        return obj.union.name

    @staticmethod
    def resolve_status_label(obj: HardshipAppeal) -> str:
        return str(obj.get_status_display())


class AppealOut(AppealSummaryOut):
    id_number_masked: str
    phone_masked: str
    address_masked: str
    locality: str
    story: str
    needs: str
    amount_sought: Decimal | None
    verify_methods: list[str]
    verify_notes: str
    verified_at: datetime | None
    returned_reason: str
    public_title: str
    public_story: str
    publish_starts: date | None
    publish_ends: date | None
    outcome: str
    amount_raised: Decimal | None


class VerifyIn(InputSchema):
    verified: bool = False
    methods: list[str] = []
    notes: str = ""
    reason: str = ""  # to return it instead


class PublishIn(InputSchema):
    public_title: str = ""
    public_story: str = ""
    starts: date | None = None
    ends: date | None = None
    pictures: list[int] = []


class ReturnIn(InputSchema):
    reason: str = ""


class CloseIn(InputSchema):
    outcome: str = ""
    amount_raised: Decimal | None = None


class PledgeIn(InputSchema):
    kind: str = ""
    amount: Decimal | None = None
    description: str = ""
    anonymous: bool = False


class ListFilter(InputSchema):
    status: str = ""
    q: str = ""


# --- the portal ---------------------------------------------------------------------------


@router.get(
    "/public",
    auth=None,
    response=list[PublicAppealOut],
    summary="门户求助台：正在发布的求助（精选在前）",
)
@paginate(PageNumberPagination, page_size=20)
def public_appeal_list_api(request: HttpRequest, stories: bool = False) -> Any:
    return selectors.public(selectors.stories() if stories else selectors.on_portal())


@router.get(
    "/public/{int:appeal_id}",
    auth=None,
    response=PublicAppealDetailOut,
    summary="门户求助台：一条求助或帮扶故事",
)
def public_appeal_api(request: HttpRequest, appeal_id: int) -> Any:
    return selectors.portal_get(appeal_id)


@router.post(
    "/public/{int:appeal_id}/pledges",
    response={201: PublicPledgeOut},
    summary="会员认捐（金额、物资或服务，可匿名）",
)
@idempotent
def pledge_api(request: AuthenticatedRequest, appeal_id: int, payload: PledgeIn) -> Any:
    appeal = selectors.portal_get(appeal_id)
    pledge = pledge_by_member(actor=request.user, appeal=appeal, data=PledgeInput(**payload.dict()))
    return Status(201, pledge)


def _centre_only(user: Any, appeal: HardshipAppeal) -> None:
    """The help centre's steps are unknown (404) to everyone else, as on the other routes."""
    if not permissions.holds_centre(user, appeal):
        raise NotFound()


# --- the workbench --------------------------------------------------------------------------


@router.get("", response=list[AppealSummaryOut], summary="特殊困难求助（权限范围内）")
@paginate(PageNumberPagination, page_size=30)
def appeal_list_api(request: HttpRequest, filters: Query[ListFilter]) -> Any:
    if not policy.holds(request.user, Perm.APPEAL_VIEW):
        raise NotFound()
    return selectors.appeal_list(request.user, filters.status, filters.q)


@router.get("/waiting", response=list[AppealSummaryOut], summary="等待我办理的求助")
@paginate(PageNumberPagination, page_size=30)
def appeal_waiting_api(request: HttpRequest) -> Any:
    user = request.user
    if not (policy.holds(user, Perm.APPEAL_VERIFY) or policy.holds(user, Perm.APPEAL_PUBLISH)):
        raise NotFound()
    return selectors.waiting_for(user)


@router.get("/{int:appeal_id}", response=AppealOut, summary="一条求助（职工身份脱敏）")
def appeal_detail_api(request: HttpRequest, appeal_id: int) -> Any:
    return selectors.appeal_get_for_staff(request.user, appeal_id)


@router.post("/{int:appeal_id}/verify", response=AppealOut, summary="基层工会核实：属实或退回")
def appeal_verify_api(request: AuthenticatedRequest, appeal_id: int, payload: VerifyIn) -> Any:
    appeal = selectors.appeal_get_for_staff(request.user, appeal_id)
    if not policy.has_perm(request.user, Perm.APPEAL_VERIFY, appeal.union):
        raise NotFound()
    if payload.verified:
        return appeal_verify(
            actor=request.user, appeal=appeal, methods=payload.methods, notes=payload.notes
        )
    return appeal_return(actor=request.user, appeal=appeal, reason=payload.reason)


@router.post("/{int:appeal_id}/publish", response=AppealOut, summary="帮扶中心在门户发布")
def appeal_publish_api(request: AuthenticatedRequest, appeal_id: int, payload: PublishIn) -> Any:
    appeal = selectors.appeal_get_for_staff(request.user, appeal_id)
    _centre_only(request.user, appeal)
    data = PublishInput(
        public_title=payload.public_title,
        public_story=payload.public_story,
        starts=payload.starts,
        ends=payload.ends,
        picture_ids=tuple(payload.pictures),
    )
    return appeal_publish(actor=request.user, appeal=appeal, data=data)


@router.post("/{int:appeal_id}/return", response=AppealOut, summary="退回基层工会（须填理由）")
def appeal_return_api(request: AuthenticatedRequest, appeal_id: int, payload: ReturnIn) -> Any:
    appeal = selectors.appeal_get_for_staff(request.user, appeal_id)
    _centre_only(request.user, appeal)
    return appeal_return(actor=request.user, appeal=appeal, reason=payload.reason)


@router.post("/{int:appeal_id}/close", response=AppealOut, summary="结束求助并公开帮扶结果")
def appeal_close_api(request: AuthenticatedRequest, appeal_id: int, payload: CloseIn) -> Any:
    appeal = selectors.appeal_get_for_staff(request.user, appeal_id)
    _centre_only(request.user, appeal)
    return appeal_close(
        actor=request.user,
        appeal=appeal,
        outcome=payload.outcome,
        amount_raised=payload.amount_raised,
    )
