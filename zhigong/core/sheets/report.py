"""The error report of an import: an .xlsx with one line per error, 工作表, 行号, 列, 值, 错误说明.

``ErrorReport`` collects errors as they are found: a count, the first few for the screen,
and (optionally) the report, written with xlsxwriter's ``constant_memory`` mode straight to
its file, so a file with an error on every one of a million rows costs no more memory than
one. Values reach it already masked by the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from zhigong.core.sheets.errors import RowError
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook

SHOWN = 500  # errors kept in memory for the screen; the report holds all of them
_WIDTHS = (14, 8, 16, 24, 80)


def report_headings() -> list[str]:
    return [_("工作表"), _("行号"), _("列"), _("值"), _("错误说明")]


class ErrorReport:
    """Errors as they come: ``count``, the first ``SHOWN`` in ``first``, all in the report.

    The report (when ``target`` is given) is created with the first line; ``open()``
    creates it at once, for a report that must exist even when empty. ``note`` adds a line
    that is not an error (warnings, after the errors).
    """

    def __init__(self, target: Path | IO[bytes] | None = None) -> None:
        self.count = 0
        self.lines = 0  # lines written to the report: the errors, then any notes
        self.first: list[RowError] = []
        self.target = target
        self._workbook: Any = None
        self._sheet: Any = None

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.first) < SHOWN:
            self.first.append(error)
        self._write(error)

    def note(self, error: RowError) -> None:
        """A line of the report that is not an error (a warning, after the errors): neither
        counted nor kept in ``first``."""
        self._write(error)

    def _write(self, error: RowError) -> None:
        if self.target is None:
            return
        if self._sheet is None:
            self.open()
        self.lines += 1
        line, sheet = self.lines, self._sheet
        sheet.write_string(line, 0, error.sheet)
        if error.row:
            sheet.write_number(line, 1, error.row)
        sheet.write_string(line, 2, error.column)
        sheet.write_string(line, 3, error.value)
        sheet.write_string(line, 4, str(error.message))

    def open(self) -> None:
        if self.target is None or self._workbook is not None:
            return
        if isinstance(self.target, Path):
            self.target.parent.mkdir(parents=True, exist_ok=True)
        self._workbook = open_workbook(self.target, constant_memory=True)
        bold = self._workbook.add_format(HEADER_STYLE)
        self._sheet = self._workbook.add_worksheet(_("错误"))
        for i, width in enumerate(_WIDTHS):
            self._sheet.set_column(i, i, width)
        self._sheet.freeze_panes(1, 0)
        for i, heading in enumerate(report_headings()):
            self._sheet.write_string(0, i, heading, bold)

    def close(self) -> None:
        if self._workbook is not None:
            if self.lines:
                self._sheet.autofilter(0, 0, self.lines, len(_WIDTHS) - 1)
            self._workbook.close()
            self._workbook = self._sheet = None


def write_error_report(errors: list[RowError], target: Path | IO[bytes]) -> None:
    """All these errors as a report (an empty one when there are none)."""
    report = ErrorReport(target)
    report.open()
    try:
        for error in errors:
            report.add(error)
    finally:
        report.close()


def read_error_report(path: Path, limit: int = 200) -> list[RowError]:
    """The first errors of a report written here (reports of four columns, written before
    sheets were named, too)."""
    errors: list[RowError] = []
    with CalamineWorkbook.from_path(path) as workbook:
        rows = workbook.get_sheet_by_index(0).iter_rows()
        headings = [str(h) for h in next(rows, [])]
        offset = 1 if len(headings) >= len(_WIDTHS) else 0
        for row in rows:
            if len(errors) >= limit:
                break
            sheet = str(row[0]) if offset else ""
            number = row[offset]
            errors.append(
                RowError(
                    int(number) if isinstance(number, int | float) else 0,
                    str(row[offset + 1]),
                    str(row[offset + 2]),
                    str(row[offset + 3]),
                    sheet,
                )
            )
    return errors
