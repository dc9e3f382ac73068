"""The door: staff read a member's card (the QR code on the member's card page, or the card
number typed) and record that the member came. The card is checked the one way every desk
checks it (``members.services.cards.card_holder``): valid only for an active card of an
active member, right now."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.masking import mask_name
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.events import figures, permissions
from zhigong.events.choices import ACTIVE_SIGNUP, CHECK_IN_OPEN, SignupStatus
from zhigong.events.models import SIGNUP_FLOW, Event, Signup
from zhigong.events.services.signups import card_holder_typed
from zhigong.members.models import Member
from zhigong.members.services.cards import card_holder


@dataclass(frozen=True)
class CheckIn:
    """What the door's page shows after a card is read."""

    name: str  # masked
    union: str
    signed_up: str  # the sign-up's status, "" when the member has none
    recorded: bool  # attendance recorded by this reading
    already: bool  # had been checked in before
    walk_in: bool


def _actor_user(actor: Actor) -> object | None:
    return actor if getattr(actor, "pk", None) else None


@service
def check_in(
    *, actor: Actor, event: Event, token: str = "", number: str = "", walk_in: bool = False
) -> CheckIn:
    """Read a card at ``event``'s door. A member with a place is checked in at once; one who
    is waiting or not signed up is shown as such, and checked in only when staff confirm a
    walk-in (``walk_in``: the place is given at the door)."""
    event = Event.objects.select_for_update().select_related("union").get(pk=event.pk)
    permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    if event.status not in CHECK_IN_OPEN:
        raise DomainError(_("该活动现在不能签到。"), code="check_in_closed")
    if not (token.strip() or number.strip()):
        message = _("请扫描会员卡二维码或输入卡号。")
        raise DomainError(message, fields={"number": message})
    member = card_holder(token=token) if token.strip() else card_holder_typed(number)
    if member is None:
        message = _("会员卡无效：卡号有误、二维码已过期，或卡已挂失、停用。")
        raise DomainError(message, fields={"number": message}, code="card_invalid")
    signup = (
        Signup.objects.select_for_update()
        .filter(event=event, member=member, status__in=ACTIVE_SIGNUP)
        .first()
    )
    shown = {"name": mask_name(member.name), "union": member.union.name}
    if signup is not None and signup.attended_at is not None:
        return CheckIn(
            **shown, signed_up=signup.status, recorded=False, already=True, walk_in=signup.walk_in
        )
    new_place = signup is None or signup.status == SignupStatus.WAITING
    if new_place and not walk_in:
        status = signup.status if signup else ""
        return CheckIn(**shown, signed_up=status, recorded=False, already=False, walk_in=False)
    if new_place:
        signup = _walk_in(actor, event, member, signup)
    assert signup is not None
    signup.attended_at = timezone.now()
    signup.checked_in_by = _actor_user(actor)  # type: ignore[assignment]
    signup.save(update_fields=["attended_at", "checked_in_by", "walk_in", "updated_at"])
    signup.event = event
    figures.checked_in(signup, new_place=new_place)
    audit_record(
        actor=actor,
        action="event_signup.check_in",
        target=signup,
        union=event.union,
        changes={"attended": [False, True]},
    )
    return CheckIn(
        **shown, signed_up=signup.status, recorded=True, already=False, walk_in=signup.walk_in
    )


def _walk_in(actor: Actor, event: Event, member: Member, waiting: Signup | None) -> Signup:
    """A place given at the door: to someone waiting, or to someone not signed up at all."""
    if waiting is not None:
        waiting.walk_in = True
        transition(
            waiting,
            SIGNUP_FLOW,
            SignupStatus.CONFIRMED,
            actor=actor,
            union=event.union,
            action="event_signup.walk_in",
        )
        waiting.event = event
        figures.signup_moved(waiting, SignupStatus.WAITING)
        return waiting
    signup = Signup.objects.create(
        event=event,
        member=member,
        gender=member.gender,
        status=SignupStatus.CONFIRMED,
        walk_in=True,
    )
    signup.event = event
    figures.signup_moved(signup, None)
    audit_record(
        actor=actor,
        action="event_signup.walk_in",
        target=signup,
        union=event.union,
        changes={"status": [None, SignupStatus.CONFIRMED]},
    )
    return signup
