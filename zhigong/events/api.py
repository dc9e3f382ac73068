"""The member's events API (the mobile app and the WeChat mini-program): the published events
of my audience, one event, my sign-ups, sign up (with ``Idempotency-Key``) and cancel. An event
outside my audience is a 404, exactly like one that does not exist."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from zhigong.core.errors import NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.views import AuthenticatedRequest
from zhigong.events import figures, selectors
from zhigong.events.choices import ACTIVE_SIGNUP
from zhigong.events.models import Event, Signup
from zhigong.events.services.signups import active_member_of, signup_cancel, signup_create

router = Router(tags=["活动 events"])


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    union: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    signup_opens_at: datetime | None
    signup_closes_at: datetime | None
    capacity: int
    status: str
    status_label: str

    @staticmethod
    def resolve_kind_label(obj: Event) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Event) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_union(obj: Event) -> str:
        return obj.union.name


class SignupOut(Schema):
    id: int
    event: EventOut
    status: str
    status_label: str
    waiting_position: int | None
    attended: bool
    created_at: datetime

    @staticmethod
    def resolve_status_label(obj: Signup) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_waiting_position(obj: Signup) -> int | None:
        return selectors.waiting_position(obj)

    @staticmethod
    def resolve_attended(obj: Signup) -> bool:
        return obj.attended_at is not None


@router.get("", response=list[EventOut], summary="可报名的活动（本人所在范围内已发布的）")
@paginate(PageNumberPagination, page_size=20)
def events_list(request: HttpRequest) -> Any:
    return selectors.member_events(active_member_of(request.user))


@router.get("/mine", response=list[SignupOut], summary="我的报名")
@paginate(PageNumberPagination, page_size=20)
def events_mine(request: HttpRequest) -> Any:
    return selectors.own_signups(active_member_of(request.user))


@router.get("/{int:event_id}", response=EventOut, summary="活动详情")
def events_detail(request: HttpRequest, event_id: int) -> Any:
    return selectors.member_event(active_member_of(request.user), event_id)


@router.post(
    "/{int:event_id}/signup",
    response={201: SignupOut},
    summary="报名（名额已满时进入候补）",
    description="A place if one is free (within the gender cap, if the event has one), else "
    "the waiting list (`status` `waiting`, with its `waiting_position`). Send an "
    "`Idempotency-Key`: a retry with the same key gets the first answer.",
)
@idempotent
def events_signup(request: AuthenticatedRequest, event_id: int) -> Any:
    event = selectors.member_event(active_member_of(request.user), event_id)
    return Status(201, signup_create(actor=request.user, event=event))


@router.post(
    "/{int:event_id}/cancel",
    response=SignupOut,
    summary="取消报名（空出的名额按顺序给候补）",
)
def events_cancel(request: AuthenticatedRequest, event_id: int) -> Any:
    member = active_member_of(request.user)
    event = selectors.member_event(member, event_id)
    signup = selectors.own_signup(member, event)
    if signup is None or signup.status not in ACTIVE_SIGNUP:
        raise NotFound()
    return signup_cancel(actor=request.user, signup=signup)


class FiguresUnion(Schema):
    code: str
    name: str


class FiguresSummaryOut(Schema):
    events: int
    held: int
    cancelled: int
    open: int
    signups: int
    waiting: int
    places_held: int
    attended: int
    attendance_rate: float | None


class EventFiguresOut(Schema):
    union: FiguresUnion
    summary: FiguresSummaryOut
    counts: dict[str, dict[str, int]]


@router.get(
    "/figures",
    response=EventFiguresOut,
    summary="活动统计（工会及其全部下级）",
    description="Events counted under the organising union, for the union's whole subtree: "
    "`counts` holds status and kind (events), signups (by the sign-up's status), held "
    "(`places` taken and `attended` at the events held). `attendance_rate` is attended / "
    "places. Without `union`, the top of the caller's event.manage scope.",
)
def events_figures(request: HttpRequest, union: str = "") -> dict[str, Any]:
    found = selectors.figures_union(user=request.user, code=union.strip())
    counts = figures.of_union(found)
    summary = figures.summary(counts)
    return {
        "union": {"code": found.code, "name": found.name},
        "summary": {**summary.__dict__, "attendance_rate": summary.attendance_rate},
        "counts": counts,
    }
