"""The workbench's API: the queues, and the steps on a case (accept, assign, reply, close,
escalate). A step the caller may not take on a case is a 404, like a case they cannot see."""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query
from ninja.pagination import paginate

from zhigong.cases import permissions, selectors
from zhigong.cases.api.common import detail, router
from zhigong.cases.api.schemas import (
    AcceptIn,
    AssignIn,
    CaseDetailOut,
    CaseSummaryOut,
    NoteIn,
    QueueFilter,
    ReasonIn,
    ReplyIn,
)
from zhigong.cases.models import Case
from zhigong.cases.services import handling
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm


@router.get(
    "",
    response=list[CaseSummaryOut],
    summary="工作台队列（权限范围内）",
    description="`queue`: `mine`, `open`, `unassigned`, `due_soon`, `overdue`, `all`; "
    "filters `q` (reference number), `kind`, `category`, `status`, `channel`. A legal "
    "volunteer's queues hold the cases assigned to them only.",
)
@paginate(PageNumberPagination, page_size=30)
def case_queue(request: HttpRequest, filters: Query[QueueFilter]) -> Any:
    user = request.user
    if not (policy.holds(user, Perm.CASE_VIEW) or policy.holds(user, Perm.CASE_HANDLE)):
        raise NotFound()
    if filters.queue not in selectors.QUEUES:
        raise DomainError(_("队列无效。"), fields={"queue": _("队列无效。")})
    return selectors.case_queue(
        user,
        filters.queue,
        selectors.QueueFilter(
            q=filters.q,
            kind=filters.kind,
            category=filters.category,
            status=filters.status,
            channel=filters.channel,
        ),
    )


def _for_step(user: Any, case_id: int, allowed: Any) -> Case:
    case = selectors.case_get_for_staff(user, case_id)
    if not allowed(user, case):
        raise NotFound()
    return case


def _staff_detail(case: Case) -> Case:
    case.refresh_from_db()
    return detail(case, for_requester=False)


@router.post("/{int:case_id}/accept", response=CaseDetailOut, summary="受理")
def case_accept_api(request: AuthenticatedRequest, case_id: int, payload: AcceptIn) -> Any:
    case = _for_step(request.user, case_id, permissions.can_manage_case)
    handling.case_accept(
        actor=request.user, case=case, complexity=payload.complexity, note=payload.note
    )
    return _staff_detail(case)


@router.post("/{int:case_id}/assign", response=CaseDetailOut, summary="交办")
def case_assign_api(request: AuthenticatedRequest, case_id: int, payload: AssignIn) -> Any:
    case = _for_step(request.user, case_id, permissions.can_manage_case)
    handler = get_user_model().objects.filter(username=payload.handler, is_active=True).first()
    handling.case_assign(actor=request.user, case=case, handler=handler, note=payload.note)
    return _staff_detail(case)


@router.post("/{int:case_id}/reply", response=CaseDetailOut, summary="答复求助人")
def case_reply_api(request: AuthenticatedRequest, case_id: int, payload: ReplyIn) -> Any:
    case = _for_step(request.user, case_id, permissions.can_reply)
    handling.case_reply(actor=request.user, case=case, body=payload.body)
    return _staff_detail(case)


@router.post(
    "/{int:case_id}/close",
    response=CaseDetailOut,
    summary="办结（须已答复求助人）",
)
def case_close_api(request: AuthenticatedRequest, case_id: int, payload: NoteIn) -> Any:
    case = _for_step(request.user, case_id, permissions.can_manage_case)
    handling.case_close(actor=request.user, case=case, note=payload.note)
    return _staff_detail(case)


@router.post("/{int:case_id}/escalate", response=CaseDetailOut, summary="上报上级工会")
def case_escalate_api(request: AuthenticatedRequest, case_id: int, payload: ReasonIn) -> Any:
    case = _for_step(request.user, case_id, permissions.can_reply)
    handling.case_escalate(actor=request.user, case=case, reason=payload.reason)
    return _staff_detail(case)
