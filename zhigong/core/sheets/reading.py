"""Reading an uploaded spreadsheet, sheet by sheet and row by row, never whole in memory.

    reading = Reading(path_or_upload, filename, COLUMNS)   # refuses bad files and bombs
    for sheet in reading.sheets():                          # every visible sheet with data
        for number, cells in sheet.records():               # cells in COLUMNS order, as text
            ...
    problems = reading.errors                               # sheets and rows it could not take

.xlsx/.xlsm (python-calamine) and .csv (see ``csvfiles``); the legacy .xls too. Row numbers
are the spreadsheet's own (the first row is 1, blank rows counted), so a person finds a
reported row in Excel or WPS. In each sheet the header is the first row naming at least two
known columns, below any title rows; the data end at a footer (负责人：… 填表人：…).
Blank rows and rows holding only a serial number are passed over. Hidden sheets are ignored,
and so are sheets named as instructions (填写说明, like the second sheet of our templates);
a visible sheet that holds data under no recognised header is refused by name.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from zhigong.core.sheets import inspection
from zhigong.core.sheets.cells import NumberText, cell_text, excel_number
from zhigong.core.sheets.columns import ColumnSet, Layout, header_key
from zhigong.core.sheets.csvfiles import csv_rows
from zhigong.core.sheets.errors import RowError, UnreadableSheet, place
from zhigong.core.sheets.limits import (
    Limits,
    check_cells,
    check_upload_size,
    current_limits,
    source_size,
)
from zhigong.core.sheets.rows import FOOTER_START, filled, first_filled, is_footer, is_skipped

Source = Path | IO[bytes]
Record = tuple[int, tuple[Any, ...]]  # (row number, the cells of the app's columns, in order)
RawRows = Iterator[tuple[int, list[Any]]]

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
XLS_SUFFIXES = frozenset({".xls"})
CSV_SUFFIXES = frozenset({".csv"})
SUFFIXES = XLSX_SUFFIXES | XLS_SUFFIXES | CSV_SUFFIXES
TITLE_ROWS = 10  # filled rows above the header (titles, notes, a row of groups) passed over
GUIDE_SHEETS = frozenset(
    map(header_key, ("填写说明", "填表说明", "说明", "使用说明", "instructions", "readme"))
)


def _damaged() -> UnreadableSheet:
    return UnreadableSheet(_("无法读取这个表格文件，请确认它是有效的 .xlsx 文件。"))


class Reading:
    """One uploaded file, checked against the limits and opened for reading.

    Raises ``UnreadableSheet`` (or ``SheetTooLarge``) at once for a file it will not read,
    and later from ``sheets()`` when a part turns out damaged. ``errors`` collects what is
    wrong with sheets and rows as they are read; ``estimated_rows`` is known before reading
    (lines of a CSV, declared rows of the sheets), or 0.
    """

    def __init__(
        self, source: Source, filename: str, columns: ColumnSet, *, limits: Limits | None = None
    ) -> None:
        self.source = source
        self.columns = columns
        self.limits = limits or current_limits()
        self.errors: list[RowError] = []
        self._estimate: int | None = None
        self.records_read = 0
        self.sheets_read = 0
        self.suffix = Path(filename).suffix.lower()
        if self.suffix not in SUFFIXES:
            raise UnreadableSheet(
                _("不支持的文件类型“%(suffix)s”，请上传 .xlsx 或 .csv 文件。")
                % {"suffix": self.suffix or filename}
            )
        check_upload_size(source_size(source), self.limits)
        self._extents: dict[str, inspection.Extent] = {}
        self._parts: list[tuple[str, str]] = []
        if self.suffix in XLSX_SUFFIXES:
            self._inspect_xlsx()

    @property
    def estimated_rows(self) -> int:
        """The data rows to expect, for a progress bar: lines of a CSV (one more pass over
        the file, made only when asked), declared rows of an .xlsx's sheets, or 0."""
        if self._estimate is None:
            self._estimate = _count_lines(self.source) if self.suffix in CSV_SUFFIXES else 0
        return self._estimate

    # -- before reading -----------------------------------------------------------------------
    def _inspect_xlsx(self) -> None:
        try:
            with _binary(self.source) as stream, zipfile.ZipFile(stream) as archive:
                self._parts = inspection.worksheet_parts(archive)
                self._extents = inspection.scan_xlsx(archive, self.limits)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise _damaged() from exc
        self._estimate = sum(max(e.rows - 1, 0) for e in self._extents.values())

    def _check_sizes(self, workbook: CalamineWorkbook, indexes: list[int]) -> None:
        """Refuse any of these sheets that is larger than the limits, probing those whose XML
        proved nothing (and every sheet of an .xls)."""
        unknown = []
        names = workbook.sheet_names
        # The parts are matched to calamine's sheets by position: only when both read the
        # same sheets in the same order.
        same = [name for name, _part in self._parts] == names
        for index in indexes:
            extent = self._extents.get(self._parts[index][1]) if same else None
            if extent is not None and extent.fits is False:
                check_cells(names[index], extent.rows, extent.columns, self.limits)
            if extent is None or extent.fits is None:
                unknown.append(index)
        if unknown:
            with inspection.as_path(self.source) as path:
                sizes = inspection.probe(path, unknown, self.limits)
            for index, (rows, columns) in zip(unknown, sizes, strict=True):
                check_cells(names[index], rows, columns, self.limits)

    # -- reading --------------------------------------------------------------------------------
    def sheets(self) -> Iterator[SheetReader]:
        """Every sheet to read, in order, its header found; sheets it cannot take go to
        ``errors``. Raises ``UnreadableSheet`` when the file turns out damaged."""
        if self.suffix in CSV_SUFFIXES:
            with _binary(self.source) as stream:
                sheet = self._start("", enumerate(csv_rows(stream), start=1), typed=False)
                if sheet is not None:
                    yield sheet
        else:
            yield from self._workbook_sheets()
        self._finish()

    def _workbook_sheets(self) -> Iterator[SheetReader]:
        try:
            if isinstance(self.source, Path):
                workbook = CalamineWorkbook.from_path(self.source)
            else:
                with _binary(self.source) as stream:
                    workbook = CalamineWorkbook.from_filelike(stream)
        except (CalamineError, ValueError, OSError) as exc:
            raise _damaged() from exc
        with workbook:
            wanted = [
                i
                for i, meta in enumerate(workbook.sheets_metadata)
                if meta.visible == SheetVisibleEnum.Visible
                and meta.typ == SheetTypeEnum.WorkSheet
                and header_key(meta.name) not in GUIDE_SHEETS
            ]
            self._check_sizes(workbook, wanted)
            for index in wanted:
                try:
                    calamine_sheet = workbook.get_sheet_by_index(index)
                except (CalamineError, ValueError, OSError) as exc:
                    raise _damaged() from exc
                start = calamine_sheet.start
                if start is None:
                    continue  # nothing on it
                rows = _calamine_rows(calamine_sheet.iter_rows(), start[0])
                sheet = self._start(calamine_sheet.name, rows, typed=True)
                del calamine_sheet, rows  # the reader holds what it needs
                if sheet is not None:
                    yield sheet

    def _start(self, name: str, rows: RawRows, *, typed: bool) -> SheetReader | None:
        """The sheet's reader with its header found, or None (blank sheet, or refused)."""
        candidates: list[tuple[int, list[Any]]] = []
        for number, raw in rows:
            texts = [cell_text(v) for v in raw]
            if not any(texts):
                continue
            candidates.append((number, raw))
            if self.columns.known(texts) >= 2 or len(candidates) > TITLE_ROWS:
                break
        if not candidates:
            return None
        number, raw = candidates[-1]
        texts = [cell_text(v) for v in raw]
        if self.columns.known(texts) < 2:
            # No header near the top. A first row naming one known column, or any first row of
            # a CSV, is taken as the header and its missing columns reported; a sheet of
            # something else altogether is refused by its name.
            number, raw = candidates[0]
            texts = [cell_text(v) for v in raw]
            if name and not self.columns.known(texts):
                self._no_header(name)
                return None
        layout = self.columns.layout(texts, number, name)
        if layout.error is not None:
            self.errors.append(layout.error)
            return None
        self.sheets_read += 1
        return SheetReader(self, layout, rows, typed=typed)

    def _no_header(self, name: str) -> None:
        required = "、".join(self.columns.by_field[f].chinese for f in self.columns.required)
        message = _(
            "工作表「%(sheet)s」有内容，但找不到表头（应有 %(columns)s 等列）。"
            "如果这个工作表不是要导入的数据，请删除或隐藏它后再导入。"
        ) % {"sheet": name, "columns": required}
        self.errors.append(RowError(0, "", "", message, name))

    def _finish(self) -> None:
        if self.errors:
            return
        if not self.sheets_read:
            self.errors.append(RowError(0, "", "", _("文件是空的：没有表头，也没有数据。")))
        elif not self.records_read:
            self.errors.append(RowError(0, "", "", _("文件中只有表头，没有数据行。")))


