"""Serving a member (MM-3..6): check their identity at a visit (or take their own request
online), offer three screened candidates, record whom they chose and the candidate's answer,
and follow up. Refusals of the service are counted; the fifth suspends the profile
(达到五次以上: 以上 includes five), and staff may lift the suspension."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.matchmaking import figures, permissions, screening
from zhigong.matchmaking.choices import (
    OPEN_INTRODUCTIONS,
    IntroductionStatus,
    ProfileStatus,
    VisitMethod,
)
from zhigong.matchmaking.models import (
    INTRODUCTION_FLOW,
    REFUSALS_TO_SUSPEND,
    FollowUp,
    Introduction,
    Profile,
    Visit,
)
from zhigong.matchmaking.moves import move_profile
from zhigong.members.choices import CardStatus
from zhigong.members.models import MemberCard
from zhigong.members.personal import id_index

FOLLOW_UP_AFTER = (dt.timedelta(days=3), dt.timedelta(weeks=3), dt.timedelta(days=90))


def _serving(actor: Actor, profile: Profile) -> None:
    permissions.require(permissions.can_serve(actor, profile), user=actor, profile=profile)


def _active(profile: Profile) -> None:
    if profile.status != ProfileStatus.ACTIVE:
        raise DomainError(_("该会员不在库中（未入库、已暂停或已终止服务）。"), code="not_active")


@service
def identity_check(
    *, actor: Actor, profile: Profile, card_number: str = "", id_number: str = ""
) -> Visit:
    """MM-3: the visitor shows their member card or ID card; it must be this member's."""
    _serving(actor, profile)
    card_number, id_number = card_number.strip(), id_number.strip().upper()
    if card_number:
        matches = MemberCard.objects.filter(
            number=card_number, member_id=profile.member_id, status=CardStatus.ACTIVE
        ).exists()
        method = VisitMethod.CARD
    elif id_number:
        matches = profile.member.id_number_index == id_index(id_number)
        method = VisitMethod.ID_NUMBER
    else:
        message = _("请输入会员卡号或身份证号。")
        raise DomainError(message, fields={"card_number": message})
    if not matches:
        audit_record(
            actor=actor, action="match_visit.mismatch", target=profile, union=profile.union
        )
        message = _("证件与该会员不符，不能提供服务。")
        raise DomainError(message, code="identity_mismatch", fields={"card_number": message})
    visit = Visit.objects.create(profile=profile, method=method, checked_by=acting_user(actor))
    audit_record(
        actor=actor,
        action="match_visit.check",
        target=profile,
        union=profile.union,
        changes={"method": [None, method]},
    )
    return visit


@service
def service_request(*, actor: Actor, profile: Profile, note: str = "") -> Visit:
    """The member asks online for candidates (logged in: their identity is their login)."""
    permissions.require(permissions.is_owner(actor, profile), user=actor, profile=profile)
    _active(profile)
    visit = Visit.objects.create(
        profile=profile, method=VisitMethod.ONLINE, checked_by=acting_user(actor), note=note[:500]
    )
    audit_record(actor=actor, action="match_visit.request", target=profile, union=profile.union)
    return visit


def checked_today(profile: Profile) -> Visit | None:
    """An identity check holds for the rest of the day it was made on."""
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return profile.visits.filter(created_at__gte=start).first()


def open_offers(profile: Profile) -> list[Introduction]:
    return list(
        profile.introductions.filter(status=IntroductionStatus.OFFERED).select_related("candidate")
    )


