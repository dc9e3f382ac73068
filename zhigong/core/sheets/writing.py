"""The one way the platform writes an .xlsx: xlsxwriter, with text kept as text.

Whatever a person typed (a name, a job title, a remark) may begin with ``=``, ``+``, ``-`` or
``@``; written with xlsxwriter's defaults, or read back by a spreadsheet as a formula, that is
formula injection (``=HYPERLINK("http://evil", "点此")`` in a roster). So every workbook is
opened with the conversions of strings switched off, and every string is written with
``write_string``: it is stored as text (a shared or inline string), never as a formula, a
number or a link. Exports, error reports and templates all go through ``open_workbook``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

import xlsxwriter

SAFE_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
HEADER_STYLE = {"bold": True, "bg_color": "#F2F2F2", "border": 1}
REQUIRED_STYLE = {"bold": True, "bg_color": "#FFF2CC", "border": 1}


def open_workbook(target: Path | str | IO[bytes], *, constant_memory: bool = False) -> Any:
    """A new xlsxwriter workbook writing to ``target`` (a path or a binary stream).

    ``constant_memory`` streams each sheet's rows to a temporary file as they are written
    (rows must then be written in order): the mode for exports of a million rows. Otherwise
    the workbook is assembled in memory, for reports and templates.
    """
    options: dict[str, bool] = dict(SAFE_OPTIONS)
    if constant_memory:
        options["constant_memory"] = True
    else:
        options["in_memory"] = True
    return xlsxwriter.Workbook(str(target) if isinstance(target, Path) else target, options)


def write_cell(sheet: Any, row: int, column: int, value: Any, style: Any = None) -> None:
    """One cell by the type of its value; strings always as text."""
    if isinstance(value, str):
        sheet.write_string(row, column, value, style)
    elif value is None:
        if style is not None:
            sheet.write_blank(row, column, None, style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, style)
    elif isinstance(value, dt.date | dt.datetime | dt.time):
        sheet.write_string(row, column, value.isoformat(), style)
    else:
        sheet.write_string(row, column, str(value), style)


def write_row(sheet: Any, row: int, values: Any, style: Any = None, *, first: int = 0) -> None:
    """A row of cells from column ``first`` on, each by ``write_cell``."""
    for column, value in enumerate(values, start=first):
        write_cell(sheet, row, column, value, style)
