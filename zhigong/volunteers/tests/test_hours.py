"""Service hours (VOL-5): logged by the volunteer, confirmed or rejected by the project's
organiser (never the volunteer), totals per year; and the year-end candidates for
commendation fed by confirmed hours and completed projects (VOL-7)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from zhigong.core.errors import DomainError, NotFound
from zhigong.testing.cast import Cast
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.service_choices import HoursStatus, ProjectStatus
from zhigong.volunteers.service_models import ServiceHours
from zhigong.volunteers.services.commendations import project_commend, volunteer_commend
from zhigong.volunteers.services.hours import hours_decide, hours_log
from zhigong.volunteers.services.projects import project_move, project_sign_up
from zhigong.volunteers.tests.service_fixtures import approved_volunteer, open_project

pytestmark = pytest.mark.django_db


def _signed_up(cast: Cast, **changes: object):
    approved_volunteer(cast)
    project = open_project(cast, **changes)
    project_sign_up(actor=cast.users["member"], project=project)
    return project


def _log(cast: Cast, project, hours: str = "2.5", days_ago: int = 1) -> ServiceHours:
    return hours_log(
        actor=cast.users["member"],
        project=project,
        served_on=timezone.localdate() - timedelta(days=days_ago),
        hours=hours,
        what="辅导功课",
    )


def test_a_volunteer_logs_hours_and_the_organiser_confirms(cast: Cast):
    project = _signed_up(cast)
    entry = _log(cast, project)
    assert entry.status == HoursStatus.PENDING and entry.hours == Decimal("2.5")
    volunteer = approved_volunteer(cast)
    year = entry.served_on.year
    assert selectors.confirmed_hours(volunteer, year) == 0  # only confirmed hours count
    assert list(selectors.hours_waiting_for(cast.users["officer"])) == [entry]
    assert not selectors.hours_waiting_for(cast.users["other_officer"]).exists()
    entry = hours_decide(actor=cast.users["officer"], entry=entry, confirm=True)
    assert entry.status == HoursStatus.CONFIRMED and entry.decided_by == cast.users["officer"]
    assert selectors.confirmed_hours(volunteer, year) == Decimal("2.5")
    assert selectors.hours_by_year(volunteer)[0]["confirmed"] == Decimal("2.5")


def test_rejecting_needs_a_reason_and_does_not_count(cast: Cast):
    project = _signed_up(cast)
    entry = _log(cast, project)
    with pytest.raises(DomainError):
        hours_decide(actor=cast.users["officer"], entry=entry, confirm=False)
    entry = hours_decide(
        actor=cast.users["officer"], entry=entry, confirm=False, reason="当天未到场"
    )
    assert entry.status == HoursStatus.REJECTED
    assert selectors.confirmed_hours(approved_volunteer(cast), entry.served_on.year) == 0
    with pytest.raises(DomainError):  # decided once
        hours_decide(actor=cast.users["officer"], entry=entry, confirm=True)


def test_the_volunteer_never_confirms_their_own_hours(cast: Cast):
    project = _signed_up(cast)
    entry = _log(cast, project)
    with pytest.raises(NotFound):  # the volunteer is not staff of the project
        hours_decide(actor=cast.users["member"], entry=entry, confirm=True)
    with pytest.raises(NotFound):  # another district's staff
        hours_decide(actor=cast.users["other_officer"], entry=entry, confirm=True)
    with pytest.raises(NotFound):  # sees the volunteer but does not organise: street staff
        hours_decide(actor=cast.users["outsider"], entry=entry, confirm=True)
    assert ServiceHours.objects.get().status == HoursStatus.PENDING


def test_an_organiser_who_is_the_volunteer_cannot_confirm(cast: Cast):
    """Maker-checker: GA's officer also a volunteer on the project may not confirm."""
    project = _signed_up(cast)
    entry = _log(cast, project)
    entry.logged_by = cast.users["officer"]  # as if the officer had logged it
    entry.save()
    with pytest.raises(DomainError) as refused:
        hours_decide(actor=cast.users["officer"], entry=entry, confirm=True)
    assert refused.value.code == "asked_for_it"
    hours_decide(actor=cast.users["street_staff"], entry=entry, confirm=True)


