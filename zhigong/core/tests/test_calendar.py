import datetime as dt
import logging
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhigong.core import calendar
from zhigong.core.actors import SYSTEM
from zhigong.core.calendar import (
    Deadline,
    WorkingDays,
    add_working_days,
    clear_cache,
    has_schedule,
    is_working_day,
    working_days_between,
)
from zhigong.core.holidays import holidays_load_from_package, package_days
from zhigong.core.models import Holiday, HolidayYear

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
    assert add_working_days(start, 5) == Deadline(D(2025, 10, 10))
    assert is_working_day(D(2025, 9, 28))
    assert not any(is_working_day(D(2025, 10, d)) for d in range(1, 9))
    assert is_working_day(D(2025, 10, 11))
    assert working_days_between(start, D(2025, 10, 10)) == WorkingDays(5)
    # and the answers are exact: 2025's schedule is loaded
    assert not add_working_days(start, 5).provisional
    assert not working_days_between(start, D(2025, 10, 10)).provisional


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
    assert add_working_days(D(2025, 1, 24), 2).date == D(2025, 1, 27)
    assert add_working_days(D(2025, 1, 24), 3).date == D(2025, 2, 5)
    assert add_working_days(D(2025, 1, 24), 6).date == D(2025, 2, 8)
    assert working_days_between(D(2025, 1, 27), D(2025, 2, 5)).days == 1


@pytest.mark.django_db
def test_zero_and_negative_steps():
    # given a working day just after the National Day holiday
    start = D(2025, 10, 9)
    # when we count zero or backwards
    # then zero is the start itself, and backwards skips 1-8 October
    assert add_working_days(start, 0) == Deadline(start)
    assert add_working_days(start, -1).date == D(2025, 9, 30)
    assert add_working_days(start, -3).date == D(2025, 9, 28)
    assert working_days_between(start, D(2025, 9, 28)).days == -3
    assert working_days_between(D(2025, 9, 28), start).days == 3


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
    end = add_working_days(start, n).date
    # then the count is the same, and lands on a working day unless n is 0
    assert working_days_between(start, end).days == n
    assert n == 0 or is_working_day(end)


@pytest.mark.django_db
@_PROPERTY
@given(a=_DATES, b=_DATES)
def test_between_is_antisymmetric(a, b):
    # given two dates
    # when we count both ways
    # then the answers are opposite
    assert working_days_between(a, b).days == -working_days_between(b, a).days


@pytest.mark.django_db
@_PROPERTY
@given(start=_DATES, n=st.integers(min_value=1, max_value=40))
def test_counting_back_from_a_working_day_undoes_add(start, n):
    # given a working day
    start = add_working_days(start, 1).date
    # when we count n working days back
    earlier = add_working_days(start, -n).date
    # then going forward n again returns to it
    assert add_working_days(earlier, n).date == start
    assert working_days_between(start, earlier).days == -n


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
    loaded = holidays_load_from_package(actor=SYSTEM)
    # then nothing is added, changed or newly marked as loaded
    assert (loaded.written, loaded.years) == (0, frozenset())
    assert Holiday.objects.count() == len(package_days())


@pytest.mark.django_db
def test_load_fills_gaps_keeps_operator_edits_and_clears_the_cache():
    # given a 2025 with one operator's renamed row only, no schedule loaded, and a cached 2025
    Holiday.objects.filter(date__year=2025).delete()
    HolidayYear.objects.filter(year=2025).delete()
    Holiday.objects.create(date=D(2025, 10, 6), kind=Holiday.Kind.HOLIDAY, name="中秋节、国庆节")
    assert not has_schedule(2025)
    # when we load 2025 from the package
    loaded = holidays_load_from_package(actor=SYSTEM, years=[2025])
    # then the missing rows come back, the operator's name is kept, the year is loaded, and
    # the cache sees all of it
    assert loaded.written == len(package_days(years=[2025])) - 1
    assert loaded.years == {2025}
    assert HolidayYear.objects.get(year=2025).source == HolidayYear.Source.PACKAGE
    assert Holiday.objects.get(date=D(2025, 10, 6)).name == "中秋节、国庆节"
    assert has_schedule(2025)
    assert add_working_days(D(2025, 9, 26), 5) == Deadline(D(2025, 10, 10))
    # and overwrite restores the package's name
    assert holidays_load_from_package(actor=SYSTEM, years=[2025], overwrite=True).written == 1
    assert Holiday.objects.get(date=D(2025, 10, 6)).name == "中秋节"


