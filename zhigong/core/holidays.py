"""Loading official holiday schedules: from ``chinesecalendar``, from a sheet of the State
Council's notice, or by confirming a year typed into the admin. Each marks the year's schedule
as loaded (``HolidayYear``), which makes the calendar's answers about it exact.

Loading from the package, the rule for rows already in the table: the table wins. A load
inserts the dates the table lacks and leaves every existing row as it is, because an operator
may have corrected it in the admin and the table has no record of where a row came from.
``overwrite=True`` (the command's ``--overwrite``) makes the package win instead: existing
rows on dates the package lists get the package's kind and name, e.g. after an upgrade that
fixes a mistake in the package. Rows on dates the package does not list (a year an operator
typed in) are never changed or deleted.

Importing a sheet is all or nothing: the notice is the whole schedule of its years, so the
file replaces their rows (see ``holidays_import``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import chinese_calendar
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import Target, audit_record
from zhigong.core.calendar import clear_cache
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.core.models import Holiday, HolidayYear
from zhigong.core.service import service
from zhigong.core.sheets.cells import cell_text
from zhigong.core.sheets.columns import Column, ColumnSet
from zhigong.core.sheets.errors import RowError, describe, place
from zhigong.core.sheets.reading import Reading, Source
from zhigong.core.statutory import required_days, statutory_days

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


def can_manage_holidays(actor: Actor) -> bool:
    """The platform's operators: ``SYSTEM`` on the command line, and accounts allowed to
    change the holiday table in the admin (superusers, or the model permission)."""
    if isinstance(actor, SystemActor):
        return True
    return bool(actor.is_active and actor.has_perm("core.change_holiday"))


def _require_manager(actor: Actor) -> None:
    if not can_manage_holidays(actor):
        raise PermissionDenied()


def _changed() -> None:
    # Bulk writes send no signals: drop the calendar's cached years here and after commit.
    clear_cache()
    transaction.on_commit(clear_cache)


def _year_target(year: int) -> Target:
    return Target(HolidayYear._meta.label_lower, str(year), str(year))


# -- the package ------------------------------------------------------------------------------
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


@dataclass(frozen=True)
class PackageLoad:
    added: int
    updated: int
    years: frozenset[int]  # the years whose schedule this load marked as loaded

    @property
    def written(self) -> int:
        return self.added + self.updated


@service
def holidays_load_from_package(
    *, actor: Actor, years: Iterable[int] | None = None, overwrite: bool = False
) -> PackageLoad:
    """Upsert the package's holidays and make-up working days, and mark each year the package
    knows (of ``years``) as loaded: the package holds the State Council's schedules.

    Idempotent: a second run writes nothing. See the module docstring for which rows change.
    """
    _require_manager(actor)
    wanted = package_years() if years is None else package_years() & frozenset(years)
    days = package_days(years=wanted)
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
    loaded = wanted - set(HolidayYear.objects.values_list("year", flat=True))
    HolidayYear.objects.bulk_create(
        [HolidayYear(year=y, source=HolidayYear.Source.PACKAGE) for y in sorted(loaded)]
    )
    written = [h.date for h in new] + ([h.date for h in changed] if updated else [])
    for year in sorted(loaded | {d.year for d in written}):
        audit_record(
            actor=actor,
            action="holidays.load_package",
            target=_year_target(year),
            reason=f"chinesecalendar {_package_version()}",
        )
    _changed()
    logger.info("Loaded holidays from chinesecalendar: %d added, %d updated.", len(new), updated)
    return PackageLoad(len(new), updated, frozenset(loaded))


def _package_version() -> str:
    try:
        return version("chinesecalendar")
    except PackageNotFoundError:  # pragma: no cover - installed under its other name
        return version("chinese-calendar")


# -- checking a schedule against the law ------------------------------------------------------
def missing_statutory_days(days: dict[dt.date, str], year: int) -> list[tuple[dt.date, str]]:
    """The days the law gives off in ``year`` that ``days`` ({date: kind}) does not give off:
    an official schedule always does, so such a schedule is incomplete or mistyped."""
    return [
        (day, name)
        for day, name in sorted(required_days(year).items())
        if days.get(day) != Holiday.Kind.HOLIDAY
    ]


def missing_message(day: dt.date, name: str) -> str:
    return _(
        "%(date)s（%(name)s）是法定节假日，但不在放假日期中：国务院的安排总是包含它，"
        "请检查是否漏行或日期、类型写错。"
    ) % {"date": day.isoformat(), "name": name}


class ScheduleIncomplete(DomainError):
    code = "holiday_schedule_incomplete"
    default_message = gettext_lazy("这一年的安排不完整。")


@service
def holiday_year_confirm(*, actor: Actor, year: int, notice: str = "") -> HolidayYear:
    """Mark ``year``'s schedule as loaded once an operator has entered its rows in the admin;
    refused while a day the law gives off is missing."""
    _require_manager(actor)
    rows = dict(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
    missing = missing_statutory_days(rows, year)
    if missing:
        message = missing_message(*missing[0])
        raise ScheduleIncomplete(message, fields={"year": message})
    marked, created = HolidayYear.objects.update_or_create(
        year=year, defaults={"source": HolidayYear.Source.ADMIN, "notice": notice.strip()}
    )
    audit_record(
        actor=actor,
        action="holidays.confirm_year",
        target=_year_target(year),
        reason=marked.notice,
        changes={"rows": [None, len(rows)]} if created else {},
    )
    _changed()
    return marked


@service
def holiday_year_withdraw(*, actor: Actor, year: int, reason: str = "") -> None:
    """The year's schedule is no longer taken as loaded (its rows stay): answers about it are
    provisional again."""
    _require_manager(actor)
    deleted, _rows = HolidayYear.objects.filter(year=year).delete()
    if deleted:
        audit_record(
            actor=actor, action="holidays.withdraw_year", target=_year_target(year), reason=reason
        )
    _changed()


# -- a sheet of the State Council's notice ----------------------------------------------------
SHEET_COLUMNS = ColumnSet(
    (
        Column("date", "date", "日期", True, ("起止日期", "日期范围", "放假日期")),
        Column("kind", "kind", "类型", True, ("安排", "放假或上班", "放假/上班", "type")),
        Column("name", "name", "名称", False, ("节日", "节日名称", "节假日", "假日名称")),
    )
)

_HOLIDAY_WORDS = frozenset(
    {"放假", "休", "休息", "假", "节假日", "法定节假日", "放假调休", "休假", "holiday", "off"}
)
_WORKDAY_WORDS = frozenset(
    {"上班", "班", "调休上班", "调休工作日", "补班", "工作日", "workday", "work", "working"}
)
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_ONE_DATE = re.compile(rf"^{_DATE}$")
_RANGE = re.compile(rf"^{_DATE}\s*(?:至|到|~|～|-|—|–|－)\s*{_DATE}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
LONGEST_RANGE = 31  # days in one row: a holiday period, never a year


def _dates(value: Any) -> list[dt.date]:
    """The days a 日期 cell names: one date (a date cell, 2027-01-01, 2027/1/1, 2027年1月1日,
    20270101) or a range (2027-02-05至2027-02-13). Raises ``ValueError`` with a message."""
    if isinstance(value, dt.datetime):
        return [value.date()]
    if isinstance(value, dt.date):
        return [value]
    text = unicodedata.normalize("NFKC", cell_text(value))
    for pattern in (_ONE_DATE, _COMPACT):
        found = pattern.match(text)
        if found:
            return [_date(*found.groups())]
    found = _RANGE.match(text)
    if found is None:
        raise ValueError(_("请写成日期，如 2027-01-01，或日期范围，如 2027-02-05至2027-02-13。"))
    first, last = _date(*found.groups()[:3]), _date(*found.groups()[3:])
    if last < first or (last - first).days >= LONGEST_RANGE:
        raise ValueError(_("日期范围应从早到晚，且不超过 %(n)s 天。") % {"n": LONGEST_RANGE})
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _date(year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(
            _("没有这一天：%(y)s 年 %(m)s 月 %(d)s 日。")
            % {"y": int(year), "m": int(month), "d": int(day)}
        ) from None


def _kind(value: Any) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value)).lower()
    if text in _HOLIDAY_WORDS:
        return str(Holiday.Kind.HOLIDAY)
    if text in _WORKDAY_WORDS:
        return str(Holiday.Kind.WORKDAY)
    raise ValueError(_("类型请填“放假”或“上班”。"))


@dataclass
class HolidaySheet:
    """What a sheet of the notice says: {date: (kind, name)}, the years it gives the schedule
    of (those with a day off in it), and what is wrong with it."""

    days: dict[dt.date, tuple[str, str]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def years(self) -> frozenset[int]:
        return frozenset(d.year for d, (k, _n) in self.days.items() if k == Holiday.Kind.HOLIDAY)


def holiday_sheet_read(source: Source, filename: str) -> HolidaySheet:
    """Read a sheet with the columns 日期, 类型 (放假/上班), 名称: one row per day or per
    period. Every problem is collected (``errors``); nothing is written."""
    reading = Reading(source, filename, SHEET_COLUMNS)
    sheet = HolidaySheet()
    where: dict[dt.date, tuple[int, str]] = {}  # the row (and sheet) that gave each date
    for reader in reading.sheets():
        for number, cells in reader.values():
            found = _read_row(cells, where)
            if isinstance(found, RowError):
                column = reader.layout.column(found.column)
                sheet.errors.append(
                    RowError(number, column, found.value, found.message, reader.name)
                )
                continue
            kind, name, days = found
            for day in days:
                where[day] = (number, reader.name)
                if name or kind != Holiday.Kind.HOLIDAY:
                    sheet.days[day] = (kind, name)
                else:  # a day off the law names is called by its festival's name
                    sheet.days[day] = (kind, statutory_days(day.year).get(day, ""))
    sheet.errors[:0] = reading.errors
    if not sheet.errors and not sheet.years:
        sheet.errors.append(RowError(0, "", "", _("文件中没有放假的日期。")))
    if sheet.days:  # checked beside the rows' own errors: every error at once
        kinds = {d: k for d, (k, _n) in sheet.days.items()}
        for year in sorted(sheet.years):
            for day, name in missing_statutory_days(kinds, year):
                row, sheet_name = where.get(day, (0, ""))
                sheet.errors.append(RowError(row, "", "", missing_message(day, name), sheet_name))
    return sheet


def _read_row(
    cells: tuple[Any, ...], where: dict[dt.date, tuple[int, str]]
) -> tuple[str, str, list[dt.date]] | RowError:
    """(kind, name, days) of one row, or its error (``column`` holds the field, ``row`` 0)."""
    date_cell, kind_cell, name_cell = cells
    try:
        days = _dates(date_cell)
    except ValueError as exc:
        return RowError(0, "date", cell_text(date_cell), str(exc))
    try:
        kind = _kind(kind_cell)
    except ValueError as exc:
        return RowError(0, "kind", cell_text(kind_cell), str(exc))
    for day in days:
        if day in where:
            message = _("%(date)s 在%(place)s已经写过。") % {
                "date": day.isoformat(),
                "place": place(*where[day]),
            }
            return RowError(0, "date", cell_text(date_cell), message)
        if kind == Holiday.Kind.WORKDAY and day.weekday() < 5:
            message = _("%(date)s 是周一至周五，本来就上班：只有周六、周日的调休上班日需要写。") % {
                "date": day.isoformat()
            }
            return RowError(0, "date", cell_text(date_cell), message)
    return kind, cell_text(name_cell)[:_NAME_LENGTH], days


class HolidaySheetRefused(DomainError):
    """The sheet has errors; ``errors`` lists each, and nothing was written."""

    code = "holiday_sheet_refused"
    default_message = gettext_lazy("表格有错误，没有导入任何日期。")

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        lines = "\n".join(describe(e) for e in errors[:20])
        super().__init__(f"{self.default_message}\n{lines}")


@dataclass(frozen=True)
class SheetImport:
    years: frozenset[int]
    added: int
    updated: int
    removed: int


@service
def holidays_import(
    *, actor: Actor, source: Source, filename: str, notice: str = ""
) -> SheetImport:
    """Import a sheet of the State Council's notice, all or nothing.

    The file gives the whole schedule of every year it has a day off in: that year's rows
    become exactly the file's (rows not in the file are removed, whoever entered them), and
    the year is marked as loaded. A make-up working day in a neighbouring year (a Saturday at
    the end of December) is added or updated without touching that year's other rows.
    Raises ``HolidaySheetRefused`` (with every error) and writes nothing when anything is
    wrong with the file.
    """
    _require_manager(actor)
    sheet = holiday_sheet_read(source, filename)
    if sheet.errors:
        raise HolidaySheetRefused(sheet.errors)
    years = sheet.years
    existing = {h.date: h for h in Holiday.objects.filter(date__in=list(sheet.days))}
    stale = Holiday.objects.filter(date__year__in=sorted(years)).exclude(date__in=list(sheet.days))
    removed = stale.count()
    stale.delete()
    new = [
        Holiday(date=d, kind=k, name=n)
        for d, (k, n) in sorted(sheet.days.items())
        if d not in existing
    ]
    changed = [h for d, h in existing.items() if (h.kind, h.name) != sheet.days[d]]
    for row in changed:
        row.kind, row.name = sheet.days[row.date]
    Holiday.objects.bulk_create(new)
    Holiday.objects.bulk_update(changed, ["kind", "name"])
    notice = notice.strip()[:200]
    for year in sorted(years):
        HolidayYear.objects.update_or_create(
            year=year, defaults={"source": HolidayYear.Source.SHEET, "notice": notice}
        )
        audit_record(
            actor=actor,
            action="holidays.import_sheet",
            target=_year_target(year),
            reason=notice or filename[:200],
            changes={"rows": [None, sum(1 for d in sheet.days if d.year == year)]},
        )
    _changed()
    return SheetImport(years, len(new), len(changed), removed)
