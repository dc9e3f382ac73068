"""Checking roster rows: every bad cell is reported, none is skipped.

Person fields are checked by ``check_person`` (the same rules as the entry form). On top of
them: the grassroots union of each row (inside the import's scope), the date joined, ID
numbers unique in the file and new to the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhigong.members.choices import Education, PoliticalStatus
from zhigong.members.importing.columns import FIELDS
from zhigong.members.importing.reading import Layout, Record
from zhigong.members.importing.report import masked
from zhigong.members.importing.writing import Sealer, person_columns
from zhigong.members.models import Member
from zhigong.members.services.registry import PersonInput, check_person, choice_code, profile
from zhigong.unions.importing.checking import chunked, unions_by_code
from zhigong.unions.importing.rows import RowError
from zhigong.unions.models import Union, UnionKind

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_DAY = dt.date(1900, 1, 1)
(NAME, GENDER, ID_NUMBER, PHONE, ETHNICITY, POLITICAL, EDUCATION, UNION_CODE, JOINED, JOB) = range(
    len(FIELDS)
)


def parse_day(text: str) -> dt.date | None:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301 or an Excel day number."""
    text = text.strip()
    try:
        if match := _DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if _SERIAL.match(text) and float(text) >= 1:
            return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    except (ValueError, OverflowError):
        return None
    return None


@dataclass(frozen=True, slots=True)
class UnionInfo:
    pk: int
    code: str
    path: str
    kind: str
    is_active: bool