@pytest.mark.django_db
def test_load_holidays_command_reports_in_chinese():
    # given a year removed from the table
    removed = Holiday.objects.filter(date__year=2024).delete()[0]
    out, err = StringIO(), StringIO()
    # when the command loads it and an unknown year
    call_command("load_holidays", "--year", "2024", "--year", "2031", stdout=out, stderr=err)
    # then it says how many rows it added and which year the package lacks (still provisional)
    assert f"新增 {removed} 条，更新 0 条" in out.getvalue()
    assert "2031" in err.getvalue()
    assert "预计" in err.getvalue()
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


# -- years whose official schedule is not loaded ---------------------------------------------
@pytest.mark.django_db
def test_every_year_the_package_knows_is_loaded_and_2027_is_not():
    # given a new database
    # when we ask which years' schedules are loaded
    # then 2004-2026 are (from the package), and 2027 is not: chinesecalendar 1.11 lacks it
    assert all(has_schedule(year) for year in range(2004, 2027))
    assert not has_schedule(2027)
    assert not Holiday.objects.filter(date__year=2027).exists()


@pytest.mark.django_db
def test_a_deadline_into_2027_skips_new_years_day_and_is_provisional():
    # given Monday 2026-12-28, and Friday 2027-01-01 (元旦) in a year without a schedule
    start = D(2026, 12, 28)
    # when we add five working days
    due = add_working_days(start, 5)
    # then 29, 30, 31 Dec, Mon 4 and Tue 5 Jan count (1 Jan and the weekend do not), and the
    # answer says it relied on 2027
    assert due.date == D(2027, 1, 5)
    assert due.provisional
    assert due.provisional_years == {2027}
    assert not is_working_day(D(2027, 1, 1))
    between = working_days_between(start, D(2027, 1, 5))
    assert (between.days, between.provisional) == (5, True)
    # and a count that stays in 2026 is exact
    assert not add_working_days(start, 3).provisional
    assert not working_days_between(start, D(2026, 12, 31)).provisional
    assert working_days_between(D(2027, 1, 5), start) == WorkingDays(-5, frozenset({2027}))


@pytest.mark.django_db
def test_the_2027_spring_festival_is_skipped():
    # given 除夕 Friday 2027-02-05 to 初三 Monday 02-08, two of them on the weekend, so the
    # law owes two days (补假): Tuesday 9 and Wednesday 10 February
    # when we count from Thursday 4 February
    due = add_working_days(D(2027, 2, 4), 1)
    # then the next working day is Thursday 11 February, provisionally
    assert due == Deadline(D(2027, 2, 11), frozenset({2027}))
    assert not any(is_working_day(D(2027, 2, d)) for d in range(5, 11))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "days_off", "next_working_day"),
    [
        ("清明节", [D(2027, 4, 5)], D(2027, 4, 6)),
        # 1-2 May is a weekend: made up on Monday 3 and Tuesday 4 May
        ("劳动节", [D(2027, 5, 1), D(2027, 5, 2), D(2027, 5, 3), D(2027, 5, 4)], D(2027, 5, 5)),
        ("端午节", [D(2027, 6, 9)], D(2027, 6, 10)),
        ("中秋节", [D(2027, 9, 15)], D(2027, 9, 16)),
        # 1-3 October is Friday to Sunday: made up on Monday 4 and Tuesday 5 October
        ("国庆节", [D(2027, 10, d) for d in range(1, 6)], D(2027, 10, 6)),
    ],
)
def test_the_other_statutory_holidays_of_2027_are_skipped(name, days_off, next_working_day):
    # given a statutory holiday of 2027
    before = days_off[0] - dt.timedelta(days=1)
    while not is_working_day(before):
        before -= dt.timedelta(days=1)
    # when we count one working day from the working day before it
    due = add_working_days(before, 1)
    # then its days off are skipped, provisionally
    assert not any(is_working_day(day) for day in days_off), name
    assert due == Deadline(next_working_day, frozenset({2027}))


