"""The Chinese working-day calendar: weekends, official holidays and make-up working days.

Data lives in the ``Holiday`` table (seeded from ``chinesecalendar``; operators add a new year
in the admin when the State Council publishes it). A year with no rows falls back to
Monday-to-Friday and logs a warning: a deadline is never refused for lack of data.

Each process keeps one year's rows in memory for ``CACHE_SECONDS``. An edit in this process
(admin save or delete, ``holidays_load_from_package``) clears the cache at once; other web
workers and job consumers see it when their copy expires.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from zhigong.core.models import Holiday

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class _YearData:
    known: bool
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


_lock = threading.Lock()
_cache: dict[int, tuple[float, _YearData]] = {}
_warned: set[int] = set()


def _load(year: int) -> _YearData:
    rows = list(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
    if not rows:
        return _YearData(False, frozenset(), frozenset())
    return _YearData(
        True,
        frozenset(d for d, k in rows if k == Holiday.Kind.HOLIDAY),
        frozenset(d for d, k in rows if k == Holiday.Kind.WORKDAY),
    )


def _year(year: int) -> _YearData:
    now = time.monotonic()
    hit = _cache.get(year)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    data = _load(year)
    with _lock:
        _cache[year] = (now, data)
        warn = not data.known and year not in _warned
        if warn:
            _warned.add(year)
    if warn:
        logger.warning(
            "No holiday data for %s: counting Monday-Friday only. Add the year's holidays.", year
        )
    return data


def clear_cache(**_: object) -> None:
    with _lock:
        _cache.clear()
        _warned.clear()


def _holiday_changed(**_: object) -> None:
    # Clear now (this transaction may read the table again) and after commit (a reader in
    # another thread may have cached the old rows in between).
    clear_cache()
    transaction.on_commit(clear_cache)


# The cache must not outlive an edit in the admin; this is cache bookkeeping, not logic.
post_save.connect(_holiday_changed, sender=Holiday, dispatch_uid="calendar-save")
post_delete.connect(_holiday_changed, sender=Holiday, dispatch_uid="calendar-delete")


def _as_date(day: dt.date) -> dt.date:
    # A datetime never equals a date, so it would silently miss every holiday.
    if isinstance(day, dt.datetime):
        raise TypeError("pass a date, e.g. timezone.localdate(moment), not a datetime")
    return day


def has_data(year: int) -> bool:
    return _year(year).known


def is_working_day(day: dt.date) -> bool:
    day = _as_date(day)
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
    day, remaining = _as_date(start), abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]: how many ``add_working_days`` steps lead from a to b (n >= 0).

    Antisymmetric: ``working_days_between(b, a) == -working_days_between(a, b)``, so it is 0
    when equal and negative when b is before a. Going backwards it counts (b, a], which
    matches ``add_working_days(a, -n)`` whenever ``a`` is itself a working day.
    """
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
