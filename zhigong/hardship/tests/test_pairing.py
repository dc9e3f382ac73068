"""One-to-one pairs: staff pair, a volunteer chooses and staff confirm (never the volunteer),
visits, the 30-day alert at its boundary with a fixed clock, the reminder sent once, a
volunteer leaving (their workers move to the unpaired list), handover with history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.hardship import selectors
from zhigong.hardship.models import HardshipFile, Pairing, Visit
from zhigong.hardship.services.alerts import remind_overdue
from zhigong.hardship.services.pairing import (
    Agreement,
    pairing_choose,
    pairing_create,
    pairing_decide,
    pairing_handover,
    visit_log,
)
from zhigong.hardship.tests.conftest import approved_volunteer, make_file, other_volunteer
from zhigong.hardship.todo import staff_todo
from zhigong.notifications.models import Notification
from zhigong.testing.cast import Cast
from zhigong.volunteers.services.registration import volunteer_leave

TODAY = dt.date(2026, 6, 15)


def agreement(starts_on: dt.date | None = None) -> Agreement:
    return Agreement("代购药品", "weekly", starts_on or timezone.localdate())


def test_staff_pair_an_approved_volunteer_and_the_file_leaves_the_unpaired_list(
    cast: Cast, file: HardshipFile, volunteer
):
    officer = cast.users["officer"]
    assert list(selectors.unpaired(officer)) == [file]
    pair = pairing_create(actor=officer, file=file, volunteer=volunteer, agreement=agreement())
    assert pair.status == "active" and pair.decided_by == officer
    assert list(selectors.unpaired(officer)) == []
    with pytest.raises(Conflict):  # one volunteer holds a file at a time
        pairing_create(
            actor=officer, file=file, volunteer=other_volunteer(cast), agreement=agreement()
        )


def test_a_volunteer_outside_the_files_area_or_not_approved_is_refused(cast: Cast):
    file_gb = make_file(cast, "GB")
    with pytest.raises(DomainError):  # 张伟 serves DA; GB is in DB
        pairing_create(
            actor=SYSTEM, file=file_gb, volunteer=approved_volunteer(cast), agreement=agreement()
        )
    assert Pairing.objects.count() == 0


def test_a_volunteer_chooses_an_offer_and_someone_else_confirms(
    cast: Cast, file: HardshipFile, volunteer
):
    member = cast.users["member"]
    assert list(selectors.offers_for(volunteer)) == [file]
    pair = pairing_choose(actor=member, volunteer=volunteer, file=file, agreement=agreement())
    assert pair.status == "requested"
    assert list(selectors.offers_for(volunteer)) == []  # held while it waits
    # whoever asks never approves
    with pytest.raises(PermissionDenied):
        pairing_decide(actor=member, pairing=pair, approve=True)
    assert list(selectors.requests_for(cast.users["officer"])) == [pair]
    pairing_decide(actor=cast.users["officer"], pairing=pair, approve=True)
    pair.refresh_from_db()
    assert pair.status == "active" and pair.decided_by == cast.users["officer"]


def test_a_declined_choice_needs_a_reason_and_frees_the_file(cast: Cast, file, volunteer):
    pair = pairing_choose(
        actor=cast.users["member"], volunteer=volunteer, file=file, agreement=agreement()
    )
    with pytest.raises(DomainError):
        pairing_decide(actor=cast.users["officer"], pairing=pair, approve=False)
    pairing_decide(actor=cast.users["officer"], pairing=pair, approve=False, reason="距离太远")
    assert list(selectors.offers_for(volunteer)) == [file]


def test_someone_else_cannot_choose_for_a_volunteer(cast: Cast, file, volunteer):
    with pytest.raises(NotFound):
        pairing_choose(
            actor=cast.users["officer"], volunteer=volunteer, file=file, agreement=agreement()
        )


def test_the_volunteer_logs_a_visit_and_it_moves_the_alert(cast: Cast, volunteer):
    start = timezone.localdate() - dt.timedelta(days=40)
    pair = pairing_create(
        actor=SYSTEM, file=make_file(cast), volunteer=volunteer, agreement=agreement(start)
    )
    assert list(selectors.overdue_for(cast.users["officer"])) == [pair]
    visit_log(
        actor=cast.users["member"],
        pairing=pair,
        visited_on=timezone.localdate(),
        minutes=90,
        what="代购药品，陪同复诊",
        satisfaction="satisfied",
    )
    pair.refresh_from_db()
    assert pair.last_seen_on == timezone.localdate()
    assert list(selectors.overdue_for(cast.users["officer"])) == []
    with pytest.raises(DomainError):  # not in the future
        visit_log(
            actor=cast.users["member"],
            pairing=pair,
            visited_on=timezone.localdate() + dt.timedelta(days=1),
            minutes=30,
            what="x",
            satisfaction="satisfied",
        )
    with pytest.raises(NotFound):  # another district's officer
        visit_log(
            actor=cast.users["other_officer"],
            pairing=pair,
            visited_on=timezone.localdate(),
            minutes=30,
            what="x",
            satisfaction="satisfied",
        )
    assert Visit.objects.count() == 1


@pytest.mark.parametrize(("days", "overdue"), [(29, False), (30, True), (31, True)])
def test_the_30_day_alert_boundary_with_a_fixed_clock(cast: Cast, volunteer, days, overdue):
    pair = pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=volunteer,
        agreement=agreement(TODAY - dt.timedelta(days=days)),
    )
    assert (pair in selectors.overdue_for(cast.users["officer"], TODAY)) is overdue
    assert (pair in selectors.overdue_pairs(TODAY)) is overdue


def test_the_reminder_is_sent_once_per_silence(cast: Cast, volunteer):
    pair = pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=volunteer,
        agreement=agreement(TODAY - dt.timedelta(days=35)),
    )
    before = Notification.objects.count()
    assert remind_overdue(TODAY) == 1
    assert remind_overdue(TODAY) == 0  # run again: nothing more
    assert remind_overdue(TODAY + dt.timedelta(days=1)) == 0
    assert Notification.objects.count() == before + 1
    # a visit, then another silence: reminded again
    Pairing.objects.filter(pk=pair.pk).update(last_seen_on=TODAY - dt.timedelta(days=1))
    assert remind_overdue(TODAY + dt.timedelta(days=40)) == 1


def test_overdue_pairs_are_on_the_workbench_todo(cast: Cast, volunteer):
    pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=volunteer,
        agreement=agreement(timezone.localdate() - dt.timedelta(days=31)),
    )
    items = {str(i.label): i for i in staff_todo(cast.users["officer"])}
    assert items["一助一结对超过30天未走访"].count == 1
    assert items["一助一结对超过30天未走访"].urgent
    other = {str(i.label): i.count for i in staff_todo(cast.users["other_officer"])}
    assert other.get("一助一结对超过30天未走访", 0) == 0


def test_a_leaving_volunteers_workers_move_to_the_unpaired_list(cast: Cast, pair: Pairing):
    officer = cast.users["officer"]
    assert list(selectors.unpaired(officer)) == []
    with pytest.raises(DomainError):  # a reason is needed
        volunteer_leave(actor=cast.users["member"], volunteer=pair.volunteer, reason="")
    volunteer_leave(actor=cast.users["member"], volunteer=pair.volunteer, reason="工作调动")
    pair.refresh_from_db()
    pair.volunteer.refresh_from_db()
    assert pair.volunteer.status == "left"
    assert pair.status == "ended" and pair.end_reason == "volunteer_left"
    assert list(selectors.unpaired(officer)) == [pair.file]


def test_staff_of_another_district_cannot_make_a_volunteer_leave(cast: Cast, pair: Pairing):
    with pytest.raises(NotFound):
        volunteer_leave(actor=cast.users["other_admin"], volunteer=pair.volunteer, reason="x x")
    pair.refresh_from_db()
    assert pair.status == "active"


def test_a_handover_ends_the_old_pair_and_starts_a_new_one_with_history(cast: Cast, pair: Pairing):
    new_volunteer = other_volunteer(cast)
    new = pairing_handover(
        actor=cast.users["street_staff"], pairing=pair, volunteer=new_volunteer, note="工作调动"
    )
    pair.refresh_from_db()
    assert pair.status == "ended" and pair.end_reason == "handover"
    assert new.status == "active" and new.volunteer == new_volunteer and new.follows == pair
    assert list(pair.file.pairings.order_by("id")) == [pair, new]
    assert list(selectors.unpaired(cast.users["officer"])) == []
