"""The requester's API (the mobile app and the WeChat mini-program): submit with
``Idempotency-Key``, follow, add information and files, rate, reopen. A case of someone else
is a 404, exactly like one that does not exist."""

import base64
import binascii
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from zhigong.cases import permissions, selectors
from zhigong.cases.api.common import attachment, detail, router
from zhigong.cases.api.schemas import (
    AttachmentIn,
    AttachmentOut,
    CaseDetailOut,
    CaseIn,
    CaseSummaryOut,
    InfoIn,
    RateIn,
    ReasonIn,
)
from zhigong.cases.choices import Channel
from zhigong.cases.services.intake import CaseInput, case_submit
from zhigong.cases.services.requester import case_add_info, case_rate, case_reopen
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.idempotency import idempotent
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions.models import Union, UnionKind


def _district(code: str) -> Union | None:
    code = code.strip()
    if not code:
        return None
    found = Union.objects.filter(code=code, kind=UnionKind.FEDERATION, is_active=True).first()
    if found is None:
        message = _("找不到编码为“%(code)s”的区（县）总工会。") % {"code": code}
        raise DomainError(message, fields={"district": message})
    return found


@router.post(
    "",
    response={201: CaseDetailOut},
    summary="提交诉求（维权或法律咨询）",
    description="A member's name, phone and district come from their member record; a worker "
    "who is not a member gives `name`, `phone` and `district` (a county federation's code). "
    "Send an `Idempotency-Key`: a retry with the same key gets the first answer and "
    "creates nothing more.",
)
@idempotent
def case_create(request: AuthenticatedRequest, payload: CaseIn) -> Any:
    if payload.channel not in (Channel.APP, Channel.PORTAL):
        raise DomainError(_("渠道无效。"), fields={"channel": _("渠道无效。")})
    case = case_submit(
        actor=request.user,
        data=CaseInput(
            kind=payload.kind,
            category=payload.category,
            description=payload.description,
            employer=payload.employer,
            channel=payload.channel,
            name=payload.name,
            phone=payload.phone,
            district=_district(payload.district),
        ),
    )
    return Status(201, detail(case, for_requester=True))


@router.get("/mine", response=list[CaseSummaryOut], summary="我的诉求")
@paginate(PageNumberPagination, page_size=20)
def my_cases(request: HttpRequest) -> Any:
    return selectors.own_cases(request.user)


def _case_for(user: Any, case_id: int) -> tuple[Any, bool]:
    """The case as the caller may see it: its requester (the steps they see), or staff."""
    try:
        return selectors.case_get_own(user, case_id), True
    except NotFound:
        return selectors.case_get_for_staff(user, case_id), False


@router.get("/{int:case_id}", response=CaseDetailOut, summary="诉求详情与办理过程")
def case_detail(request: HttpRequest, case_id: int) -> Any:
    case, own = _case_for(request.user, case_id)
    return detail(case, for_requester=own)


@router.get(
    "/{int:case_id}/attachments/{int:file_id}",
    response={200: None},
    summary="附件（求助人本人或有权查看的工作人员）",
)
def case_attachment(request: HttpRequest, case_id: int, file_id: int) -> FileResponse:
    case, _own = _case_for(request.user, case_id)
    return attachment(case, file_id)


@router.post(
    "/{int:case_id}/attachments",
    response={201: AttachmentOut},
    summary="求助人补充附件（PDF、JPG、PNG，每个不超过 10 MB）",
    description="The file as JSON: its name and its bytes in base64. The type is checked from "
    "the bytes, not the name.",
)
def case_attach(request: AuthenticatedRequest, case_id: int, payload: AttachmentIn) -> Any:
    case = selectors.case_get_own(request.user, case_id)
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        message = _("附件内容不是有效的 base64。")
        raise DomainError(message, fields={"content_base64": message}) from None
    upload = SimpleUploadedFile(payload.name or "file", data) if data else None
    case_add_info(actor=request.user, case=case, uploads=[upload] if upload else [])
    return Status(201, case.attachments.order_by("-id").first())


@router.post("/{int:case_id}/info", response=CaseDetailOut, summary="求助人补充情况")
def case_info(request: AuthenticatedRequest, case_id: int, payload: InfoIn) -> Any:
    case = selectors.case_get_own(request.user, case_id)
    case_add_info(actor=request.user, case=case, text=payload.text)
    return detail(case, for_requester=True)


@router.post("/{int:case_id}/rating", response=CaseDetailOut, summary="评价答复（1-5 星）")
def case_rating(request: AuthenticatedRequest, case_id: int, payload: RateIn) -> Any:
    case = selectors.case_get_own(request.user, case_id)
    case_rate(actor=request.user, case=case, rating=payload.rating, comment=payload.comment)
    return detail(case, for_requester=True)


@router.post(
    "/{int:case_id}/reopen",
    response=CaseDetailOut,
    summary="申请重新办理（答复后 15 天内）",
)
def case_reopen_api(request: AuthenticatedRequest, case_id: int, payload: ReasonIn) -> Any:
    case = selectors.case_get_own(request.user, case_id)
    if not permissions.is_requester(request.user, case):
        raise NotFound()
    case_reopen(actor=request.user, case=case, reason=payload.reason)
    return detail(case, for_requester=True)
