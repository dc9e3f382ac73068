import datetime as dt
import logging
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhigong.core import calendar
from zhigong.core.calendar import (
    add_working_days,
    clear_cache,
    has_data,
    is_working_day,
    working_days_between,
)
from zhigong.core.holidays import holidays_load_from_package, package_days
from zhigong.core.models import Holiday

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Each test's rows are rolled back without signals; never let one test see another's.
    clear_cache()
    yield
    clear_cache()


@pytest.mark.django_db
def test_migration_loaded_every_year_the_package_knows():
    # given a new database (the data migration ran)
    # when we look at the table
    years = {day.year for day in Holiday.objects.dates("date", "year")}
    # then every year 2004-2026 is there, with Chinese names
    assert years >= set(range(2004, 2027))
    assert Holiday.objects.get(date=D(2025, 1, 29)).name == "春节"
    assert Holiday.objects.get(date=D(2015, 9, 3)).name == "抗战胜利纪念日"
    assert Holiday.objects.get(date=D(2025, 9, 28)).kind == Holiday.Kind.WORKDAY


@pytest.mark.django_db
def test_five_working_days_after_friday_before_national_day_2025():
    # given Friday 2025-09-26, make-up Sunday 09-28, and the 1-8 October holiday
    start = D(2025, 9, 26)
    # when we add five working days
    # then Sunday 28 Sept, Mon-Tue 29-30 Sept, Thu-Fri 9-10 Oct (Saturday 11 Oct is a make-up
    # day too, but is not needed) count
    assert add_working_days(start, 5) == D(2025, 10, 10)
    assert is_working_day(D(2025, 9, 28))
    assert not any(is_working_day(D(2025, 10, d)) for d in range(1, 9))
    assert is_working_day(D(2025, 10, 11))
    assert working_days_between(start, D(2025, 10, 10)) == 5


@pytest.mark.django_db
def test_spring_festival_2025():
    # given the 2025 Spring Festival: 28 Jan - 4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked
    holidays = [D(2025, 1, 28) + dt.timedelta(days=i) for i in range(8)]
    # when we ask about each day
    # then the holidays are off and the make-up weekend days are working days
    assert not any(is_working_day(day) for day in holidays)
    assert is_working_day(D(2025, 1, 26))
    assert is_working_day(D(2025, 2, 8))
    assert not is_working_day(D(2025, 2, 9))
    # and from Friday 24 Jan: Sun 26, Mon 27, then Wed 5, Thu 6, Fri 7, Sat 8 Feb
    assert add_working_days(D(2025, 1, 24), 2) == D(2025, 1, 27)
    assert add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)
    assert add_working_days(D(2025, 1, 24), 6) == D(2025, 2, 8)
    assert working_days_between(D(2025, 1, 27), D(2025, 2, 5)) == 1


@pytest.mark.django_db
def test_zero_and_negative_steps():
    # given a working day just after the National Day holiday
    start = D(2025, 10, 9)
    # when we count zero or backwards
    # then zero is the start itself, and backwards skips 1-8 October
    assert add_working_days(start, 0) == start
    assert add_working_days(start, -1) == D(2025, 9, 30)
    assert add_working_days(start, -3) == D(2025, 9, 28)
    assert working_days_between(start, D(2025, 9, 28)) == -3
    assert working_days_between(D(2025, 9, 28), start) == 3


@pytest.mark.django_db
def test_a_datetime_is_refused_rather_than_miscounted():
    # given a moment rather than a date
    moment = dt.datetime(2025, 10, 1, 9, 0)  # noqa: DTZ001 (a naive moment, as callers might pass)
    # when we ask about it
    # then it is refused (a datetime never equals a date, so holidays would be missed)
    with pytest.raises(TypeError):
        is_working_day(moment)
    with pytest.raises(TypeError):
        add_working_days(moment, 1)


_DATES = st.dates(min_value=D(2015, 1, 1), max_value=D(2026, 12, 31))
# The examples only read the table, so sharing one test's transaction and cache is fine.
_PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@_PROPERTY
@given(start=_DATES, n=st.integers(min_value=0, max_value=40))
def test_between_undoes_add(start, n):
    # given any start date and a number of working days
    # when we add them and count them back
    end = add_working_days(start, n)
    # then the count is the same, and lands on a working day unless n is 0
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)


@pytest.mark.django_db
@_PROPERTY
@given(a=_DATES, b=_DATES)
def test_between_is_antisymmetric(a, b):
    # given two dates
    # when we count both ways
    # then the answers are opposite
    assert working_days_between(a, b) == -working_days_between(b, a)


@pytest.mark.django_db
@_PROPERTY
@given(start=_DATES, n=st.integers(min_value=1, max_value=40))
def test_counting_back_from_a_working_day_undoes_add(start, n):
    # given a working day
    start = add_working_days(start, 1)
    # when we count n working days back
    earlier = add_working_days(start, -n)
    # then going forward n again returns to it
    assert add_working_days(earlier, n) == start
    assert working_days_between(start, earlier) == -n


