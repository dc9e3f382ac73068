"""The holidays the law fixes, for a year whose official schedule is not loaded.

《全国年节及纪念日放假办法》 (as amended on 2024-11-10, in force since 2025-01-01), article 2,
gives every citizen these days off:

- 元旦 1 January;
- 春节 four days: 农历除夕 and 正月初一 to 初三;
- 清明节 the day of the solar term 清明;
- 劳动节 1 and 2 May;
- 端午节 农历五月初五;
- 中秋节 农历八月十五;
- 国庆节 1 to 3 October.

Article 6: a day of these that falls on a Saturday or Sunday is made up by a day off on a
working day (补假). The law does not say which; the State Council has always given the first
working days after the holiday, and so does this module. A day that two festivals share (中秋
on 1 October) is owed once more, likewise. The make-up working days on weekends (调休) are
not in the law: the State Council decides them each year, so none is assumed here.

The lunar dates and the solar term come from ``tyme4py`` (astronomical computation, no table
with an end year). Years before 1900 get the fixed-date holidays only: nobody counts deadlines
there, and the lunar conversion is given for the Gregorian calendar only from 1900 on.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarDay, SolarTerm

# The law above is in force from this year on; official schedules before it followed the
# earlier versions (3 days for the Spring Festival from 初一, one day in May, …).
LAW_SINCE = 2025
LUNAR_FROM = 1900


@dataclass(frozen=True, slots=True)
class Festival:
    """One festival of a year: the days the law gives, and the days made up for it (补假)."""

    name: str
    days: tuple[dt.date, ...]
    in_lieu: tuple[dt.date, ...] = ()


def _date(day: SolarDay) -> dt.date:
    return dt.date(day.get_year(), day.get_month(), day.get_day())


def _lunar(year: int, month: int, day: int) -> dt.date:
    return _date(LunarDay.from_ymd(year, month, day).get_solar_day())


def qingming(year: int) -> dt.date:
    """The day (Beijing time) the sun reaches 15° of ecliptic longitude: the term 清明."""
    return _date(SolarTerm.from_name(year, "清明").get_julian_day().get_solar_day())


def _law_days(year: int) -> list[tuple[str, tuple[dt.date, ...]]]:
    days: list[tuple[str, tuple[dt.date, ...]]] = [("元旦", (dt.date(year, 1, 1),))]
    if year >= LUNAR_FROM:
        new_year = _lunar(year, 1, 1)
        spring = tuple(new_year + dt.timedelta(days=i) for i in range(-1, 3))
        days += [("春节", spring), ("清明节", (qingming(year),))]
    days.append(("劳动节", (dt.date(year, 5, 1), dt.date(year, 5, 2))))
    if year >= LUNAR_FROM:
        days += [("端午节", (_lunar(year, 5, 5),)), ("中秋节", (_lunar(year, 8, 15),))]
    days.append(("国庆节", tuple(dt.date(year, 10, d) for d in (1, 2, 3))))
    return sorted(days, key=lambda item: item[1][0])


@functools.lru_cache(maxsize=256)
def festivals(year: int) -> tuple[Festival, ...]:
    """The statutory festivals of ``year`` in date order, each with its 补假 days."""
    plan = _law_days(year)
    statutory = {day for _, days in plan for day in days}
    taken: set[dt.date] = set()
    given: set[dt.date] = set()
    result = []
    for name, days in plan:
        owed = 0
        for day in days:
            if day in taken or day.weekday() >= 5:
                owed += 1
            taken.add(day)
        in_lieu: list[dt.date] = []
        day = max(days)
        while len(in_lieu) < owed:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in statutory and day not in given:
                in_lieu.append(day)
                given.add(day)
        result.append(Festival(name, days, tuple(in_lieu)))
    return tuple(result)


@functools.lru_cache(maxsize=256)
def statutory_days(year: int) -> dict[dt.date, str]:
    """{date: festival name} of every day off the law gives in ``year``, 补假 included."""
    found: dict[dt.date, str] = {}
    for festival in festivals(year):
        for day in (*festival.days, *festival.in_lieu):
            found.setdefault(day, festival.name)
    return found


def required_days(year: int) -> dict[dt.date, str]:
    """{date: name} of the days the law itself names (补假 aside, whose day the State Council
    chooses): an official schedule for ``year`` must give each of them off. Empty before the
    law above was in force."""
    if year < LAW_SINCE:
        return {}
    found: dict[dt.date, str] = {}
    for festival in festivals(year):
        for day in festival.days:
            found.setdefault(day, festival.name)
    return found
