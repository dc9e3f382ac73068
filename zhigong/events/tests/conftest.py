"""Fixtures of the events tests: more members (with accounts and cards) at the cast's unions,
and events organised by the cast's unions."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.events.choices import EventKind
from zhigong.events.models import Event
from zhigong.events.services.organise import EventInput, event_create, event_move
from zhigong.members.models import Member, MemberCard
from zhigong.members.services.cards import card_activate, card_issue, current_card
from zhigong.members.services.registry import PersonInput, check_person, member_create
from zhigong.testing.cast import PASSWORD, Cast, cast_id_number

_serial = itertools.count(100)


def make_member(cast: Cast, code: str, gender: str = "male", name: str = "") -> Member:
    """An active member at ``code`` with an account (its username: ``m<n>``) and an active
    card; the gender is the ID number's (its 17th digit: odd for men)."""
    n = next(_serial)
    sequence = f"{n % 100:02d}{1 if gender == 'male' else 2}"
    body = f"420102{1980 + n % 20}0{1 + n % 9}1{n % 10}{sequence}"
    person, errors = check_person(
        PersonInput(
            name=name or f"会员{n}",
            id_number=cast_id_number(body),
            phone=f"139{n:08d}",
            ethnicity="汉族",
        )
    )
    assert person is not None, errors
    user = user_create(
        actor=SYSTEM, username=f"m{n}", password=PASSWORD, full_name=person.name,
        check_password=False,
    )  # fmt: skip
    member = member_create(actor=SYSTEM, person=person, union=cast.unions[code], user=user)
    card_activate(actor=SYSTEM, card=card_issue(actor=SYSTEM, member=member))
    assert member.gender == gender
    return member


def card_of(member: Member) -> MemberCard:
    card = current_card(member)
    assert card is not None
    return card


def card_number(member: Member) -> str:
    return card_of(member).number


def user_of(member: Member) -> User:
    assert member.user is not None
    return member.user


@pytest.fixture
def members(cast: Cast) -> Callable[..., Member]:
    def made(code: str = "GA", gender: str = "male", name: str = "") -> Member:
        return make_member(cast, code, gender, name)

    return made


@pytest.fixture
def new_event(cast: Cast) -> Callable[..., Event]:
    """``new_event(code="SA", capacity=2, publish=True, **fields)``: an event of the cast."""

    def made(
        code: str = "SA", *, publish: bool = True, kind: str = EventKind.MIXER, **fields: Any
    ) -> Event:
        values: dict[str, Any] = {
            "kind": kind,
            "title": "青年职工联谊会",
            "starts_at": timezone.now() + dt.timedelta(days=7),
            "place": "职工之家",
            "capacity": 2,
            "audience": "subtree",
            **fields,
        }
        event = event_create(actor=SYSTEM, union=cast.unions[code], data=EventInput(**values))
        if publish:
            event = event_move(actor=SYSTEM, event=event, step="publish")
        return event

    return made
