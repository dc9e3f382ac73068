"""Checking roster rows: every bad cell is reported, none is skipped.

Person fields are checked by ``check_person`` (the same rules as the entry form). On top of
them: the grassroots union of each row (inside the import's scope), the date joined, ID
numbers unique in the file and new to the archive.

The work is split in two so that most of it can run in worker processes:

- ``check_batch`` (pure computation, no database): one batch of rows checked, its good rows
  sealed and written out as the COPY text the database takes, their figures counted. The
  main process sends it a ``Batch`` holding everything it needs, the unions of the batch's
  codes included, and gets a ``Checked`` back: small, so little time goes on pickling.
- ``Checker`` (main process): loads the unions a batch names, and checks what needs the
  whole file or the archive: ID numbers seen on an earlier row, and already registered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from zhigong.core.batching import chunked
from zhigong.core.idnumber import check_digit
from zhigong.core.masking import mask_id_number
from zhigong.core.sheets.cells import exact_digits, lost_digits_message
from zhigong.core.sheets.columns import Layout
from zhigong.core.sheets.errors import RowError, place
from zhigong.core.sheets.reading import Record
from zhigong.members import personal
from zhigong.members.choices import MemberStatus
from zhigong.members.figures import counting
from zhigong.members.figures.counting import age_band
from zhigong.members.importing.columns import FIELDS
from zhigong.members.importing.report import masked
from zhigong.members.importing.writing import copy_line
from zhigong.members.models import Member
from zhigong.members.services.registry import PersonInput, check_person
from zhigong.unions.figures import Key
from zhigong.unions.importing.checking import unions_by_code
from zhigong.unions.models import Union, UnionKind

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
# A year alone (2020, 2020年) or a year and month (2020-03, 2020.3, 2020年3月, 202003).
_YEAR = re.compile(r"^((?:19|20)\d\d)\s*年?$")
_YEAR_MONTH = re.compile(r"^((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})\s*月?|(\d\d))$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_DAY = dt.date(1900, 1, 1)
# An ID number that Excel wrote into a CSV as it showed a number: 4.20102E+17.
_SCIENTIFIC = re.compile(r"^\s*\d(?:\.\d*)?\s*E\s*\+?\s*\d+\s*$", re.IGNORECASE)
(NAME, GENDER, ID_NUMBER, PHONE, ETHNICITY, POLITICAL, EDUCATION, UNION_CODE, JOINED, JOB) = range(
    len(FIELDS)
)

# What a worker counts for the figures: (union id, gender, age band, political status,
# education) → members. The main process turns these into rollup rows once, at the end.
ProfileKey = tuple[int, str, str, str, str]


@lru_cache(maxsize=65_536)  # a roster has a few thousand distinct dates, a million rows
def parse_day(text: str) -> dt.date | None:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301 or an Excel day number.

    A year or a year and month alone (2020, 202003, 2020.3) is no day: None (see
    ``partial_day``), never the Excel day number it would otherwise be (2020 is 1905-07-12).
    """
    text = text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # ２０２４－０３－０１
    try:
        if match := _DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if partial_day(text):
            return None
        if _SERIAL.match(text) and float(text) >= 1:
            return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    except (ValueError, OverflowError):
        return None
    return None


def partial_day(text: str) -> str:
    """ "year" or "month" when ``text`` is a year alone or a year and month; "" otherwise."""
    if _YEAR.match(text):
        return "year"
    if (match := _YEAR_MONTH.match(text)) and 1 <= int(match[2] or match[3]) <= 12:
        return "month"
    return ""


def check_joined(
    text: str, birth_date: dt.date | None, today: dt.date
) -> tuple[dt.date | None, str]:
    if not text:
        return None, _("入会日期不能为空。")
    day = parse_day(text)
    if day is None:
        partial = partial_day(unicodedata.normalize("NFKC", text).strip())
        if partial == "year":
            message = _("入会日期“%(value)s”不完整：只有年份。请写出完整的日期，如 2020-03-01。")
        elif partial == "month":
            message = _("入会日期“%(value)s”不完整：只有年月。请写出完整的日期，如 2020-03-01。")
        else:
            message = _("入会日期“%(value)s”无法识别，请写成 2024-03-01 这样的日期。")
        return None, message % {"value": text}
    if day > today:
        return None, _("入会日期不能晚于今天。")
    if day < _FIRST_DAY:
        return None, _("入会日期不能早于 1900 年。")
    if birth_date is not None and day < birth_date:
        return None, _("入会日期不能早于出生日期。")
    return day, ""


@dataclass(frozen=True, slots=True)
class UnionInfo:
    pk: int
    code: str
    path: str
    kind: str
    is_active: bool


