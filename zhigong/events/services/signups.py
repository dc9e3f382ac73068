"""Members' sign-ups: a place while there is one (within the gender cap, if the event has
one), else the waiting list; cancelling frees the place for the first on the waiting list
who fits.

Every step that gives or frees a place first locks the event's row (``select_for_update``;
SQLite takes its write lock at ``BEGIN IMMEDIATE``), so two sign-ups at the same moment
are counted one after the other and an event is never over-filled. A member holds at most
one active sign-up per event (a unique constraint, for the same member twice at once)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, SystemActor, same_person
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.events import audiences, figures, permissions
from zhigong.events.choices import ACTIVE_SIGNUP, EventStatus, SignupStatus
from zhigong.events.models import SIGNUP_FLOW, Event, Signup
from zhigong.events.waiting import has_place, promote_waiting
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.services.cards import card_holder


def active_member_of(user: Any) -> Member | None:
    if isinstance(user, SystemActor) or not getattr(user, "pk", None):
        return None
    return (
        Member.objects.select_related("union", "user")
        .filter(user=user, status=MemberStatus.ACTIVE)
        .first()
    )


def in_audience(event: Event, member: Member | None) -> bool:
    audience = audiences.get(event.audience)
    return member is not None and audience is not None and audience.admits(event, member)


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().select_related("union").get(pk=event.pk)


def signup_open_problem(event: Event) -> str:
    """Why sign-up is not open now ('' when it is)."""
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return _("该活动现在不接受报名。")
    if event.signup_opens_at and now < event.signup_opens_at:
        return _("报名尚未开始。")
    if (event.signup_closes_at and now > event.signup_closes_at) or now >= event.starts_at:
        return _("报名已截止。")
    return ""


@service
def signup_create(*, actor: Actor, event: Event) -> Signup:
    """The member signs up for ``event``: a place if one is free, else the waiting list.
    An event outside the member's audience is unknown to them (404)."""
    member = active_member_of(actor)
    if member is None:
        raise DomainError(_("只有正常状态的会员可以报名参加活动。"), code="not_a_member")
    event = _lock(event)
    if event.status == EventStatus.DRAFT or not in_audience(event, member):
        raise NotFound()
    return _sign_up(actor, event, member, already=_("您已报名该活动。"))


@service
def signup_enter(*, actor: Actor, event: Event, number: str) -> Signup:
    """Staff who run ``event`` sign a member up on their behalf (a member without an
    account, who asked at the counter or by phone), found by the member card's number or
    QR token: the same places, caps and waiting list as a sign-up of their own."""
    event = _lock(event)
    permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    member = card_holder_typed(number)
    if member is None:
        message = _("会员卡无效：卡号有误、二维码已过期，或卡已挂失、停用。")
        raise DomainError(message, fields={"number": message}, code="card_invalid")
    if not in_audience(event, member):
        message = _("该会员不在本活动的报名范围内。")
        raise DomainError(message, fields={"number": message}, code="not_in_audience")
    return _sign_up(actor, event, member, already=_("该会员已报名本活动。"))


def _sign_up(actor: Actor, event: Event, member: Member, *, already: str) -> Signup:
    """A place if one is free, else the waiting list (the event locked, the audience
    checked)."""
    problem = signup_open_problem(event)
    if problem:
        raise DomainError(problem, code="signup_closed")
    if event.signups.filter(member=member, status__in=ACTIVE_SIGNUP).exists():
        raise DomainError(already, code="already_signed_up")
    status = SignupStatus.CONFIRMED if has_place(event, member.gender) else SignupStatus.WAITING
    try:
        with transaction.atomic():
            signup = Signup.objects.create(
                event=event, member=member, gender=member.gender, status=status
            )
    except IntegrityError as exc:  # the same member twice at the same moment
        raise DomainError(already, code="already_signed_up") from exc
    figures.signup_moved(signup, None)
    audit_record(
        actor=actor,
        action="event_signup.create",
        target=signup,
        union=event.union,
        changes={"status": [None, str(status)]},
    )
    return signup


def card_holder_typed(text: str) -> Member | None:
    """The member of a card number typed, or of the QR token a hand-held scanner typed into
    the same box (anything that is not digits)."""
    text = text.strip()
    if not text:
        return None
    if "".join(text.split()).isdigit():
        return card_holder(number=text)
    return card_holder(token=text)


def is_own(user: Any, signup: Signup) -> bool:
    return signup.member.user_id is not None and same_person(user, signup.member.user_id)


@service
def signup_cancel(*, actor: Actor, signup: Signup, reason: str = "") -> Signup:
    """The member (or staff who run the event) cancels a sign-up; a freed place goes to the
    waiting list in order."""
    event = _lock(signup.event)
    signup = Signup.objects.select_for_update().select_related("member").get(pk=signup.pk)
    signup.event = event
    own = is_own(actor, signup)
    if not own:
        permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED):
        raise DomainError(_("活动已举办或已取消，不能再取消报名。"), code="event_over")
    if signup.attended_at is not None:
        raise DomainError(_("已签到，不能取消报名。"), code="attended")
    freed = signup.status == SignupStatus.CONFIRMED
    old = transition(
        signup,
        SIGNUP_FLOW,
        SignupStatus.CANCELLED,
        actor=actor,
        union=event.union,
        action="event_signup.cancel",
        reason=reason.strip(),
        message=_("该报名已取消。"),
    )
    figures.signup_moved(signup, old)
    if freed:
        promote_waiting(actor=actor, event=event)
    return signup