@pytest.mark.django_db
def test_loading_the_official_2027_schedule_makes_the_answer_exact():
    # given the provisional answer for 2026-12-28 + 5 (cached)
    assert add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 5), frozenset({2027}))
    # when a 2027 schedule is entered and marked as loaded (a made-up one: New Year's Day,
    # and Sunday 2027-01-03 worked)
    Holiday.objects.create(date=D(2027, 1, 1), kind=Holiday.Kind.HOLIDAY, name="元旦")
    Holiday.objects.create(date=D(2027, 1, 3), kind=Holiday.Kind.WORKDAY, name="元旦")
    HolidayYear.objects.create(year=2027, source=HolidayYear.Source.ADMIN)
    # then the same question is answered on the schedule alone, exactly
    assert has_schedule(2027)
    assert add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 4))
    # and days the law would give but this schedule does not list are working days (the
    # schedule decides)
    assert is_working_day(D(2027, 10, 1))


@pytest.mark.django_db
def test_rows_of_a_year_without_a_schedule_are_used_and_the_answer_stays_provisional():
    # given an operator has started typing 2027 in the admin: a make-up Sunday 2027-02-14
    Holiday.objects.create(date=D(2027, 2, 14), kind=Holiday.Kind.WORKDAY, name="春节")
    Holiday.objects.create(date=D(2027, 2, 11), kind=Holiday.Kind.HOLIDAY, name="春节")
    # when we count after the Spring Festival
    due = add_working_days(D(2027, 2, 10), 1)
    # then the rows count on top of the law's days, and the answer is still provisional
    assert due == Deadline(D(2027, 2, 12), frozenset({2027}))
    assert is_working_day(D(2027, 2, 14))
    assert not has_schedule(2027)


@pytest.mark.django_db
def test_a_year_with_neither_schedule_nor_rows_still_answers(caplog):
    # given 2110, which no package, sheet or operator will know for a long time
    with caplog.at_level(logging.WARNING, logger="zhigong.core.calendar"):
        # when we count across its National Day (Wednesday 1 October 2110) and all year
        due = add_working_days(D(2110, 9, 30), 1)
        whole_year = working_days_between(D(2109, 12, 31), D(2110, 12, 31))
    # then weekends and the statutory days computed for it are skipped, nothing raises, and
    # one warning names the year
    assert due == Deadline(D(2110, 10, 6), frozenset({2110}))
    assert whole_year.provisional_years == {2110}
    # 2110 has 261 weekdays; 10 of its 13 statutory days fall on them (清明, 端午, 中秋 fall on
    # a weekend), and 3 days are made up for those (补假)
    assert whole_year.days == 261 - 10 - 3
    assert not is_working_day(D(2110, 2, 18))  # 除夕
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "2110" in warnings[0].getMessage()


@pytest.mark.django_db
def test_withdrawing_a_year_makes_its_answers_provisional_again():
    # given 2025, loaded from the package
    assert not add_working_days(D(2025, 9, 26), 5).provisional
    # when its schedule is no longer taken as loaded (an operator deleted it in the admin)
    HolidayYear.objects.filter(year=2025).delete()
    clear_cache()
    # then the answers about 2025 are provisional, and still skip its rows' holidays
    due = add_working_days(D(2025, 9, 26), 5)
    assert due.provisional_years == {2025}
    assert due.date == D(2025, 10, 10)