def union_problem(code: str, union: UnionInfo | None, default: UnionInfo | None) -> str:
    """Why a row's union code cannot take members ("" when it can)."""
    if not code:
        return "" if default is not None else _("请填写工作单位编码（会员所在基层工会的编码）。")
    if union is None:
        # The same words whether the code is unknown or outside the scope: no leak.
        return _("工作单位编码“%(code)s”不存在，或不在可导入的范围内。") % {"code": code}
    if union.kind != UnionKind.GRASSROOTS:
        return _("“%(code)s”不是基层工会：会员只能登记在基层工会。") % {"code": code}
    if not union.is_active:
        return _("基层工会“%(code)s”已停用。") % {"code": code}
    return ""


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """What the checks need of the sheet a batch comes from."""

    name: str  # "" for a CSV file
    headers: dict[str, str]  # each field's column as written in the sheet
    order: dict[str, int]  # each column's position in the sheet, to sort a row's errors

    @classmethod
    def of(cls, layout: Layout) -> SheetInfo:
        return cls(
            layout.sheet,
            {f: layout.column(f) for f in FIELDS},
            {layout.column(f): layout.positions.get(f, 99) for f in FIELDS},
        )


@dataclass(slots=True)
class Batch:
    """Everything a worker needs to check and seal one batch of rows (of one sheet)."""

    records: list[Record]
    sheet: int  # its index among the sheets read
    info: SheetInfo
    unions: dict[str, UnionInfo | None]  # the codes of this batch (None: not importable)
    default_union: UnionInfo | None  # for rows without a code
    seal: bool  # encrypt and write out the rows (not on a dry run, nor after an error)
    today: dt.date
    language: str
    constant: str  # the COPY text of the columns every row shares


@dataclass(slots=True)
class Checked:
    """One batch after ``check_batch``."""

    rows: int
    sheet: int
    errors: list[RowError] = field(default_factory=list)  # in row order, columns in file order
    warnings: list[RowError] = field(default_factory=list)
    # Rows whose person is valid, for the checks across the file and the archive: the row
    # number, the ID number's 17 digits as an integer, its blind index.
    numbers: list[int] = field(default_factory=list)
    keys: list[int] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    copy: bytes = b""  # the good rows as COPY text, when sealed and every row was good
    counts: dict[ProfileKey, int] = field(default_factory=dict)


def check_batch(batch: Batch) -> Checked:
    """Check one batch; seal its rows and write them out while every row is good."""
    with translation.override(batch.language):
        return _check_batch(batch)


def _check_batch(batch: Batch) -> Checked:
    today = batch.today
    unions, default = batch.unions, batch.default_union
    out = Checked(rows=len(batch.records), sheet=batch.sheet)
    lines: list[str] = []
    sealing = batch.seal
    numbers, keys, indexes, counts = out.numbers, out.keys, out.indexes, out.counts
    bands: dict[dt.date, str] = {}
    id_column = batch.info.headers["id_number"]
    for number, cells in batch.records:
        id_number = cells[ID_NUMBER]
        # A number where the ID number should be (a NumberText, not a str) has lost digits,
        # unless it has 15 at most (a first-generation number): Excel keeps those exactly.
        lost = type(id_number) is not str
        if lost and (digits := exact_digits(id_number)) is not None:
            id_number, lost = digits, False
        person, found = check_person(
            PersonInput(
                cells[NAME],
                "" if lost else id_number,
                cells[GENDER],
                cells[PHONE],
                cells[ETHNICITY],
                cells[POLITICAL],
                cells[EDUCATION],
                cells[JOB],
            ),
            today=today,
        )
        if lost or ("id_number" in found and _SCIENTIFIC.match(id_number)):
            found["id_number"] = lost_digits_message(
                id_column, masked("id_number", cells[ID_NUMBER])
            )
        joined, message = check_joined(cells[JOINED], person.birth_date if person else None, today)
        if message:
            found["joined_on"] = message
        code = cells[UNION_CODE]
        union = unions.get(code) if code else default
        if message := union_problem(code, union, default):
            found["union_code"] = message
        if person is not None:
            index = personal.id_index(person.id_number)
            numbers.append(number)
            keys.append(int(person.id_number[:17]))
            indexes.append(index)
            if person.warnings:
                # A 15-digit number from a number cell is shown as its digits, not 4.2E+14.
                cells = (*cells[:ID_NUMBER], id_number, *cells[ID_NUMBER + 1 :])
                out.warnings += [_row_error(batch, number, cells, f, w) for f, w in person.warnings]
        if found:
            sealing = False
            errors = [_row_error(batch, number, cells, f, m) for f, m in found.items()]
            errors.sort(key=lambda e: batch.info.order.get(e.column, 99))
            out.errors += errors
            continue
        assert person is not None and joined is not None and union is not None
        if sealing:
            sealed = (
                *personal.id_number_columns(person.id_number, index),
                *personal.phone_columns(person.phone, row=index),
            )
            lines.append(copy_line(union.pk, person, joined, sealed, batch.constant))
            birth = person.birth_date
            band = bands.get(birth) or bands.setdefault(birth, age_band(birth, today))
            key = (union.pk, person.gender, band, person.political_status, person.education)
            counts[key] = counts.get(key, 0) + 1
    if sealing:
        out.copy = "".join(lines).encode()
    else:
        out.counts.clear()
    return out


def _row_error(
    batch: Batch, number: int, cells: tuple[str, ...], field_name: str, message: str
) -> RowError:
    column = batch.info.headers.get(field_name) or field_name
    value = masked(field_name, cells[FIELDS.index(field_name)])
    return RowError(number, column, value, message, batch.info.name)


