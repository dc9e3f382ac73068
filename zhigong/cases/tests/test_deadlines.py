"""Deadlines (CASE-4): counted in working days from acceptance, warnings at 50% and 80%, and
at the deadline the case escalates to the parent federation's centre, exactly once, even when
two scans run at the same time."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from zhigong.cases import figures
from zhigong.cases.choices import CaseKind, CaseStatus, Category, Escalation, StepKind
from zhigong.cases.models import Case, CaseStep, DeadlineRule
from zhigong.cases.services.handling import case_accept, case_assign, case_reply
from zhigong.cases.services.scan import case_deadline_scan
from zhigong.cases.tests.conftest import moment, submit
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.notifications.models import Notification
from zhigong.testing.cast import Cast


def _legal_accepted_on_friday(cast: Cast, clock) -> Case:
    clock("2025-09-25 16:00")
    case = submit(cast, kind=CaseKind.LEGAL, category=Category.DISMISSAL)
    clock("2025-09-26 10:00")  # Friday
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    return case


def test_a_legal_consultation_accepted_on_friday_26_september_is_due_on_10_october(
    cast: Cast, centres, clock
):
    case = _legal_accepted_on_friday(cast, clock)
    assert case.due_date == dt.date(2025, 10, 10)
    assert case.due_provisional is False
    assert (case.warn_50_on, case.warn_80_on) == (dt.date(2025, 9, 30), dt.date(2025, 10, 9))


def test_a_scan_on_11_october_escalates_it_to_the_city_centre_exactly_once(
    cast: Cast, centres, clock
):
    case = _legal_accepted_on_friday(cast, clock)
    # the last day is the union's: nothing on 10 October
    result = case_deadline_scan(actor=SYSTEM, now=moment("2025-10-10 23:55"))
    assert result.escalated == 0
    result = case_deadline_scan(actor=SYSTEM, now=moment("2025-10-11 00:05"))
    assert result.escalated == 1
    case.refresh_from_db()
    assert (case.union, case.centre, case.status, case.handler) == (
        cast.unions["CITY"],
        centres["CITY"],
        CaseStatus.SUBMITTED,
        None,
    )
    assert case.escalated == Escalation.DEADLINE and case.overdue_at is not None
    step = case.steps.get(kind=StepKind.DEADLINE_ESCALATED)
    assert (step.actor, step.union, step.to_union) == (
        None,
        cast.unions["DA"],
        cast.unions["CITY"],
    )
    assert "2025-10-10" in step.note
    # the history stays: accepted and assigned at DA before it went up
    kinds = list(case.steps.order_by("id").values_list("kind", flat=True))
    assert kinds[:3] == ["submitted", "accepted", "assigned"]
    # the handler is told
    assert (
        Notification.objects.filter(user=cast.users["volunteer"], title__contains="逾期").count()
        == 1
    )
    # a second scan, later, acts on nothing
    events = AuditEvent.objects.count()
    again = case_deadline_scan(actor=SYSTEM, now=moment("2025-10-13 09:00"))
    assert (again.escalated, again.warned) == (0, 0)
    assert AuditEvent.objects.count() == events
    assert case.steps.filter(kind=StepKind.DEADLINE_ESCALATED).count() == 1
    counts = figures.of_union(cast.unions["DA"])
    assert counts["overdue"] == {"yes": 1} and counts["escalated"] == {"deadline": 1}
    assert counts["status"] == {"submitted": 1}


def test_at_the_top_of_the_tree_the_case_stays_overdue_and_is_acted_on_once(
    cast: Cast, centres, clock
):
    clock("2025-09-26 10:00")
    case = submit(cast)
    case.union, case.centre = cast.unions["CITY"], centres["CITY"]
    case.save()
    case_accept(actor=SYSTEM, case=case)
    first = case_deadline_scan(actor=SYSTEM, now=moment("2025-10-20 09:00"))
    second = case_deadline_scan(actor=SYSTEM, now=moment("2025-10-21 09:00"))
    assert (first.overdue_at_top, second.overdue_at_top) == (1, 0)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.union == cast.unions["CITY"]
    assert case.steps.filter(kind=StepKind.OVERDUE).count() == 1


def test_warnings_at_50_and_80_percent_once_each(cast: Cast, centres, clock):
    case = _legal_accepted_on_friday(cast, clock)
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-09-29 12:00")).warned == 0
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-09-30 08:00")).warned == 1
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-09-30 18:00")).warned == 0
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-10-09 08:00")).warned == 1
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-10-10 08:00")).warned == 0
    notes = list(case.steps.filter(kind=StepKind.WARNED).values_list("note", flat=True))
    assert [("50%" in n, "80%" in n) for n in notes] == [(True, False), (False, True)]
    assert (
        Notification.objects.filter(user=cast.users["volunteer"], title__contains="提醒").count()
        == 2
    )


def test_a_late_scan_past_both_marks_warns_once(cast: Cast, centres, clock):
    _legal_accepted_on_friday(cast, clock)
    assert case_deadline_scan(actor=SYSTEM, now=moment("2025-10-09 09:00")).warned == 1
    assert CaseStep.objects.filter(kind=StepKind.WARNED).count() == 1


def test_an_answered_case_is_neither_warned_nor_escalated(cast: Cast, centres, clock):
    case = _legal_accepted_on_friday(cast, clock)
    clock("2025-09-29 10:00")
    case_reply(actor=cast.users["volunteer"], case=case, body="可以申请仲裁。")
    result = case_deadline_scan(actor=SYSTEM, now=moment("2025-11-01 09:00"))
    assert (result.warned, result.escalated) == (0, 0)


def test_rights_requests_by_complexity_and_the_operators_numbers(cast: Cast, centres, clock):
    clock("2025-11-03 09:00")  # Monday
    dues = {}
    for complexity in ("normal", "difficult", "complex"):
        case = submit(cast)
        case_accept(actor=cast.users["dept_legal"], case=case, complexity=complexity)
        dues[complexity] = case.due_date
    assert dues == {
        "normal": dt.date(2025, 11, 10),
        "difficult": dt.date(2025, 11, 17),
        "complex": dt.date(2025, 12, 1),
    }
    DeadlineRule.objects.filter(kind="rights", complexity="normal").update(working_days=3)
    case = submit(cast)
    case_accept(actor=cast.users["dept_legal"], case=case)
    assert case.due_date == dt.date(2025, 11, 6)


def test_a_deadline_in_a_year_without_a_schedule_is_counted_and_flagged(cast: Cast, centres, clock):
    clock("2026-12-28 10:00")
    case = submit(cast, kind=CaseKind.LEGAL, category=Category.WAGES)
    case_accept(actor=cast.users["dept_legal"], case=case)
    # 1 January 2027 is a statutory holiday; the year's schedule is not published
    assert case.due_date == dt.date(2027, 1, 5)
    assert case.due_provisional is True


def test_a_provisional_deadline_is_counted_again_once_its_year_is_loaded(
    cast: Cast, centres, clock
):
    case = _legal_accepted_on_friday(cast, clock)
    # as if counted before 2025's schedule was loaded: statutory days only
    Case.objects.filter(pk=case.pk).update(
        due_date=dt.date(2025, 10, 9), due_provisional=True, warn_80_on=dt.date(2025, 10, 8)
    )
    result = case_deadline_scan(actor=SYSTEM, now=moment("2025-09-27 09:00"))
    assert result.recounted == 1
    case.refresh_from_db()
    assert (case.due_date, case.due_provisional, case.warn_80_on) == (
        dt.date(2025, 10, 10),
        False,
        dt.date(2025, 10, 9),
    )


def test_only_the_platform_runs_the_scan(cast: Cast):
    with pytest.raises(PermissionDenied):
        case_deadline_scan(actor=cast.users["city_admin"])


def test_the_command_runs_the_scan_as_of_a_given_time(cast: Cast, centres, clock):
    case = _legal_accepted_on_friday(cast, clock)
    out = StringIO()
    call_command("case_deadline_scan", "--now", "2025-10-11T08:00", stdout=out)
    assert "escalated 1" in out.getvalue()
    out = StringIO()
    call_command("case_deadline_scan", "--now", "2025-10-11T08:05", stdout=out)
    assert "escalated 0" in out.getvalue()
    case.refresh_from_db()
    assert case.union == cast.unions["CITY"]
    with pytest.raises(CommandError):
        call_command("case_deadline_scan", "--now", "11/10/2025")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_scans_at_the_same_time_escalate_each_case_once(clock):
    """Two scans started at the same moment on two connections: each case is taken by one
    of them (``SKIP LOCKED``), and the other finds it done. On SQLite a write transaction
    starts ``IMMEDIATE``, so two scans take turns; the tests' in-memory database cannot show
    that across threads (its shared cache refuses a second writer instead of waiting), so
    this runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    from zhigong.testing.cast import build_cast
    from zhigong.unions.services import centre_create

    cast = build_cast()
    centre_create(actor=SYSTEM, union=cast.unions["CITY"], name="武汉市职工服务中心")
    clock("2025-09-26 10:00")
    cases = []
    for _ in range(30):
        case = submit(cast, kind=CaseKind.LEGAL, category=Category.WAGES)
        case_accept(actor=cast.users["dept_legal"], case=case)
        cases.append(case)
    start = threading.Barrier(2)
    results = []
    errors: list[BaseException] = []

    def scan() -> None:
        try:
            start.wait()
            results.append(case_deadline_scan(actor=SYSTEM, now=moment("2025-10-11 00:05")))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.escalated for r in results) == 30
    assert CaseStep.objects.filter(kind=StepKind.DEADLINE_ESCALATED).count() == 30
    assert AuditEvent.objects.filter(action="case.deadline_escalate").count() == 30
    assert set(Case.objects.values_list("union__code", flat=True)) == {"CITY"}