@pytest.mark.django_db
def test_year_without_data_falls_back_to_monday_to_friday(caplog):
    # given 2031, which nobody has loaded
    assert not Holiday.objects.filter(date__year=2031).exists()
    # when we count across 1 October 2031 (a Wednesday)
    with caplog.at_level(logging.WARNING, logger="zhigong.core.calendar"):
        result = add_working_days(D(2031, 9, 26), 5)
        working_days_between(D(2031, 1, 1), D(2031, 12, 31))
    # then weekends alone are skipped, nothing raises, and one warning names the year
    assert result == D(2031, 10, 3)
    assert not has_data(2031)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "2031" in warnings[0].getMessage()


@pytest.mark.django_db
def test_operator_adding_a_holiday_changes_the_answer():
    # given the fallback answer for 2031 has been computed (and cached)
    assert add_working_days(D(2031, 9, 30), 1) == D(2031, 10, 1)
    # when an operator adds National Day 2031 in the admin
    Holiday.objects.create(date=D(2031, 10, 1), kind=Holiday.Kind.HOLIDAY, name="国庆节")
    # then the calendar uses it at once
    assert has_data(2031)
    assert add_working_days(D(2031, 9, 30), 1) == D(2031, 10, 2)


@pytest.mark.django_db
def test_deleting_a_row_changes_the_answer():
    # given make-up Sunday 2025-09-28 counts
    assert is_working_day(D(2025, 9, 28))
    # when an operator deletes it
    Holiday.objects.filter(date=D(2025, 9, 28)).delete()
    # then it is an ordinary Sunday again
    assert not is_working_day(D(2025, 9, 28))


@pytest.mark.django_db
def test_other_processes_see_edits_when_their_cache_expires(monkeypatch):
    # given a cached year
    assert is_working_day(D(2025, 9, 28))
    # when the table changes without this process hearing of it (another worker's edit)
    Holiday.objects.filter(date=D(2025, 9, 28)).update(kind=Holiday.Kind.HOLIDAY)
    assert is_working_day(D(2025, 9, 28))
    monkeypatch.setattr(calendar, "CACHE_SECONDS", 0.0)
    # then the edit shows once the cached copy is older than CACHE_SECONDS
    assert not is_working_day(D(2025, 9, 28))


@pytest.mark.django_db
def test_load_is_idempotent():
    # given the migration has already loaded everything
    # when we load again
    written = holidays_load_from_package()
    # then nothing is added or changed
    assert written == 0
    assert Holiday.objects.count() == len(package_days())


@pytest.mark.django_db
def test_load_fills_gaps_keeps_operator_edits_and_clears_the_cache():
    # given a missing 2025 row, an operator's renamed row, and a cached 2025
    Holiday.objects.filter(date__year=2025).delete()
    assert not has_data(2025)
    Holiday.objects.create(date=D(2025, 10, 6), kind=Holiday.Kind.HOLIDAY, name="中秋节、国庆节")
    Holiday.objects.filter(date__year=2025).exclude(date=D(2025, 10, 6)).delete()
    # when we load 2025 from the package
    written = holidays_load_from_package(years=[2025])
    # then the missing rows come back, the operator's name is kept, and the cache sees them
    assert written == len(package_days(years=[2025])) - 1
    assert Holiday.objects.get(date=D(2025, 10, 6)).name == "中秋节、国庆节"
    assert has_data(2025)
    assert add_working_days(D(2025, 9, 26), 5) == D(2025, 10, 10)
    # and overwrite restores the package's name
    assert holidays_load_from_package(years=[2025], overwrite=True) == 1
    assert Holiday.objects.get(date=D(2025, 10, 6)).name == "中秋节"


@pytest.mark.django_db
def test_load_holidays_command_reports_in_chinese():
    # given a year removed from the table
    removed = Holiday.objects.filter(date__year=2024).delete()[0]
    out, err = StringIO(), StringIO()
    # when the command loads it and an unknown year
    call_command("load_holidays", "--year", "2024", "--year", "2031", stdout=out, stderr=err)
    # then it says how many rows it added and which year the package lacks
    assert f"新增 {removed} 条，更新 0 条" in out.getvalue()
    assert "2031" in err.getvalue()
    # and a second run adds nothing
    out = StringIO()
    call_command("load_holidays", stdout=out)
    assert "新增 0 条，更新 0 条" in out.getvalue()


@pytest.mark.django_db
def test_operator_finds_a_year_in_the_admin(admin_client):
    # given an operator in the admin
    # when they open 2025's holidays, filtered by kind and searched by name
    response = admin_client.get(
        "/admin/core/holiday/", {"date__year": 2025, "kind": "workday", "q": "春节"}
    )
    # then the make-up working days of the Spring Festival are listed
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert "2025-01-26" in {str(row.date) for row in response.context["cl"].result_list}
