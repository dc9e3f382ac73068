"""Published volunteer offers (VOL-6, seed 003 §20): an approved volunteer offers a service
(specialty, area, where and when); their grassroots union recommends it; the centre of the
district above (or the city) reviews it, and it is listed on the portal under the volunteer's
masked name. A worker in need asks for help through it; the centre connects them and records
the outcome. The volunteer may withdraw an offer, the centre hide it.

Nothing that identifies the volunteer beyond a masked name is ever published: the texts of an
offer are refused when they hold a phone or ID number or a door number (the centre connects
people; they never need to find each other through the page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers.choices import Availability, ServiceArea
from zhigong.volunteers.levels import quota_union_of
from zhigong.volunteers.service_choices import HelpRequestStatus, OfferStatus
from zhigong.volunteers.service_models import (
    HELP_FLOW,
    OFFER_FLOW,
    HelpRequest,
    VolunteerOffer,
)
from zhigong.volunteers.services.projects import approved_volunteer_of
from zhigong.volunteers.services.registration import member_of

OS = OfferStatus
H = HelpRequestStatus
# Seven digits in a row (a phone, an ID number, a QQ number), with spaces or dashes between.
_DIGITS = re.compile(r"\d(?:[\s\-]?\d){6,}")
# A door, building or room number: an exact address.
_DOOR = re.compile(r"\d+\s*(?:号|栋|幢|单元|室|楼|弄)")


@dataclass(frozen=True)
class OfferInput:
    specialty: str
    service_area: str
    area_served: str
    description: str
    availability: list[str] = field(default_factory=list)


def _clean(data: OfferInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    texts = {
        "specialty": data.specialty.strip(),
        "area_served": data.area_served.strip(),
        "description": data.description.strip(),
    }
    for name, text in texts.items():
        if not text:
            errors[name] = _("此项必填。")
        elif _DIGITS.search(text):
            errors[name] = _("请不要填写电话、身份证号等个人信息：对接由服务中心办理。")
        elif _DOOR.search(text):
            errors[name] = _("请只填写区、街道或社区，不要填写门牌号等详细地址。")
    if data.service_area not in ServiceArea.values:
        errors["service_area"] = _("请选择服务方向。")
    times = [t for t in data.availability if t in Availability.values]
    if not times or len(times) != len(data.availability):
        errors["availability"] = _("请选择可服务时间。")
    if errors:
        raise DomainError(_("服务承诺有误，请按提示修改。"), fields=errors)
    return {
        "specialty": texts["specialty"][:100],
        "area_served": texts["area_served"][:100],
        "description": texts["description"][:2000],
        "service_area": data.service_area,
        "availability": sorted(set(times)),
    }


@service
def offer_propose(*, actor: Actor, data: OfferInput) -> VolunteerOffer:
    volunteer = approved_volunteer_of(actor)
    offer = VolunteerOffer.objects.create(
        volunteer=volunteer,
        review_union=volunteer.quota_union or quota_union_of(volunteer.union),
        **_clean(data),
    )
    audit_record(
        actor=actor,
        action="volunteer_offer.propose",
        target=offer,
        union=volunteer.union,
        changes={"status": [None, offer.status]},
    )
    return offer


def _locked(offer: VolunteerOffer) -> VolunteerOffer:
    return (
        VolunteerOffer.objects.select_for_update(of=("self",))
        .select_related("volunteer__union", "review_union")
        .get(pk=offer.pk)
    )


def _refuse(actor: Actor, offer: VolunteerOffer) -> None:
    if not can.can_view_offer(actor, offer):
        raise NotFound()
    if can.is_volunteer(actor, offer.volunteer) or can._is(actor, offer.recommended_by_id):
        raise DomainError(_("提出或推荐这份服务承诺的人不能审核它。"), code="asked_for_it")
    raise DomainError(_("这份服务承诺现在不等待您处理。"), code="not_your_step")


def _reason(approve: bool, reason: str) -> str:
    reason = reason.strip()
    if not approve and not reason:
        raise DomainError(_("退回须填写理由。"), fields={"reason": _("请填写理由。")})
    return reason


@service
def offer_recommend(
    *, actor: Actor, offer: VolunteerOffer, approve: bool, reason: str = ""
) -> VolunteerOffer:
    """The volunteer's grassroots union recommends the offer, or returns it."""
    offer = _locked(offer)
    if not can.can_recommend(actor, offer):
        _refuse(actor, offer)
    offer.reason = _reason(approve, reason)
    if approve:
        offer.recommended_by = acting_user(actor)
    transition(
        offer,
        OFFER_FLOW,
        OS.RECOMMENDED if approve else OS.RETURNED,
        actor=actor,
        union=offer.volunteer.union,
        reason=offer.reason,
    )
    return offer