@service
def candidates_offer(
    *, actor: Actor, profile: Profile, candidate_ids: list[int]
) -> list[Introduction]:
    """Offer up to three screened candidates to the member (after today's identity check).
    Each must still pass the screening both ways: a stale page cannot offer someone who
    no longer fits."""
    _serving(actor, profile)
    _active(profile)
    if checked_today(profile) is None:
        raise DomainError(
            _("请先核实会员身份（会员卡或身份证号），或由会员本人在线申请。"), code="no_visit"
        )
    ids = list(dict.fromkeys(int(i) for i in candidate_ids))
    if not ids or len(ids) > screening.OFFER_COUNT:
        message = _("请选择 1 至 %(n)d 名预选对象。") % {"n": screening.OFFER_COUNT}
        raise DomainError(message, fields={"candidates": message})
    if open_offers(profile):
        raise DomainError(_("上一批预选对象还在等待会员选择。"), code="offers_open")
    eligible = screening.eligible_ids(profile, today=timezone.localdate(), among=ids)
    if set(ids) - eligible:
        message = _("有预选对象已不符合双方的条件，请重新筛选。")
        raise DomainError(message, fields={"candidates": message})
    made = Introduction.objects.bulk_create(
        Introduction(member=profile, candidate_id=pk, offered_by=acting_user(actor)) for pk in ids
    )
    Profile.objects.filter(pk__in=ids).update(recent_offers=F("recent_offers") + 1)
    figures.introduced(profile, "offered", count=len(made))
    audit_record(
        actor=actor,
        action="introduction.offer",
        target=profile,
        union=profile.union,
        changes={"candidates": [None, len(ids)]},
    )
    return made


def _either_side(actor: Actor, intro: Introduction, *, member_side: bool) -> None:
    """The member (or, for the answer, the candidate) themselves, or staff serving them."""
    own = intro.member if member_side else intro.candidate
    if permissions.is_owner(actor, own) or permissions.can_serve(actor, intro.member):
        return
    if permissions.can_serve(actor, intro.candidate):
        return
    raise NotFound()


@service
def candidate_choose(*, actor: Actor, introduction: Introduction) -> Introduction:
    """The member picks one of the offered candidates; the others of the batch lapse."""
    _either_side(actor, introduction, member_side=True)
    transition(
        introduction,
        INTRODUCTION_FLOW,
        IntroductionStatus.CHOSEN,
        actor=actor,
        union=introduction.member.union,
        commit=False,
    )
    introduction.chosen_at = timezone.now()
    introduction.save()
    figures.introduced(introduction.member, "chosen")
    for other in open_offers(introduction.member):
        transition(
            other,
            INTRODUCTION_FLOW,
            IntroductionStatus.PASSED,
            actor=actor,
            union=introduction.member.union,
        )
    return introduction


@service
def offers_pass(*, actor: Actor, profile: Profile) -> int:
    """The member chose none of the offered candidates: a refusal of the service."""
    permissions.require(
        permissions.is_owner(actor, profile) or permissions.can_serve(actor, profile),
        user=actor,
        profile=profile,
    )
    offers = open_offers(profile)
    if not offers:
        raise DomainError(_("没有待选择的预选对象。"), code="no_offers")
    for intro in offers:
        transition(
            intro, INTRODUCTION_FLOW, IntroductionStatus.PASSED, actor=actor, union=profile.union
        )
    return _count_refusal(actor=actor, profile=profile)


def _count_refusal(*, actor: Actor, profile: Profile) -> int:
    """One more refusal; the fifth (以上 includes five) suspends the profile at once."""
    Profile.objects.filter(pk=profile.pk).update(refusals=F("refusals") + 1)
    profile.refresh_from_db(fields=["refusals"])
    audit_record(
        actor=actor,
        action="match_profile.refusal",
        target=profile,
        union=profile.union,
        changes={"refusals": [profile.refusals - 1, profile.refusals]},
    )
    if profile.refusals >= REFUSALS_TO_SUSPEND and profile.status == ProfileStatus.ACTIVE:
        profile.suspended_at = timezone.now()
        move_profile(
            profile,
            ProfileStatus.SUSPENDED,
            actor=actor,
            union=profile.union,
            reason=_("拒绝服务达到五次"),
        )
        _withdraw_open(actor=actor, profile=profile)
    return profile.refusals


@service
def refusal_record(*, actor: Actor, profile: Profile, note: str = "") -> int:
    """Staff record a refusal of the service (the member turned down what was offered)."""
    _serving(actor, profile)
    return _count_refusal(actor=actor, profile=profile)


@service
def suspension_lift(*, actor: Actor, profile: Profile, reason: str) -> Profile:
    _serving(actor, profile)
    if not (reason or "").strip():
        message = _("请写明恢复服务的原因。")
        raise DomainError(message, fields={"reason": message})
    profile.refusals = 0
    profile.suspended_at = None
    move_profile(
        profile,
        ProfileStatus.ACTIVE,
        actor=actor,
        union=profile.union,
        reason=reason,
        from_=[ProfileStatus.SUSPENDED],
    )
    return profile


