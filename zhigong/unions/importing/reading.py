"""Reading an import file (.xlsx via python-calamine, .csv via the csv module) into rows.

Row numbers are the spreadsheet's own (the header is row 1), whatever blank rows come
before or between the data, so a person can find a reported row in Excel or WPS.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from zhigong.unions.importing.rows import (
    COLUMN_BY_FIELD,
    COLUMNS,
    HEADER_FIELDS,
    ImportRow,
    RowError,
    header_key,
)

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})
CSV_SUFFIXES = frozenset({".csv"})
SUFFIXES = SPREADSHEET_SUFFIXES | CSV_SUFFIXES
TITLE_ROWS = 5  # rows above the header (a title, a note) that are passed over


@dataclass
class Sheet:
    """What was read: field → header as written, the non-blank data rows, file-level errors."""

    headers: dict[str, str] = field(default_factory=dict)
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def column(self, field_name: str) -> str:
        """The header as written in the file (the Chinese name when the column is absent)."""
        return self.headers.get(field_name) or COLUMN_BY_FIELD[field_name].chinese


def read_sheet(source: IO[bytes] | Path, filename: str) -> Sheet:
    suffix = Path(filename).suffix.lower()
    try:
        if suffix in CSV_SUFFIXES:
            table: Iterable[Sequence[Any]] = _csv_rows(_read_bytes(source))
        elif suffix in SPREADSHEET_SUFFIXES:
            table = _spreadsheet_rows(source)
        else:
            return _file_error(
                _("不支持的文件类型“%(suffix)s”，请上传 .xlsx 或 .csv 文件。")
                % {"suffix": suffix or filename}
            )
        return _parse(table)  # the CSV is decoded and split while it is parsed
    except _Unreadable as exc:
        return _file_error(str(exc))


class _Unreadable(Exception):
    pass


def _file_error(message: str, row: int = 0) -> Sheet:
    return Sheet(errors=[RowError(row, "", "", message)])


def _read_bytes(source: IO[bytes] | Path) -> bytes:
    if isinstance(source, Path):
        return source.read_bytes()
    source.seek(0)
    return source.read()


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the delimiter. UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" is tab-separated UTF-16.
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                # Excel and WPS in Chinese save CSV in GBK, which GB18030 contains.
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise _Unreadable(
                    _("无法识别文件的字符编码，请另存为“CSV UTF-8（逗号分隔）”后再导入。")
                ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    return text, delimiter


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text, delimiter = _decode(data)
    del data
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise _Unreadable(_("CSV 文件格式有误：%(error)s") % {"error": exc}) from exc


def _spreadsheet_rows(source: IO[bytes] | Path) -> list[list[Any]]:
    try:
        if isinstance(source, Path):
            workbook = CalamineWorkbook.from_path(source)
        else:
            source.seek(0)
            workbook = CalamineWorkbook.from_filelike(source)
        with workbook:
            if not workbook.sheet_names:
                return []
            # skip_empty_area=False keeps leading blank rows, so index + 1 is the row number.
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        raise _Unreadable(_("无法读取这个表格文件，请确认它是有效的 .xlsx 文件。")) from exc


def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers lose their '.0' (1001.0 → '1001', 420102.0 → '420102')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _filled_rows(table: Iterable[Sequence[Any]]) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of every row that is not blank."""
    for index, raw in enumerate(table):
        cells = [v.strip() if type(v) is str else cell_text(v) for v in raw]
        if any(cells):
            yield index + 1, cells


def _known_headers(cells: list[str]) -> int:
    return sum(1 for text in cells if header_key(text) in HEADER_FIELDS)


def _parse(table: Iterable[Sequence[Any]]) -> Sheet:
    """The header is the first row naming at least two known columns: a title row above it
    (often merged across the sheet) is passed over. Blank rows are skipped everywhere."""
    sheet = Sheet()
    filled = _filled_rows(table)
    candidates: list[tuple[int, list[str]]] = []
    for number, cells in filled:
        candidates.append((number, cells))
        if _known_headers(cells) >= 2 or len(candidates) > TITLE_ROWS:
            break
    if not candidates:
        return _file_error(_("文件是空的：没有表头，也没有数据。"))
    # No header near the top: the first row is taken, and its missing columns reported.
    number, cells = candidates[-1] if _known_headers(candidates[-1][1]) >= 2 else candidates[0]
    positions: dict[str, int] = {}
    if error := _read_header(cells, number, sheet, positions):
        sheet.errors.append(error)
        return sheet
    for number, cells in filled:
        values = {f: cells[i] if i < len(cells) else "" for f, i in positions.items()}
        sheet.rows.append(ImportRow(number, **values))
    if not sheet.rows:
        sheet.errors.append(RowError(0, "", "", _("文件中只有表头，没有数据行。")))
    return sheet


def _read_header(
    cells: list[str], number: int, sheet: Sheet, positions: dict[str, int]
) -> RowError | None:
    for i, text in enumerate(cells):
        field_name = HEADER_FIELDS.get(header_key(text))
        if field_name is None:
            continue  # other columns (remarks and the like) are ignored
        if field_name in positions:
            return RowError(
                number,
                text,
                text,
                _("列「%(first)s」和列「%(second)s」是同一列，请只保留一个。")
                % {"first": sheet.headers[field_name], "second": text},
            )
        positions[field_name] = i
        sheet.headers[field_name] = text
    missing = [c.label for c in COLUMNS if c.required and c.field not in positions]
    if missing:
        return RowError(
            number,
            "",
            "",
            _("缺少必需的列：%(columns)s。表头可以用中文或英文。")
            % {"columns": "、".join(missing)},
        )
    return None