@pytest.mark.parametrize("hours", ["0", "0.3", "25", "-1", "abc", "NaN"])
def test_hours_come_in_half_hour_steps(cast: Cast, hours: str):
    project = _signed_up(cast)
    with pytest.raises(DomainError) as refused:
        _log(cast, project, hours=hours)
    assert "hours" in refused.value.fields
    assert not ServiceHours.objects.exists()


def test_hours_only_in_the_period_not_in_the_future_nor_over_24_a_day(cast: Cast):
    project = _signed_up(cast)
    with pytest.raises(DomainError):
        _log(cast, project, days_ago=-1)
    with pytest.raises(DomainError):
        _log(cast, project, days_ago=60)
    _log(cast, project, hours="20")
    with pytest.raises(DomainError):
        _log(cast, project, hours="4.5")
    assert ServiceHours.objects.count() == 1


def test_only_a_signed_up_volunteer_logs_hours(cast: Cast):
    approved_volunteer(cast)
    project = open_project(cast)
    with pytest.raises(NotFound):
        _log(cast, project)


def test_confirmed_hours_and_completed_projects_are_the_years_candidates(cast: Cast):
    project = _signed_up(cast)
    for days_ago in (1, 2, 3):
        entry = _log(cast, project, hours="8", days_ago=days_ago)
        hours_decide(actor=cast.users["officer"], entry=entry, confirm=True)
    pending = _log(cast, project, hours="8", days_ago=4)
    year = pending.served_on.year
    if any(e.served_on.year != year for e in ServiceHours.objects.all()):
        pytest.skip("the test days straddle a new year")
    volunteer = approved_volunteer(cast)
    found = list(selectors.volunteer_candidates(cast.users["district_admin"], year))
    assert found == [volunteer]
    hours = found[0].year_hours  # type: ignore[attr-defined]
    assert hours == Decimal(24)  # the pending 8 hours do not count
    assert not selectors.volunteer_candidates(cast.users["other_admin"], year).exists()
    # a project counts once it is completed, with its confirmed hours
    assert not selectors.project_candidates(cast.users["city_admin"], year).exists()
    project = project_move(actor=cast.users["officer"], project=project, to=ProjectStatus.UNDER_WAY)
    project = project_move(actor=cast.users["officer"], project=project, to=ProjectStatus.COMPLETED)
    (candidate,) = selectors.project_candidates(cast.users["city_admin"], year)
    assert candidate == project
    assert candidate.confirmed == Decimal(24)  # type: ignore[attr-defined]
    assert candidate.taken == 1  # type: ignore[attr-defined]
    # once commended, neither is a candidate for that year any more
    volunteer_commend(
        actor=cast.users["district_admin"],
        volunteer=volunteer,
        union=cast.unions["DA"],
        year=year,
        title="优秀志愿者",
        citation="全年服务 24 小时。",
    )
    project_commend(
        actor=cast.users["city_admin"],
        project=project,
        union=cast.unions["CITY"],
        year=year,
        title="优秀服务项目",
        citation="辅导困难职工子女。",
        published=True,
    )
    assert not selectors.volunteer_candidates(cast.users["district_admin"], year).exists()
    assert not selectors.project_candidates(cast.users["city_admin"], year).exists()
    assert selectors.published_project_commendations().count() == 1


def test_only_completed_projects_are_commended_and_from_above(cast: Cast):
    project = _signed_up(cast)
    with pytest.raises(DomainError):
        project_commend(
            actor=cast.users["city_admin"],
            project=project,
            union=cast.unions["CITY"],
            year=2026,
            title="优秀服务项目",
            citation="x",
        )
    with pytest.raises(NotFound):
        project_commend(
            actor=cast.users["other_admin"],
            project=project,
            union=cast.unions["DB"],
            year=2026,
            title="优秀服务项目",
            citation="x",
        )
