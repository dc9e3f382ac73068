"""Loading the holiday table from the ``chinesecalendar`` package.

Rule for rows already in the table: the table wins. A load inserts the dates the table lacks
and leaves every existing row as it is, because an operator may have corrected it in the
admin and the table has no record of where a row came from. ``overwrite=True`` (the command's
``--overwrite``) makes the package win instead: existing rows on dates the package lists get
the package's kind and name, e.g. after an upgrade that fixes a mistake in the package. Rows
on dates the package does not list (a year an operator typed in) are never changed or deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

import chinese_calendar
from django.db import transaction

from zhigong.core.calendar import clear_cache
from zhigong.core.models import Holiday

logger = logging.getLogger(__name__)

# The package's English names; our table holds the Chinese ones.
NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

_NAME_LENGTH = 64


def _name_zh(english: str) -> str:
    if english in NAMES_ZH:
        return NAMES_ZH[english]
    # A holiday added in a later package version: its own Chinese name, else the English one.
    try:
        return str(chinese_calendar.Holiday(english).chinese)[:_NAME_LENGTH]
    except ValueError:
        return english[:_NAME_LENGTH]


def package_years() -> frozenset[int]:
    """The years ``chinesecalendar`` has data for."""
    return frozenset(d.year for d in chinese_calendar.holidays)


def package_days(*, years: Iterable[int] | None = None) -> dict[dt.date, tuple[str, str]]:
    """{date: (kind, Chinese name)} from the package, for ``years`` or every year it knows.

    Weekend days inside a holiday period are included as holidays; that changes nothing.
    """
    wanted = None if years is None else frozenset(years)
    days: dict[dt.date, tuple[str, str]] = {}
    for kind, source in (
        (Holiday.Kind.HOLIDAY, chinese_calendar.holidays),
        (Holiday.Kind.WORKDAY, chinese_calendar.workdays),
    ):
        for day, english in source.items():
            if wanted is None or day.year in wanted:
                days[day] = (str(kind), _name_zh(str(english)))
    return days


def holidays_differing_from_package(*, years: Iterable[int] | None = None) -> list[dt.date]:
    """Dates the package lists whose row in the table has another kind or name."""
    days = package_days(years=years)
    rows = Holiday.objects.filter(date__in=list(days)).values_list("date", "kind", "name")
    return sorted(d for d, kind, name in rows if days[d] != (kind, name))


@transaction.atomic
def holidays_load_from_package(
    *, years: Iterable[int] | None = None, overwrite: bool = False
) -> int:
    """Upsert the package's holidays and make-up working days; return rows added + updated.

    Idempotent: a second run writes nothing. See the module docstring for which rows change.
    """
    days = package_days(years=years)
    existing = {row.date: row for row in Holiday.objects.filter(date__in=list(days))}
    new = [
        Holiday(date=day, kind=kind, name=name)
        for day, (kind, name) in sorted(days.items())
        if day not in existing
    ]
    changed = [row for row in existing.values() if days[row.date] != (row.kind, row.name)]
    Holiday.objects.bulk_create(new, batch_size=500)
    updated = 0
    if overwrite and changed:
        for row in changed:
            row.kind, row.name = days[row.date]
        updated = Holiday.objects.bulk_update(changed, ["kind", "name"], batch_size=500)
    elif changed:
        logger.warning(
            "Kept %d holiday rows that differ from the package (first: %s); "
            "load with overwrite to replace them.",
            len(changed),
            min(row.date for row in changed),
        )
    # Bulk writes send no signals: drop the calendar's cached years here and after commit.
    clear_cache()
    transaction.on_commit(clear_cache)
    logger.info("Loaded holidays from chinesecalendar: %d added, %d updated.", len(new), updated)
    return len(new) + updated
