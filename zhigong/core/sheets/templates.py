"""A blank import template: the columns on the first sheet, how to fill them in on a second.

The second sheet is named 填写说明, which the reader passes over, so a filled-in template is
imported as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from zhigong.core.sheets.columns import Column
from zhigong.core.sheets.writing import HEADER_STYLE, REQUIRED_STYLE, open_workbook, write_row


def write_template(
    target: Path | IO[bytes],
    *,
    sheet_name: str,
    columns: tuple[Column, ...],
    notes: Mapping[str, Any],
    width: Callable[[Column], int] = lambda column: 18,
) -> None:
    """``notes`` says, per field, how to fill the column in. Every column is formatted as
    text, which keeps codes, ID numbers and leading zeros as typed."""
    workbook = open_workbook(target)
    bold = workbook.add_format(HEADER_STYLE)
    required = workbook.add_format(REQUIRED_STYLE)
    text = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(sheet_name)
    for i, column in enumerate(columns):
        sheet.write_string(0, i, column.chinese, required if column.required else bold)
        sheet.set_column(i, i, width(column), text)
    sheet.freeze_panes(1, 0)
    guide = workbook.add_worksheet(_("填写说明"))
    write_row(guide, 0, [_("列（中文）"), _("列（英文）"), _("填写要求")], bold)
    guide.set_column(0, 1, 16)
    guide.set_column(2, 2, 90)
    for i, column in enumerate(columns, start=1):
        write_row(guide, i, [column.chinese, column.english, str(notes[column.field])])
    workbook.close()
