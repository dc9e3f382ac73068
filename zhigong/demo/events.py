"""Demo events: mixers and get-togethers of the city, a district and a street, a counselling
session of the city's women workers' department with its record, in every state (a draft,
open for sign-up with a waiting list, held with people checked in at the door, closed,
cancelled).

They go through the events services, with the demo's staff accounts where they exist (the
audit log reads as real work); people at the door are checked in by their card numbers, as
walk-ins, since the demo's members (but 王磊) have no accounts to sign up with. Then the held
events' dates are moved back. Deterministic for a seed and idempotent: once the demo tree
holds events, nothing is added."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.events.choices import EventKind
from zhigong.events.models import Event, Signup
from zhigong.events.services.checkin import check_in
from zhigong.events.services.counselling import counselling_record
from zhigong.events.services.organise import EventInput, event_create, event_move
from zhigong.events.services.signups import signup_create
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.models import MemberCard
from zhigong.unions.models import Union


@dataclass
class EventsResult:
    created: int = 0
    signups: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class _Plan:
    union: str  # the organising union's code, below the city's
    kind: str
    title: str
    place: str
    days: int  # from today: negative for an event held in the past
    capacity: int
    audience: str = "subtree"
    state: str = "published"  # draft, published, held, closed, cancelled
    caps: tuple[int, int] | None = None
    organiser: str = ""  # the demo login who runs it
    description: str = ""


def _plans() -> list[_Plan]:
    city = data.CITY_CODE
    jiangan = f"{city}-420102"
    return [
        _Plan(city, EventKind.MIXER, "“缘聚江城”全市单身职工七夕联谊会", "武汉市职工文化宫",
              21, 80, "federation", caps=(40, 40), organiser="city_women",
              description="游园、破冰游戏、自助茶歇。男女名额各 40 名，额满进入候补。"),
        _Plan(jiangan, EventKind.GET_TOGETHER, "江岸区青年职工见面会", "江岸区职工服务中心三楼",
              10, 1, organiser="jiangan_centre",
              description="小型见面会，每期一人，报名后工作人员电话联系确认。"),
        _Plan(f"{jiangan}-S01", EventKind.MIXER, "大智街道“春日踏青”联谊活动", "解放公园东门",
              -20, 30, state="closed", organiser="dazhi_centre"),
        _Plan(city, EventKind.COUNSELLING, "婚恋观与沟通技巧辅导讲座", "武汉市职工服务中心",
              -7, 50, "federation", state="held", organiser="city_women"),
        _Plan(jiangan, EventKind.MIXER, "江岸区职工羽毛球联谊赛", "江岸区体育馆",
              5, 40, state="cancelled", organiser="jiangan_centre"),
        _Plan(city, EventKind.GET_TOGETHER, "金秋读书分享见面会", "武汉图书馆报告厅",
              30, 60, "federation", state="draft", organiser="city_women"),
    ]  # fmt: skip


def events_loaded() -> bool:
    return Event.objects.filter(union__code__startswith=data.CITY_CODE).exists()


def seed_events(*, seed: int = 1, say: Callable[[str], None] | None = None) -> EventsResult:
    started = time.perf_counter()
    result = EventsResult()
    if events_loaded() or not Union.objects.filter(code=data.CITY_CODE).exists():
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    rng = random.Random(f"{seed}/events")
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERS)}
    with transaction.atomic():
        for plan in _plans():
            union = Union.objects.filter(code=plan.union).first()
            if union is None:
                continue
            actor = users.get(plan.organiser, SYSTEM)
            event = _event(plan, union, actor)
            result.created += 1
            result.signups += _walk(event, plan, actor, users, rng)
    if say:
        say(f"demo events: {result.created}, sign-ups {result.signups}")
    result.seconds = time.perf_counter() - started
    return result


_DEMO_USERS = ("city_women", "jiangan_centre", "dazhi_centre", "member_wang")


def _event(plan: _Plan, union: Union, actor: Any) -> Event:
    # Held events are made as if tomorrow's, run, then moved back to their day.
    days = plan.days if plan.days > 0 else 1
    starts = timezone.localtime().replace(hour=14, minute=30, second=0, microsecond=0)
    starts += dt.timedelta(days=days)
    male, female = plan.caps or (None, None)
    return event_create(
        actor=actor,
        union=union,
        data=EventInput(
            kind=plan.kind,
            title=plan.title,
            description=plan.description,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            place=plan.place,
            capacity=plan.capacity,
            audience=plan.audience,
            male_cap=male,
            female_cap=female,
        ),
    )


def _cards(event: Event, rng: random.Random, count: int) -> list[str]:
    """Card numbers of active members of the event's subtree, for people at the door."""
    numbers = list(
        MemberCard.objects.filter(
            status=CardStatus.ACTIVE,
            member__status=MemberStatus.ACTIVE,
            member__union__path__startswith=event.union.path,
        )
        .order_by("id")
        .values_list("number", flat=True)[:400]
    )
    return rng.sample(numbers, min(count, len(numbers)))


def _walk(event: Event, plan: _Plan, actor: Any, users: dict[str, Any], rng: random.Random) -> int:
    if plan.state == "draft":
        return 0
    event = event_move(actor=actor, event=event, step="publish")
    signups = 0
    wang = users.get("member_wang")
    if wang is not None and plan.state in ("published", "cancelled"):
        signup_create(actor=wang, event=event)
        signups += 1
    if plan.state == "cancelled":
        event_move(
            actor=actor, event=event, step="cancel", reason="场馆临时检修，活动取消，另行通知。"
        )
        return signups
    if plan.state == "published":
        return signups
    for number in _cards(event, rng, rng.randint(12, 24)):
        check_in(actor=actor, event=event, number=number, walk_in=True)
        signups += 1
    event = event_move(actor=actor, event=event, step="held")
    if plan.kind == EventKind.COUNSELLING:
        counselling_record(
            actor=actor,
            event=event,
            topic="婚恋观与沟通技巧",
            counsellor="武汉市婚姻家庭咨询师 罗敏（特邀专家）",
            notes="到场职工关注：择偶标准与父母意见的分歧、异地工作的相处。建议下期开设一对一咨询。",
        )
    if plan.state == "closed":
        event = event_move(actor=actor, event=event, step="close")
    # Back to the day it was held; the walk-ins came through the door in its first half hour.
    starts = event.starts_at - dt.timedelta(days=1 - plan.days)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
    )
    for pk in Signup.objects.filter(event=event).values_list("pk", flat=True):
        at = starts + dt.timedelta(minutes=rng.randint(-20, 30))
        Signup.objects.filter(pk=pk).update(created_at=at, attended_at=at)
    return signups
