"""Check-in at the door by the member card (its QR token or its number), the counselling
record (staff only, encrypted), and the attendance list's export (masked unless revealed)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.models import AccessLog
from zhigong.events.choices import EventKind, SignupStatus
from zhigong.events.exports import attendance_export
from zhigong.events.models import CounsellingRecord, Signup
from zhigong.events.services.checkin import check_in
from zhigong.events.services.counselling import counselling_record
from zhigong.events.services.organise import EventInput, event_create, event_move
from zhigong.events.services.signups import signup_create
from zhigong.events.tests.conftest import card_number, card_of
from zhigong.members.services.cards import card_set_suspended, card_token


def test_check_in_by_number_and_by_qr_token(cast, members, new_event):
    event = new_event(capacity=5)
    a, b = members(name="王小明"), members(name="刘大海")
    signup_create(actor=a.user, event=event)
    signup_create(actor=b.user, event=event)
    staff = cast.users["street_staff"]
    spaced = " ".join([card_number(a)[:4], card_number(a)[4:]])
    result = check_in(actor=staff, event=event, number=spaced)
    assert (result.name, result.recorded, result.already) == ("王*明", True, False)
    assert check_in(actor=staff, event=event, number=card_number(a)).already
    token = card_token(card_of(b))
    assert check_in(actor=staff, event=event, token=token).recorded
    # a hand-held scanner types the token where the number goes
    assert check_in(actor=staff, event=event, number=token).already
    assert Signup.objects.filter(event=event, attended_at__isnull=False).count() == 2


def test_not_signed_up_or_waiting_is_shown_then_a_walk_in_on_confirmation(cast, members, new_event):
    event = new_event(capacity=1)
    a, b, c = members(), members(), members()
    signup_create(actor=a.user, event=event)
    signup_create(actor=b.user, event=event)  # waiting
    staff = cast.users["street_staff"]
    shown = check_in(actor=staff, event=event, number=card_number(b))
    assert (shown.signed_up, shown.recorded) == (SignupStatus.WAITING, False)
    shown = check_in(actor=staff, event=event, number=card_number(c))
    assert (shown.signed_up, shown.recorded) == ("", False)
    assert not Signup.objects.filter(member=c).exists()
    made = check_in(actor=staff, event=event, number=card_number(c), walk_in=True)
    assert made.recorded and made.walk_in
    walked = Signup.objects.get(member=c)
    assert walked.status == SignupStatus.CONFIRMED and walked.walk_in
    assert check_in(actor=staff, event=event, number=card_number(b), walk_in=True).recorded


def test_invalid_cards_and_out_of_scope_staff(cast, members, new_event):
    event = new_event()
    a = members()
    signup_create(actor=a.user, event=event)
    staff = cast.users["street_staff"]
    for number in ("1234567812345678", "abc", card_number(a)[:-1]):
        with pytest.raises(DomainError) as exc:
            check_in(actor=staff, event=event, number=number)
        assert exc.value.code == "card_invalid"
    with pytest.raises(DomainError):
        check_in(actor=staff, event=event, token="forged")
    with pytest.raises(DomainError):
        check_in(actor=staff, event=event)
    card_set_suspended(actor=SYSTEM, card=card_of(a), suspended=True, reason="挂失")
    with pytest.raises(DomainError):
        check_in(actor=staff, event=event, number=card_number(a))
    card_set_suspended(actor=SYSTEM, card=card_of(a), suspended=False, reason="找回")
    for outsider in ("other_admin", "officer", "member", "city_org"):
        with pytest.raises(NotFound):
            check_in(actor=cast.users[outsider], event=event, number=card_number(a))
    assert not Signup.objects.filter(attended_at__isnull=False).exists()


def test_counselling_record_is_for_counselling_staff_only_and_encrypted(cast, members, new_event):
    event = new_event(kind=EventKind.COUNSELLING)
    staff = cast.users["street_staff"]
    with pytest.raises(DomainError, match="举办后"):
        counselling_record(actor=staff, event=event, topic="婚恋观", counsellor="李老师")
    event_move(actor=staff, event=event, step="held")
    for other in ("city_admin", "district_admin", "officer"):  # event.manage, no event.counsel
        with pytest.raises(NotFound):
            counselling_record(
                actor=cast.users[other], event=event, topic="x", counsellor="y", notes="z"
            )
    assert not CounsellingRecord.objects.exists()
    counselling_record(
        actor=staff, event=event, topic="婚恋观", counsellor="李老师（专家）", notes="两人焦虑"
    )
    stored = CounsellingRecord.objects.get(event=event)
    assert "焦虑" not in stored.notes_encrypted and stored.notes == "两人焦虑"


def test_only_counselling_staff_organise_counselling(cast):
    data = EventInput(
        kind=EventKind.COUNSELLING,
        title="咨询",
        starts_at=timezone.now() + dt.timedelta(days=1),
        place="x",
        capacity=5,
        audience="subtree",
    )
    with pytest.raises(PermissionDenied):  # their own union: in sight, not theirs to do
        event_create(actor=cast.users["officer"], union=cast.unions["GA"], data=data)
    with pytest.raises(NotFound):
        event_create(actor=cast.users["officer"], union=cast.unions["GB"], data=data)
    data.kind = EventKind.MIXER
    assert event_create(actor=cast.users["officer"], union=cast.unions["GA"], data=data).pk


def _rows(stream: io.BytesIO) -> list[list[Any]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(stream.getvalue()))
    return book.get_sheet_by_index(0).to_python()


def test_export_is_masked_unless_revealed_with_a_reason(cast, members, new_event):
    event = new_event()
    a = members(name="=HYPERLINK(1)")
    signup_create(actor=a.user, event=event)
    stream = io.BytesIO()
    attendance_export(actor=cast.users["district_admin"], event=event, stream=stream)
    row = _rows(stream)[1]
    assert row[1] != "=HYPERLINK(1)" and "*" in str(row[1])
    assert "*" in str(row[3])
    with pytest.raises(PermissionDenied):  # an administrator does not reveal
        attendance_export(
            actor=cast.users["district_admin"], event=event, stream=io.BytesIO(),
            reveal=True, reason="核对",
        )  # fmt: skip
    staff = cast.users["street_staff"]
    with pytest.raises(DomainError):
        attendance_export(actor=staff, event=event, stream=io.BytesIO(), reveal=True)
    stream = io.BytesIO()
    attendance_export(actor=staff, event=event, stream=stream, reveal=True, reason="保险登记")
    row = _rows(stream)[1]
    assert row[1] == "=HYPERLINK(1)"  # as text, never a formula
    assert str(row[3]).startswith("139") and "*" not in str(row[3])
    log = AccessLog.objects.get(subject_id=str(event.pk))
    assert log.channel == "event-export" and "保险登记" in log.reason