@service
def offer_review(
    *, actor: Actor, offer: VolunteerOffer, approve: bool, reason: str = ""
) -> VolunteerOffer:
    """The district's (or the city's) centre lists the offer on the portal, or returns it."""
    offer = _locked(offer)
    if not can.can_review(actor, offer):
        _refuse(actor, offer)
    offer.reason = _reason(approve, reason)
    offer.reviewed_by = acting_user(actor)
    if approve:
        offer.listed_at = timezone.now()
    transition(
        offer,
        OFFER_FLOW,
        OS.LISTED if approve else OS.RETURNED,
        actor=actor,
        union=offer.review_union,
        reason=offer.reason,
    )
    notify(
        offer.volunteer.applicant,
        title=_("服务承诺已公布") if approve else _("服务承诺已退回"),
        body=offer.specialty + ("" if approve else "：" + offer.reason),
    )
    return offer


@service
def offer_withdraw(*, actor: Actor, offer: VolunteerOffer) -> VolunteerOffer:
    offer = _locked(offer)
    if not can.is_volunteer(actor, offer.volunteer):
        raise NotFound()
    transition(
        offer,
        OFFER_FLOW,
        OS.WITHDRAWN,
        actor=actor,
        union=offer.volunteer.union,
        message=_("这份服务承诺已撤回或不能撤回。"),
    )
    return offer


@service
def offer_hide(
    *, actor: Actor, offer: VolunteerOffer, hide: bool = True, reason: str = ""
) -> VolunteerOffer:
    """The centre takes a listed offer off the portal (with a reason), or puts it back."""
    offer = _locked(offer)
    can.require(can.can_hide(actor, offer), visible=can.can_view_offer(actor, offer))
    reason = reason.strip()
    if hide and not reason:
        raise DomainError(_("下架须填写理由。"), fields={"reason": _("请填写理由。")})
    offer.reason = reason
    transition(
        offer,
        OFFER_FLOW,
        OS.HIDDEN if hide else OS.LISTED,
        actor=actor,
        union=offer.review_union,
        reason=reason,
        from_=(OS.LISTED,) if hide else (OS.HIDDEN,),
    )
    return offer


@service
def help_request(*, actor: Actor, offer: VolunteerOffer, text: str) -> HelpRequest:
    """A member in need asks for help through a listed offer; the centre's queue gets it."""
    offer = VolunteerOffer.objects.select_related("volunteer").get(pk=offer.pk)
    if offer.status != OS.LISTED:
        raise NotFound()
    member = member_of(actor)
    if member is None:
        raise DomainError(_("会员登录后才能求助；不是会员的，请联系所在街道、社区工会。"))
    if can.is_volunteer(actor, offer.volunteer):
        raise DomainError(_("不能向自己的服务承诺求助。"))
    text = text.strip()
    if not text:
        raise DomainError(_("请简要说明需要什么帮助。"), fields={"text": _("此项必填。")})
    if offer.requests.filter(requester_id=actor.pk, status=H.WAITING).exists():
        raise Conflict(_("您已就这份服务承诺提出求助，正在等待服务中心对接。"))
    request = HelpRequest.objects.create(
        offer=offer, requester=acting_user(actor), member=member, text=text[:500]
    )
    audit_record(
        actor=actor,
        action="volunteer_help.ask",
        target=request,
        union=member.union,
        changes={"status": [None, request.status]},
    )
    return request


def _locked_request(request: HelpRequest) -> HelpRequest:
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("offer__review_union", "offer__volunteer")
        .get(pk=request.pk)
    )


@service
def help_connect(
    *, actor: Actor, request: HelpRequest, connect: bool, note: str = ""
) -> HelpRequest:
    """The centre connects the worker with the volunteer (or says why it cannot)."""
    request = _locked_request(request)
    if not can.can_connect(actor, request):
        raise NotFound()
    note = note.strip()
    if not note:
        raise DomainError(_("请写明对接情况。"), fields={"note": _("此项必填。")})
    request.note = note[:2000]
    request.connected_by = acting_user(actor)
    request.connected_at = timezone.now()
    transition(
        request,
        HELP_FLOW,
        H.CONNECTED if connect else H.DECLINED,
        actor=actor,
        union=request.offer.review_union,
        reason=note,
        from_=(H.WAITING,),
    )
    notify(
        request.requester,
        title=_("求助已对接") if connect else _("求助未能对接"),
        body=note,
    )
    if connect:
        notify(
            request.offer.volunteer.applicant,
            title=_("有职工需要您的帮助"),
            body=request.text,
        )
    return request


@service
def help_close(*, actor: Actor, request: HelpRequest, outcome: str) -> HelpRequest:
    """Record how the connection turned out, and close the request."""
    request = _locked_request(request)
    if not can.can_connect(actor, request):
        raise NotFound()
    outcome = outcome.strip()
    if not outcome:
        raise DomainError(_("请填写结果。"), fields={"outcome": _("此项必填。")})
    request.outcome = outcome[:2000]
    transition(
        request,
        HELP_FLOW,
        H.CLOSED,
        actor=actor,
        union=request.offer.review_union,
        reason=outcome,
        from_=(H.CONNECTED,),
    )
    return request