class Checker:
    """The main process's side: unions by code, and the checks across the file and archive.

    Keeps only compact state: the unions seen (by code) and, for duplicates in the file,
    the first place of each ID number keyed by its 17 digits as an integer (about 100 bytes
    a row: 1,000,000 rows ≈ 100 MB). A place is the sheet's index and the row in one int.
    """

    def __init__(self, *, anchor: Union | None, constant: str = "") -> None:
        self.anchor = anchor
        self.constant = constant
        self.unions: dict[str, UnionInfo | None] = {}
        self.seen: dict[int, int] = {}
        self.sheets: list[SheetInfo] = []
        self.default_union: UnionInfo | None = None
        if anchor is not None and anchor.kind == UnionKind.GRASSROOTS and anchor.is_active:
            self.default_union = UnionInfo(
                anchor.pk, anchor.code, anchor.path, anchor.kind, anchor.is_active
            )

    def add_sheet(self, layout: Layout) -> int:
        """Batches of this sheet follow; returns its index."""
        self.sheets.append(SheetInfo.of(layout))
        return len(self.sheets) - 1

    def batch(self, records: list[Record], *, seal: bool, today: dt.date) -> Batch:
        """A batch of the sheet added last."""
        codes = {cells[UNION_CODE] for _number, cells in records}
        codes.discard("")
        self._load_unions(codes)
        return Batch(
            records=records,
            sheet=len(self.sheets) - 1,
            info=self.sheets[-1],
            unions={code: self.unions[code] for code in codes},
            default_union=self.default_union,
            seal=seal,
            today=today,
            language=translation.get_language() or "zh-hans",
            constant=self.constant,
        )

    def check(self, checked: Checked) -> list[RowError]:
        """Every error of the batch, those found here included, in row and column order."""
        info = self.sheets[checked.sheet]
        id_column = info.headers["id_number"]
        found: list[RowError] = []
        seen = self.seen
        here = checked.sheet << 32
        fresh: list[tuple[int, int, str]] = []
        for number, key, index in zip(checked.numbers, checked.keys, checked.indexes, strict=True):
            first = seen.setdefault(key, here | number)
            if first != here | number:
                sheet, row = first >> 32, first & 0xFFFFFFFF
                shown = self.sheets[sheet].name if sheet != checked.sheet else ""
                message = _("身份证号与%(place)s重复。") % {"place": place(row, shown)}
                found.append(RowError(number, id_column, _masked_key(key), message, info.name))
            else:
                fresh.append((number, key, index))
        taken = self._in_archive([index for _n, _k, index in fresh])
        for number, key, index in fresh:
            if index in taken:
                message = _("该身份证号已登记为会员。")
                found.append(RowError(number, id_column, _masked_key(key), message, info.name))
        if not found:
            return checked.errors
        order = info.order
        return sorted([*checked.errors, *found], key=lambda e: (e.row, order.get(e.column, 99)))

    def paths(self) -> dict[int, str]:
        """The tree path of every union seen, by id (for the figures)."""
        return {u.pk: u.path for u in (*self.unions.values(), self.default_union) if u}

    def _load_unions(self, codes: Iterable[str]) -> None:
        wanted = {c for c in codes if c not in self.unions}
        if not wanted:
            return
        under = self.anchor.path if self.anchor is not None else ""
        for row in unions_by_code(wanted, ["id", "code", "path", "kind", "is_active"], under=under):
            self.unions[row[1]] = UnionInfo(*row)
        for code in wanted:
            self.unions.setdefault(code, None)

    def _in_archive(self, indexes: list[str]) -> set[str]:
        if not indexes:
            return set()
        if connection.vendor == "postgresql":
            # One array parameter, written as its text: binding or adapting 5,000 values
            # one by one costs more than the query. Blind indexes are hex: nothing to quote.
            table = connection.ops.quote_name(Member._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id_number_index FROM {table} WHERE id_number_index = ANY(%s::text[])",
                    ["{" + ",".join(indexes) + "}"],
                )
                return {row[0] for row in cursor.fetchall()}
        taken: set[str] = set()
        for part in chunked(indexes):
            taken.update(
                Member.objects.filter(id_number_index__in=part).values_list(
                    "id_number_index", flat=True
                )
            )
        return taken


def _masked_key(key: int) -> str:
    """The masked ID number of a valid number, from its 17 digits."""
    body = f"{key:017d}"
    return mask_id_number(body + check_digit(body))


def rollup_counts(counts: dict[ProfileKey, int]) -> dict[Key, int]:
    """What the workers counted → counts per (own union, dimension, value) for
    ``figures.add_counts``."""
    direct: Counter[Key] = Counter()
    for (union_id, gender, band, political, education), n in counts.items():
        for dim, value in counting.counted_values(
            status=MemberStatus.ACTIVE.value,
            gender=gender,
            band=band,
            political_status=political,
            education=education,
        ):
            direct[(union_id, dim, value)] += n
    return dict(direct)
