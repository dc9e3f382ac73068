"""The Chinese working-day calendar: weekends, official holidays and make-up working days.

A year whose official schedule is loaded (a ``HolidayYear`` row: from ``chinesecalendar``, an
imported notice or the admin) is counted on its ``Holiday`` rows alone, and answers about it
are exact. A year without one is counted on the holidays the law fixes (``core.statutory``:
元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 and the days made up for those on a weekend) together
with any rows it already has, assuming no make-up working days; every answer that relies on
such a year is *provisional* and says so (``Deadline.provisional``), so pages can show "预计".
A deadline is never refused for lack of data.

Each process keeps one year's data in memory for ``CACHE_SECONDS``. An edit in this process
(admin save or delete, a load or import) clears the cache at once; other web workers and job
consumers see it when their copy expires.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from zhigong.core.models import Holiday, HolidayYear
from zhigong.core.statutory import statutory_days

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date counted in working days, and whether it is exact.

    ``provisional_years`` are the years the count went through whose official schedule is not
    loaded: there it assumed the statutory holidays and no make-up working days, so the date
    may move when the State Council publishes the year. Empty: the date is exact.
    """

    date: dt.date
    provisional_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def __str__(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class WorkingDays:
    """A number of working days, and the years it relied on without a schedule (see
    ``Deadline``)."""

    days: int
    provisional_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def __int__(self) -> int:
        return self.days


@dataclass(frozen=True)
class _YearData:
    scheduled: bool  # the official schedule is loaded: exact
    off: frozenset[dt.date]  # weekdays and weekend days off
    on: frozenset[dt.date]  # weekend days worked


_lock = threading.Lock()
_cache: dict[int, tuple[float, _YearData]] = {}
_warned: set[int] = set()


def _load(year: int) -> _YearData:
    rows = list(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
    off = {d for d, k in rows if k == Holiday.Kind.HOLIDAY}
    on = {d for d, k in rows if k == Holiday.Kind.WORKDAY}
    if HolidayYear.objects.filter(year=year).exists():
        return _YearData(True, frozenset(off), frozenset(on))
    # No official schedule: the law's days off, and whatever an operator has entered so far.
    off |= set(statutory_days(year)) - on
    return _YearData(False, frozenset(off), frozenset(on))


def _year(year: int) -> _YearData:
    now = time.monotonic()
    hit = _cache.get(year)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    data = _load(year)
    with _lock:
        _cache[year] = (now, data)
        warn = not data.scheduled and year not in _warned
        if warn:
            _warned.add(year)
    if warn:
        logger.warning(
            "No official holiday schedule for %s: counting the statutory holidays only "
            "(provisional). Load the year's schedule when the State Council publishes it.",
            year,
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
for _model in (Holiday, HolidayYear):
    post_save.connect(_holiday_changed, sender=_model, dispatch_uid=f"calendar-save-{_model}")
    post_delete.connect(_holiday_changed, sender=_model, dispatch_uid=f"calendar-del-{_model}")


def _as_date(day: dt.date) -> dt.date:
    # A datetime never equals a date, so it would silently miss every holiday.
    if isinstance(day, dt.datetime):
        raise TypeError("pass a date, e.g. timezone.localdate(moment), not a datetime")
    return day


def has_schedule(year: int) -> bool:
    """Whether ``year``'s official schedule is loaded (answers about it are exact)."""
    return _year(year).scheduled


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day; provisional when ``has_schedule(day.year)`` is not."""
    day = _as_date(day)
    data = _year(day.year)
    if day in data.on:
        return True
    if day in data.off:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, n: int) -> Deadline:
    """The date ``n`` working days after ``start`` (``start`` itself is not counted), and
    whether it is provisional.

    ``n`` may be negative to count backwards; ``n == 0`` returns ``start`` unchanged (exact:
    no day was counted).
    """
    step = 1 if n >= 0 else -1
    day, remaining = _as_date(start), abs(n)
    unscheduled: set[int] = set()
    while remaining:
        day += dt.timedelta(days=step)
        if not _year(day.year).scheduled:
            unscheduled.add(day.year)
        if is_working_day(day):
            remaining -= 1
    return Deadline(day, frozenset(unscheduled))


def working_days_between(a: dt.date, b: dt.date) -> WorkingDays:
    """Working days in (a, b]: how many ``add_working_days`` steps lead from a to b (n >= 0),
    and whether the count is provisional.

    Antisymmetric: ``working_days_between(b, a).days == -working_days_between(a, b).days``,
    so it is 0 when equal and negative when b is before a. Going backwards it counts (b, a],
    which matches ``add_working_days(a, -n)`` whenever ``a`` is itself a working day.
    """
    a, b = _as_date(a), _as_date(b)
    if b < a:
        forward = working_days_between(b, a)
        return WorkingDays(-forward.days, forward.provisional_years)
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    first = (a + dt.timedelta(days=1)).year if a < b else b.year + 1  # (a, b] may be empty
    years = frozenset(y for y in range(first, b.year + 1) if not has_schedule(y))
    return WorkingDays(count, years)
