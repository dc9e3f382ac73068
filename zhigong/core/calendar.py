"""The Chinese working-day calendar: weekends, official holidays and make-up working days.

Data lives in the ``Holiday`` table (seeded from ``chinesecalendar``; operators add a new year
in the admin when the State Council publishes it). A year with no rows falls back to
Monday-to-Friday and logs a warning once: a deadline is never refused for lack of data.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.db.models.signals import post_delete, post_save

from zhigong.core.models import Holiday

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _YearData:
    known: bool
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


@lru_cache(maxsize=64)
def _year(year: int) -> _YearData:
    rows = list(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
    if not rows:
        logger.warning(
            "No holiday data for %s: counting Monday-Friday only. Add the year's holidays.", year
        )
        return _YearData(False, frozenset(), frozenset())
    return _YearData(
        True,
        frozenset(d for d, k in rows if k == Holiday.Kind.HOLIDAY),
        frozenset(d for d, k in rows if k == Holiday.Kind.WORKDAY),
    )


def clear_cache(**_: object) -> None:
    _year.cache_clear()


# The cache must not outlive an edit in the admin; this is cache bookkeeping, not logic.
post_save.connect(clear_cache, sender=Holiday, dispatch_uid="calendar-save")
post_delete.connect(clear_cache, sender=Holiday, dispatch_uid="calendar-delete")


def has_data(year: int) -> bool:
    return _year(year).known


def is_working_day(day: dt.date) -> bool:
    data = _year(day.year)
    if day in data.workdays:
        return True
    if day in data.holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``start`` (``start`` itself is not counted).

    ``n`` may be negative to count backwards; ``n == 0`` returns ``start`` unchanged.
    """
    step = 1 if n >= 0 else -1
    day, remaining = start, abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]: how many ``add_working_days`` steps lead from a to b.

    Negative when b is before a; 0 when equal.
    """
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