def _withdraw_open(*, actor: Actor, profile: Profile) -> None:
    """Offers and pending introductions of a profile that leaves the pool lapse, both ways."""
    pending = Introduction.objects.filter(
        Q(member=profile) | Q(candidate=profile), status__in=OPEN_INTRODUCTIONS
    ).select_related("member__union")
    for intro in pending:
        transition(
            intro, INTRODUCTION_FLOW, IntroductionStatus.WITHDRAWN, actor=actor, union=profile.union
        )


ANSWERS = {
    "meet": IntroductionStatus.MEET,
    "exchange": IntroductionStatus.EXCHANGED,
    "decline": IntroductionStatus.DECLINED,
}


@service
def introduction_answer(
    *,
    actor: Actor,
    introduction: Introduction,
    answer: str,
    reason: str = "",
    meeting_at: dt.datetime | None = None,
    meeting_place: str = "",
) -> Introduction:
    """The candidate's answer (MM-5), given by themselves on the portal or taken by staff on
    the phone: meet (a time and place), exchange contacts, or decline (a refusal of the
    service). A yes schedules the follow-ups; contacts pass only on an exchange."""
    _either_side(actor, introduction, member_side=False)
    if answer not in ANSWERS:
        message = _("请选择对方的答复。")
        raise DomainError(message, fields={"answer": message})
    to = ANSWERS[answer]
    now = timezone.now()
    if to == IntroductionStatus.MEET:
        if meeting_at is None or not meeting_place.strip():
            message = _("同意见面时请填写见面时间和地点。")
            raise DomainError(message, fields={"meeting_place": message})
        introduction.meeting_at, introduction.meeting_place = (
            meeting_at,
            meeting_place.strip()[:200],
        )
    if to == IntroductionStatus.DECLINED:
        introduction.decline_reason = (reason or "").strip()[:500]
    if to == IntroductionStatus.EXCHANGED:
        introduction.exchanged_at = now
    first_yes = (
        introduction.status == IntroductionStatus.CHOSEN and to != IntroductionStatus.DECLINED
    )
    introduction.answered_at = introduction.answered_at or now
    transition(introduction, INTRODUCTION_FLOW, to, actor=actor, union=introduction.member.union)
    figures.introduced(
        introduction.member,
        "declined" if to == IntroductionStatus.DECLINED else to,
        *(["agreed"] if first_yes else []),
    )
    if to == IntroductionStatus.DECLINED:
        _count_refusal(actor=actor, profile=introduction.candidate)
    elif first_yes:
        today = timezone.localdate()
        FollowUp.objects.bulk_create(
            FollowUp(introduction=introduction, due_on=today + after) for after in FOLLOW_UP_AFTER
        )
        member = introduction.member
        if member.first_introduced_at is None and member.entered_at is not None:
            figures.first_yes(member, (now - member.entered_at).days)
        Profile.objects.filter(pk=member.pk, first_introduced_at__isnull=True).update(
            first_introduced_at=now
        )
    return introduction


@service
def follow_up_record(*, actor: Actor, follow_up: FollowUp, note: str, wish: str = "") -> FollowUp:
    """How it goes (MM-6), and what the member now wants; staff may then screen again."""
    intro = follow_up.introduction
    permissions.require(
        permissions.can_serve(actor, intro.member), user=actor, profile=intro.member
    )
    if not (note or "").strip():
        message = _("请填写跟踪情况。")
        raise DomainError(message, fields={"note": message})
    follow_up.note, follow_up.wish = note.strip(), wish
    follow_up.done_at, follow_up.done_by = timezone.now(), acting_user(actor)
    follow_up.save()
    audit_record(
        actor=actor, action="follow_up.record", target=intro.member, union=intro.member.union
    )
    return follow_up


def contacts_passed(introduction: Introduction) -> bool:
    """Both sides said yes: the member by choosing, the candidate by exchanging contacts."""
    return introduction.status == IntroductionStatus.EXCHANGED