class SheetReader:
    """One sheet, its header found: ``layout`` and the data rows (``records``)."""

    def __init__(self, reading: Reading, layout: Layout, rows: RawRows, *, typed: bool) -> None:
        self.reading = reading
        self.layout = layout
        self.name = layout.sheet
        self._rows = rows
        self._typed = typed
        columns = reading.columns
        self._positions = [layout.positions.get(f, -1) for f in columns.fields]
        self._declared = frozenset(layout.positions.values())
        self._required = [layout.positions[f] for f in columns.required]
        # A CSV holds text only: no cell there can be a number in disguise.
        self._text_only = [
            (k, layout.positions[f])
            for k, f in enumerate(columns.fields)
            if typed and columns.by_field[f].text_only and f in layout.positions
        ]

    def records(self) -> Iterator[Record]:
        """(row number, the cells of the app's columns as text) of every data row.

        A number in a ``text_only`` column comes as a ``NumberText``. Runs once a row of a
        million: one ``itemgetter`` and one ``map`` in C, and one look at the first cell for
        a footer.
        """
        return self._records(cell_text if self._typed else str.strip)

    def values(self) -> Iterator[Record]:
        """The same rows with the cells as calamine typed them (str, float, date, bool …;
        "" when empty): for checks that tell a number from text themselves."""
        return self._records(None)

    def _records(self, convert: Callable[[Any], Any] | None) -> Iterator[Record]:
        positions = self._positions
        width = max(positions) + 1
        # A missing column reads the "" put at the end of every row.
        index = [p if p >= 0 else -1 for p in positions]
        pick = itemgetter(*index) if len(index) > 1 else lambda raw: (raw[index[0]],)
        text_only = self._text_only if convert is not None else []
        declared, footer_start = self._declared, FOOTER_START
        read = 0  # counted here and added once: an attribute a row costs more
        try:
            for number, raw in self._rows:
                if not raw:
                    continue
                lead = raw[0]
                if lead == "" or lead is None:
                    lead = first_filled(raw)
                if type(lead) is str and lead[:1] in footer_start and is_footer(lead):
                    self._after_footer(number)
                    return
                if len(raw) < width:
                    raw = [*raw, *[""] * (width - len(raw))]
                raw.append("")
                cells = pick(raw)
                if convert is not None:
                    cells = tuple(map(convert, cells))
                if not any(cells) and is_skipped(raw, declared):
                    continue
                for k, position in text_only:
                    value = raw[position]
                    if type(value) is float or type(value) is int:
                        cells = (*cells[:k], NumberText(excel_number(value)), *cells[k + 1 :])
                read += 1
                yield number, cells
        finally:
            self.reading.records_read += read

    def _after_footer(self, footer: int) -> None:
        """Read to the end of the sheet past the footer: a row there that fills every required
        column is data nobody should lose, and is an error."""
        required = self._required
        for number, raw in self._rows:
            if not raw or not all(p < len(raw) and filled(raw[p]) for p in required):
                continue
            lead = first_filled(raw)
            if type(lead) is str and is_footer(lead):
                continue
            self.reading.errors.append(
                RowError(
                    number,
                    "",
                    "",
                    _(
                        "这一行在表尾（%(footer)s的“负责人”“填表人”等）之后，但看起来是数据。"
                        "表尾之后的行不会导入：请把数据移到表尾之前，或删除这一行。"
                    )
                    % {"footer": place(footer)},
                    self.name,
                )
            )
            return


def _calamine_rows(rows: Iterator[list[Any]], top: int) -> RawRows:
    # iter_rows starts at the first used row: the rows above it are blank.
    return enumerate(rows, start=top + 1)


def _count_lines(source: Source) -> int:
    """A quick estimate of the data rows for a progress bar: lines, less the header."""
    lines = 0
    with _binary(source) as stream:
        stream.seek(0)
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
        stream.seek(0)
    return max(lines - 1, 0)


class _binary:
    """The source as a binary stream at its start; a path is opened (and closed again)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.opened: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        if isinstance(self.source, Path):
            self.opened = self.source.open("rb")
            return self.opened
        stream: IO[bytes] = getattr(self.source, "file", self.source)
        stream.seek(0)
        return stream

    def __exit__(self, *exc: object) -> None:
        if self.opened is not None:
            self.opened.close()
