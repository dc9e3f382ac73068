"""Reading a roster lazily, row by row: the file is never held in memory as a whole.

A .csv is decoded as it is read (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030, as
Excel and WPS in Chinese save it); an .xlsx is read with python-calamine's row iterator.
Row numbers are the spreadsheet's own (the header is row 1, blank rows counted), so a person
can find a reported row in Excel or WPS.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from zhigong.members.importing.columns import COLUMN_BY_FIELD, COLUMNS, FIELDS, HEADER_FIELDS
from zhigong.unions.importing.reading import CSV_SUFFIXES, SPREADSHEET_SUFFIXES, cell_text
from zhigong.unions.importing.rows import RowError, header_key

TITLE_ROWS = 5  # rows above the header (a title, a note) that are passed over
_SNIFF_CHUNK = 1 << 20


class Unreadable(Exception):
    """The file cannot be read at all; the message is for people."""


@dataclass
class Layout:
    """Where each known column is, and its header as written in the file."""

    header_row: int = 0
    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def column(self, field_name: str) -> str:
        return self.headers.get(field_name) or COLUMN_BY_FIELD[field_name].chinese


def _encoding(path: Path) -> str:
    """UTF-16 with BOM, else UTF-8 (with or without BOM) if the whole file decodes, else GB18030.

    The check reads the file once in 1 MiB pieces through an incremental decoder.
    """
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := stream.read(_SNIFF_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def _csv_table(path: Path) -> Iterator[list[str]]:
    encoding = _encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as text:
            first = text.readline()
            delimiter = "\t" if first.count("\t") > first.count(",") else ","
            text.seek(0)
            yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise Unreadable(
            _("无法识别文件的字符编码，请另存为“CSV UTF-8（逗号分隔）”后再导入。")
        ) from exc
    except csv.Error as exc:
        raise Unreadable(_("CSV 文件格式有误：%(error)s") % {"error": exc}) from exc


def _xlsx_table(path: Path) -> Iterator[list[Any]]:
    try:
        with CalamineWorkbook.from_path(path) as workbook:
            if not workbook.sheet_names:
                return
            sheet = workbook.get_sheet_by_index(0)
            start = sheet.start
            # iter_rows starts at the first used cell: rows above it are blank.
            for _blank in range(start[0] if start else 0):
                yield []
            offset = start[1] if start else 0
            for row in sheet.iter_rows():
                yield [None] * offset + list(row) if offset else row
    except (CalamineError, ValueError, OSError) as exc:
        raise Unreadable(_("无法读取这个表格文件，请确认它是有效的 .xlsx 文件。")) from exc


def table(path: Path, filename: str) -> Iterator[list[Any]]:
    """The raw rows of the file, in order, blank ones included."""
    suffix = Path(filename).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_table(path)
    if suffix in SPREADSHEET_SUFFIXES:
        return _xlsx_table(path)
    raise Unreadable(
        _("不支持的文件类型“%(suffix)s”，请上传 .xlsx 或 .csv 文件。")
        % {"suffix": suffix or filename}
    )


def _texts(raw: list[Any]) -> list[str]:
    return [v.strip() if type(v) is str else cell_text(v) for v in raw]


def _known(cells: list[str]) -> int:
    return sum(1 for text in cells if header_key(text) in HEADER_FIELDS)


def read_layout(cells: list[str], number: int) -> tuple[Layout, RowError | None]:
    layout = Layout(header_row=number)
    for i, text in enumerate(cells):
        field_name = HEADER_FIELDS.get(header_key(text))
        if field_name is None:
            continue  # other columns (remarks and the like) are ignored
        if field_name in layout.positions:
            return layout, RowError(
                number,
                text,
                text,
                _("列「%(first)s」和列「%(second)s」是同一列，请只保留一个。")
                % {"first": layout.headers[field_name], "second": text},
            )
        layout.positions[field_name] = i
        layout.headers[field_name] = text
    missing = [c.label for c in COLUMNS if c.required and c.field not in layout.positions]
    if missing:
        return layout, RowError(
            number,
            "",
            "",
            _("缺少必需的列：%(columns)s。表头可以用中文或英文。")
            % {"columns": "、".join(missing)},
        )
    return layout, None


Record = tuple[int, tuple[str, ...]]  # (row number, cell texts in FIELDS order)


class Rows:
    """The data rows of a file: ``layout`` after the header is found, then ``records()``.

    Raises ``Unreadable`` (a message for people) when the file cannot be read.
    """

    def __init__(self, path: Path, filename: str) -> None:
        self.path = path
        self.filename = filename
        self.layout = Layout()
        self.error: RowError | None = None
        # A CSV gives text only; a spreadsheet also numbers and dates.
        self._text = str.strip if Path(filename).suffix.lower() in CSV_SUFFIXES else cell_text
        self._rows = self._raw()
        self._first: list[tuple[int, list[Any]]] = []
        self._find_header()

    def _raw(self) -> Iterator[tuple[int, list[Any]]]:
        for index, raw in enumerate(table(self.path, self.filename)):
            if raw:
                yield index + 1, raw

    def _find_header(self) -> None:
        candidates: list[tuple[int, list[Any]]] = []
        for number, raw in self._rows:
            cells = _texts(raw)
            if not any(cells):
                continue
            candidates.append((number, raw))
            if _known(cells) >= 2 or len(candidates) > TITLE_ROWS:
                break
        if not candidates:
            self.error = RowError(0, "", "", _("文件是空的：没有表头，也没有数据。"))
            return
        pick = len(candidates) - 1 if _known(_texts(candidates[-1][1])) >= 2 else 0
        number, raw = candidates[pick]
        self.layout, self.error = read_layout(_texts(raw), number)
        self._first = candidates[pick + 1 :]  # rows read while looking for the header

    def records(self) -> Iterator[Record]:
        """(row number, the cells of ``FIELDS`` as text) of every row that is not blank.

        Runs once a row of a million: one ``itemgetter`` and one ``map`` in C, no loop in
        Python over the cells.
        """
        positions = [self.layout.positions.get(f, -1) for f in FIELDS]
        width = max(positions) + 1
        # A missing column reads the "" put at the end of every row.
        pick = itemgetter(*(p if p >= 0 else -1 for p in positions))
        text = self._text
        for number, raw in chain(self._first, self._rows):
            if len(raw) < width:
                raw = [*raw, *[""] * (width - len(raw))]
            raw.append("")
            cells = tuple(map(text, pick(raw)))
            if any(cells) or any(_texts(raw)):  # a row with remarks only is not blank
                yield number, cells


def estimate_rows(path: Path, filename: str) -> int:
    """A quick estimate of the data rows for the progress bar (lines of a CSV, less one)."""
    if Path(filename).suffix.lower() in CSV_SUFFIXES:
        lines = 0
        with path.open("rb") as stream:
            while chunk := stream.read(_SNIFF_CHUNK):
                lines += chunk.count(b"\n")
        return max(lines - 1, 0)
    return 0