class Choices:
    """Political status and education by code or Chinese label, remembered per value."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str], str | None] = {}

    def code(self, choices: Any, raw: str) -> str:
        """The code for a known value, else the value itself (so the check reports it)."""
        key = (choices.__name__, raw)
        if key not in self.memo:
            with translation.override("zh-hans"):
                found = choice_code(choices, raw)
            if found is None:
                found = choice_code(choices, raw)
            self.memo[key] = found
        found = self.memo[key]
        return raw if found is None else found


@dataclass(slots=True)
class Prepared:
    """One row after the checks that need no database, sealed when it is good."""

    number: int
    errors: list[RowError]
    warnings: list[RowError]
    key: int  # the 17 digits of the ID number as an integer (0 when the number is bad)
    index: str  # the blind index of the ID number ("" when bad)
    id_masked: str
    union_code: str
    columns: tuple[Any, ...] | None  # everything after union_id, when the row is good


@lru_cache(maxsize=1)
def _sealer() -> Sealer:
    return Sealer()


_CHOICES: list[Choices] = []


def _choices() -> Choices:
    if not _CHOICES:
        _CHOICES.append(Choices())
    return _CHOICES[0]


def prepare(batch: list[Record], headers: dict[str, str], seal: bool) -> list[Prepared]:
    """The checks of one batch that need no database, and the sealing of its good rows.

    Pure computation, so batches can go to worker processes: the caller adds the checks
    that need the database (unions, the archive) and the file as a whole (duplicates).
    """
    sealer = _sealer()
    choices = _choices()
    today = timezone.localdate()

    def error(number: int, cells: tuple[str, ...], field_name: str, message: str) -> RowError:
        column = headers.get(field_name) or field_name
        return RowError(
            number, column, masked(field_name, cells[FIELDS.index(field_name)]), message
        )

    prepared: list[Prepared] = []
    for number, cells in batch:
        person, found = check_person(
            PersonInput(
                name=cells[NAME],
                id_number=cells[ID_NUMBER],
                gender=cells[GENDER],
                phone=cells[PHONE],
                ethnicity=cells[ETHNICITY],
                political_status=choices.code(PoliticalStatus, cells[POLITICAL]),
                education=choices.code(Education, cells[EDUCATION]),
                job=cells[JOB],
            )
        )
        errors = [error(number, cells, f, str(m)) for f, m in found.items()]
        joined, date_error = check_joined(
            cells[JOINED], person.birth_date if person else None, today
        )
        if date_error:
            errors.append(error(number, cells, "joined_on", date_error))
        if person is None:
            prepared.append(Prepared(number, errors, [], 0, "", "", cells[UNION_CODE], None))
            continue
        warnings = [error(number, cells, "id_number", str(m)) for m in person.warnings]
        columns = None
        if seal and not errors and joined is not None:
            sealed = sealer.personal(person.id_number, person.phone)
            index = sealed[1]
            columns = person_columns(
                **profile(person),
                joined_on=joined,
                personal=sealed,
            )
        else:
            index = sealer.id_index(person.id_number)
        prepared.append(
            Prepared(
                number,
                errors,
                warnings,
                int(person.id_number[:17]),
                index,
                masked("id_number", person.id_number),
                cells[UNION_CODE],
                columns,
            )
        )
    return prepared


def check_joined(
    text: str, birth_date: dt.date | None, today: dt.date
) -> tuple[dt.date | None, str]:
    if not text:
        return None, _("入会日期不能为空。")
    day = parse_day(text)
    if day is None:
        return None, _("入会日期“%(value)s”无法识别，请写成 2024-03-01 这样的日期。") % {
            "value": text
        }
    if day > today:
        return None, _("入会日期不能晚于今天。")
    if day < _FIRST_DAY:
        return None, _("入会日期不能早于 1900 年。")
    if birth_date is not None and day < birth_date:
        return None, _("入会日期不能早于出生日期。")
    return day, ""


class Checker:
    """The checks that need the database or the whole file, over prepared batches.

    Keeps only compact state: the unions seen (by code) and, for duplicates in the file,
    the first row of each ID number keyed by its 17 digits as an integer (about 100 bytes a
    row: 1,000,000 rows ≈ 100 MB).
    """

    def __init__(self, *, anchor: Union | None, layout: Layout) -> None:
        self.anchor = anchor
        self.layout = layout
        self.unions: dict[str, UnionInfo | None] = {}
        self.seen: dict[int, int] = {}
        self.default_union: UnionInfo | None = None
        if anchor is not None and anchor.kind == UnionKind.GRASSROOTS and anchor.is_active:
            self.default_union = UnionInfo(
                anchor.pk, anchor.code, anchor.path, anchor.kind, anchor.is_active
            )

    def check(
        self, batch: list[Prepared]
    ) -> tuple[list[RowError], list[RowError], list[tuple[Any, ...]]]:
        """(errors in row order, warnings, rows to write when the batch has no error)."""
        self._load_unions(p.union_code for p in batch)
        id_column = self.layout.column("id_number")
        union_column = self.layout.column("union_code")
        rows: list[tuple[Any, ...]] = []
        good: list[Prepared] = []
        warnings: list[RowError] = []
        failed = False
        for item in batch:
            warnings.extend(item.warnings)
            union, message = self._union(item.union_code)
            if message:
                item.errors.append(RowError(item.number, union_column, item.union_code, message))
            if item.key:
                first = self.seen.setdefault(item.key, item.number)
                if first != item.number:
                    item.errors.append(
                        RowError(
                            item.number,
                            id_column,
                            item.id_masked,
                            _("身份证号与第 %(row)s 行重复。") % {"row": first},
                        )
                    )
            if item.errors:
                failed = True
            elif union is not None:
                good.append(item)
                rows.append((union.pk, *(item.columns or ())))
        if good:
            taken = self._in_archive([p.index for p in good])
            for item in good:
                if item.index in taken:
                    failed = True
                    item.errors.append(
                        RowError(
                            item.number, id_column, item.id_masked, _("该身份证号已登记为会员。")
                        )
                    )
        order = {self.layout.column(f): self.layout.positions.get(f, 99) for f in FIELDS}
        errors = [
            e for item in batch for e in sorted(item.errors, key=lambda e: order.get(e.column, 99))
        ]
        return errors, warnings, ([] if failed else rows)

    def _load_unions(self, codes: Iterable[str]) -> None:
        wanted = {c for c in codes if c and c not in self.unions}
        if not wanted:
            return
        under = self.anchor.path if self.anchor is not None else ""
        for row in unions_by_code(wanted, ["id", "code", "path", "kind", "is_active"], under=under):
            self.unions[row[1]] = UnionInfo(*row)
        for code in wanted:
            self.unions.setdefault(code, None)

    def _union(self, code: str) -> tuple[UnionInfo | None, str]:
        if not code:
            if self.default_union is not None:
                return self.default_union, ""
            return None, _("请填写工作单位编码（会员所在基层工会的编码）。")
        union = self.unions.get(code)
        if union is None:
            # The same words whether the code is unknown or outside the scope: no leak.
            return None, _("工作单位编码“%(code)s”不存在，或不在可导入的范围内。") % {"code": code}
        if union.kind != UnionKind.GRASSROOTS:
            return None, _("“%(code)s”不是基层工会：会员只能登记在基层工会。") % {"code": code}
        if not union.is_active:
            return None, _("基层工会“%(code)s”已停用。") % {"code": code}
        return union, ""

    def _in_archive(self, indexes: list[str]) -> set[str]:
        taken: set[str] = set()
        for batch in chunked(indexes):
            taken.update(
                Member.objects.filter(id_number_index__in=batch).values_list(
                    "id_number_index", flat=True
                )
            )
        return taken
