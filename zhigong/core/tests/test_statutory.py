"""The holidays the law fixes, computed for years without an official schedule."""

import datetime as dt

import chinese_calendar
import pytest

from zhigong.core.statutory import festivals, qingming, required_days, statutory_days

D = dt.date


@pytest.mark.parametrize(
    "expected", [D(2024, 4, 4), D(2025, 4, 4), D(2026, 4, 5), D(2027, 4, 5), D(2008, 4, 4)]
)
def test_qingming_is_the_day_of_the_solar_term(expected):
    # given a year whose 清明 is known
    # when we compute the solar term
    # then it falls on the known day
    assert qingming(expected.year) == expected


def test_the_lunar_festivals_of_2027():
    # given 2027, which no official schedule covers yet
    # when we compute its festivals
    found = {f.name: f.days for f in festivals(2027)}
    # then the Spring Festival runs from 除夕 (Friday 5 Feb) to 初三, 初一 being Saturday 6 Feb
    assert found["春节"] == (D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8))
    assert found["端午节"] == (D(2027, 6, 9),)
    assert found["中秋节"] == (D(2027, 9, 15),)
    assert found["清明节"] == (D(2027, 4, 5),)
    assert found["劳动节"] == (D(2027, 5, 1), D(2027, 5, 2))
    assert found["国庆节"] == (D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3))
    assert found["元旦"] == (D(2027, 1, 1),)


def test_days_on_a_weekend_are_made_up_on_the_next_working_days():
    # given 2027, where 1-2 May and 2-3 October fall on weekends
    # when we compute the days made up (补假)
    in_lieu = {f.name: f.in_lieu for f in festivals(2027)}
    # then each is given on the first weekdays after its holiday
    assert in_lieu["劳动节"] == (D(2027, 5, 3), D(2027, 5, 4))
    assert in_lieu["国庆节"] == (D(2027, 10, 4), D(2027, 10, 5))
    assert in_lieu["春节"] == (D(2027, 2, 9), D(2027, 2, 10))
    assert in_lieu["元旦"] == ()


def test_a_day_two_festivals_share_is_made_up_once_more():
    # given 2031, whose 中秋 is 1 October (National Day, a Wednesday)
    found = {f.name: f for f in festivals(2031)}
    assert found["中秋节"].days == (D(2031, 10, 1),)
    # when we compute the days off
    # then National Day owes one day more, given on Monday 6 October after the weekend
    assert found["国庆节"].in_lieu == (D(2031, 10, 6),)


@pytest.mark.parametrize("year", [2025, 2026])
def test_under_the_2024_law_every_computed_day_is_off_in_the_official_schedule(year):
    # given the years published since the law of 2024-11-10 came into force
    # when we compute their statutory days and the days made up
    computed = statutory_days(year)
    # then the State Council's schedule (in chinesecalendar) gives every one of them off
    assert computed
    assert [d for d in computed if not chinese_calendar.is_holiday(d)] == []
    assert required_days(year).keys() <= computed.keys()


def test_the_lunar_and_solar_term_days_agree_with_every_published_schedule_since_2008():
    # given the schedules 2008-2026 (清明, 端午, 中秋 became holidays in 2008)
    # when we compute 初一, 清明, 端午 and 中秋 for each year
    computed = []
    for year in range(2008, 2027):
        for festival in festivals(year):
            if festival.name == "春节":
                computed.append(festival.days[1])  # 初一 (除夕 is statutory only since 2025)
            elif festival.name in ("清明节", "端午节", "中秋节"):
                computed.extend(festival.days)
    # then each is a day off in the official schedule
    assert len(computed) == 19 * 4
    assert [day for day in computed if not chinese_calendar.is_holiday(day)] == []


def test_the_law_is_checked_only_for_years_it_governs():
    # given years before the 2024 amendment came into force
    # when we ask which days a schedule must give off
    # then none are required (除夕 was a working day in several of them)
    assert required_days(2024) == {}
    assert D(2025, 1, 28) in required_days(2025)  # 除夕 2025


@pytest.mark.parametrize("year", [1, 1899, 2110, 9999])
def test_any_year_has_an_answer(year):
    # given a year far from today
    # when we compute its days off
    days = statutory_days(year)
    # then the fixed-date holidays are always there, and the lunar ones from 1900 on
    assert {D(year, 1, 1), D(year, 5, 1), D(year, 10, 1)} <= days.keys()
    assert ("春节" in days.values()) == (year >= 1900)
