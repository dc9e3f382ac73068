"""Organising an event: create and edit it (a draft until published), and move it through
its states (``EVENT_FLOW``). Cancelling tells every member signed up or waiting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.events import audiences, figures, permissions
from zhigong.events.choices import EventKind, EventStatus, SignupStatus
from zhigong.events.models import EVENT_FLOW, Event
from zhigong.events.notices import tell_members
from zhigong.events.waiting import promote_waiting
from zhigong.unions import policy
from zhigong.unions.models import Union

TITLE_MAX = 100
DESCRIPTION_MAX = 5000


@dataclass
class EventInput:
    kind: str
    title: str
    starts_at: dt.datetime
    place: str
    capacity: int
    audience: str
    description: str = ""
    ends_at: dt.datetime | None = None
    signup_opens_at: dt.datetime | None = None
    signup_closes_at: dt.datetime | None = None
    male_cap: int | None = None
    female_cap: int | None = None


def _check(data: EventInput) -> None:
    errors: dict[str, str] = {}
    if data.kind not in EventKind.values:
        errors["kind"] = _("请选择活动类型。")
    if not data.title.strip():
        errors["title"] = _("请填写活动名称。")
    elif len(data.title) > TITLE_MAX:
        errors["title"] = _("不能超过 %(n)d 个字。") % {"n": TITLE_MAX}
    if len(data.description) > DESCRIPTION_MAX:
        errors["description"] = _("不能超过 %(n)d 个字。") % {"n": DESCRIPTION_MAX}
    if not data.place.strip():
        errors["place"] = _("请填写活动地点。")
    if audiences.get(data.audience) is None:
        errors["audience"] = _("请选择报名范围。")
    if data.capacity is None or data.capacity < 1:
        errors["capacity"] = _("名额至少为 1。")
    for name, cap in (("male_cap", data.male_cap), ("female_cap", data.female_cap)):
        if cap is not None and (cap < 0 or (data.capacity and cap > data.capacity)):
            errors[name] = _("性别名额上限应在 0 到总名额之间。")
    if data.ends_at and data.ends_at <= data.starts_at:
        errors["ends_at"] = _("结束时间应晚于开始时间。")
    if data.signup_closes_at and data.signup_closes_at > data.starts_at:
        errors["signup_closes_at"] = _("报名截止时间不能晚于活动开始时间。")
    if (
        data.signup_opens_at
        and data.signup_closes_at
        and data.signup_opens_at >= data.signup_closes_at
    ):
        errors["signup_opens_at"] = _("报名开始时间应早于报名截止时间。")
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)


def _values(data: EventInput) -> dict[str, object]:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values["title"] = data.title.strip()
    values["place"] = data.place.strip()
    values["description"] = data.description.strip()
    return values


@service
def event_create(*, actor: Actor, union: Union, data: EventInput) -> Event:
    """A new event organised by ``union``, a draft until it is published."""
    policy.require(permissions.can_organise(actor, union, data.kind), user=actor, union=union)
    if not union.is_active:
        raise DomainError(_("该工会已停用，不能举办活动。"), code="union_inactive")
    _check(data)
    # The platform (SYSTEM: the demo, a command) has no account to name.
    event = Event.objects.create(
        union=union, created_by_id=getattr(actor, "pk", None), **_values(data)
    )
    audit_record(actor=actor, action="event.create", target=event, union=union)
    figures.event_created(event)
    return event


@service
def event_update(*, actor: Actor, event: Event, data: EventInput) -> Event:
    """Change an event not yet over. More places (or higher caps) let the waiting list in."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    if event.status in (EventStatus.HELD, EventStatus.CLOSED, EventStatus.CANCELLED):
        raise DomainError(_("活动已举办、结束或取消，不能再修改。"), code="event_over")
    if data.kind != event.kind and EventKind.COUNSELLING in (data.kind, event.kind):
        raise DomainError(
            _("辅导咨询活动与其他活动不能互相改类型。"), fields={"kind": _("不能改为此类型。")}
        )
    _check(data)
    changes = {}
    for name, value in _values(data).items():
        old = getattr(event, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value)]
            setattr(event, name, value)
    taken = event.signups.filter(status=SignupStatus.CONFIRMED).count()
    if event.capacity < taken:
        message = _("已有 %(n)d 人报名，名额不能少于此数。") % {"n": taken}
        raise DomainError(message, fields={"capacity": message})
    event.save()
    audit_record(
        actor=actor, action="event.update", target=event, union=event.union, changes=changes
    )
    if event.status == EventStatus.PUBLISHED:
        promote_waiting(actor=actor, event=event)
    return event


# The steps staff take on an event, and the word each is recorded with.
MOVES = {
    "publish": EventStatus.PUBLISHED,
    "close_signup": EventStatus.SIGNUP_CLOSED,
    "reopen_signup": EventStatus.PUBLISHED,
    "held": EventStatus.HELD,
    "close": EventStatus.CLOSED,
    "cancel": EventStatus.CANCELLED,
}


@service
def event_move(*, actor: Actor, event: Event, step: str, reason: str = "") -> Event:
    """Publish, close or reopen sign-up, mark held, close, or cancel (with a reason: the
    members signed up or waiting are told)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    permissions.require(permissions.can_manage_event(actor, event), user=actor, event=event)
    to = MOVES.get(step)
    if to is None:
        raise DomainError(_("不支持的操作。"), code="bad_step")
    reason = reason.strip()
    if to == EventStatus.CANCELLED and not reason:
        message = _("取消活动须说明原因，报名的会员会收到通知。")
        raise DomainError(message, fields={"reason": message})
    if to == EventStatus.PUBLISHED and event.starts_at <= timezone.now():
        raise DomainError(_("活动开始时间已过，不能发布或重新开放报名。"), code="event_started")
    old = transition(
        event,
        EVENT_FLOW,
        to,
        actor=actor,
        union=event.union,
        action=f"event.{step}",
        reason=reason,
    )
    figures.event_moved(event, old)
    if to == EventStatus.CANCELLED:
        tell_members(
            event,
            title=_("活动已取消：%(title)s") % {"title": event.title},
            body=reason,
        )
    elif step == "reopen_signup":
        promote_waiting(actor=actor, event=event)
    return event
