"""The member's own matchmaking API at /api/v1/matchmaking/ (the mobile app and the WeChat
mini-program): their profile and its public switch, their introductions, choosing an
offered candidate and answering as a candidate. The other side is shown as on the pages
(``views.common.shown_to_members``); contacts only once both said yes. Anything not the
caller's own is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.matchmaking import documents, figures, selectors
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.services.serving import candidate_choose, introduction_answer
from zhigong.matchmaking.views.common import contact_shown, shown_to_members
from zhigong.matchmaking.views.figures import figures_union
from zhigong.members.models import ConsentPurpose
from zhigong.members.services.selfservice import consent_grant, consent_withdraw
from zhigong.unions import policy
from zhigong.unions.roles import Perm

router = Router(tags=["婚恋服务 matchmaking"])


class ProfileOut(Schema):
    id: int
    status: str
    status_label: str
    public: bool
    refusals: int
    rules_version: str
    rules_signed_at: dt.datetime
    return_reason: str
    end_reason: str
    # their own requirements (never shown to anyone else)
    age_min: int
    age_max: int
    height_min: int
    height_max: int
    education_min: int
    marital_mask: int
    districts_mask: int


class PublicIn(InputSchema):
    public: bool | None = None


class CardOut(Schema):
    handle: str
    gender: str
    age: int
    height_cm: int
    education: str
    occupation: str
    district: str
    marital: str
    hobbies: str
    self_intro: str


class ContactOut(Schema):
    name: str
    phone: str
    has_photo: bool = False  # then GET /introductions/{id}/photo returns it


class IntroductionOut(Schema):
    id: int
    status: str
    status_label: str
    as_member: bool
    other: CardOut
    meeting_at: dt.datetime | None = None
    meeting_place: str = ""
    contact: ContactOut | None = None


class AnswerIn(InputSchema):
    answer: str = ""
    reason: str = ""
    meeting_at: dt.datetime | None = None
    meeting_place: str = ""


def _own(request: AuthenticatedRequest) -> Profile:
    profile = selectors.own_profile(request.user)
    if profile is None:
        raise NotFound()
    return profile


def _profile_out(profile: Profile) -> dict[str, Any]:
    return {
        **{f: getattr(profile, f) for f in ProfileOut.model_fields if hasattr(profile, f)},
        "id": profile.pk,
        "status_label": profile.get_status_display(),
        "public": selectors.is_public(profile),
    }


def _intro_out(intro: Introduction, own: Profile) -> dict[str, Any]:
    as_member = intro.member_id == own.pk
    other = intro.candidate if as_member else intro.member
    return {
        "id": intro.pk,
        "status": intro.status,
        "status_label": intro.get_status_display(),
        "as_member": as_member,
        "other": shown_to_members(other),
        "meeting_at": intro.meeting_at,
        "meeting_place": intro.meeting_place,
        "contact": contact_shown(intro, other),
    }


@router.get("/me", response=ProfileOut, summary="我的婚恋服务登记")
def my_profile(request: AuthenticatedRequest) -> Any:
    return _profile_out(_own(request))


@router.post("/me/public", response=ProfileOut, summary="公开或不再公开我的资料")
def my_profile_public(request: AuthenticatedRequest, payload: PublicIn) -> Any:
    profile = _own(request)
    purpose = ConsentPurpose.MATCHMAKING_PUBLIC
    if payload.public is None:
        raise DomainError(
            _("请说明是否公开（public: true 或 false）。"), fields={"public": _("必填")}
        )
    if payload.public:
        consent_grant(actor=request.user, member=profile.member, purpose=purpose)
    else:
        consent_withdraw(actor=request.user, member=profile.member, purpose=purpose)
    return _profile_out(profile)


@router.get("/introductions", response=list[IntroductionOut], summary="我的预选对象与引荐")
def my_introductions(request: AuthenticatedRequest) -> Any:
    own = _own(request)
    return [_intro_out(i, own) for i in selectors.own_introductions(own)[:100]]


@router.get("/introductions/{int:intro_id}", response=IntroductionOut, summary="一次引荐")
def my_introduction(request: AuthenticatedRequest, intro_id: int) -> Any:
    intro = selectors.own_introduction_get(request.user, intro_id)
    return _intro_out(intro, _own(request))


@router.get(
    "/introductions/{int:intro_id}/photo",
    summary="对方的照片（双方同意交换联系方式之后）",
    description="The image itself (`Cache-Control: no-store`); 404 until both sides said yes "
    "to exchanging contacts, or when the other side has no photo.",
)
def other_side_photo_api(request: AuthenticatedRequest, intro_id: int) -> Any:
    intro = selectors.own_introduction_get(request.user, intro_id)
    return documents.serve(selectors.other_side_photo(intro, _own(request)))


@router.post(
    "/introductions/{int:intro_id}/choose", response=IntroductionOut, summary="选择这位预选对象"
)
def choose_api(request: AuthenticatedRequest, intro_id: int) -> Any:
    intro = selectors.own_introduction_get(request.user, intro_id)
    own = _own(request)
    if intro.member_id != own.pk:
        raise NotFound()
    candidate_choose(actor=request.user, introduction=intro)
    return _intro_out(intro, own)


@router.post(
    "/introductions/{int:intro_id}/answer",
    response=IntroductionOut,
    summary="答复引荐：exchange（交换联系方式）、meet（见面）或 decline（婉拒）",
)
def answer_api(request: AuthenticatedRequest, intro_id: int, payload: AnswerIn) -> Any:
    intro = selectors.own_introduction_get(request.user, intro_id)
    own = _own(request)
    if intro.candidate_id != own.pk:
        raise NotFound()
    introduction_answer(
        actor=request.user,
        introduction=intro,
        answer=payload.answer,
        reason=payload.reason,
        meeting_at=payload.meeting_at,
        meeting_place=payload.meeting_place,
    )
    return _intro_out(intro, own)


@router.get(
    "/figures",
    summary="婚恋服务统计（工会及其下级）",
    description="For holders of `matchmaking.serve`: `union` is a union code in their scope "
    "(the top of their scope if left out).",
)
def figures_api(request: AuthenticatedRequest, union: str = "") -> Any:
    if not policy.holds(request.user, Perm.MATCH_SERVE):
        raise NotFound()
    return figures.as_dict(figures_union(request.user, union.strip()))
