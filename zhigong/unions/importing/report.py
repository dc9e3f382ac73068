"""Spreadsheets for people: the error report of a failed import, and a blank template."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

import xlsxwriter
from django.utils.translation import gettext as _

from zhigong.unions.importing.rows import COLUMNS, RowError


def describe(error: RowError) -> str:
    """One error as a line of text: 第 N 行，列「X」：message."""
    if error.row == 0:
        return _("文件：%(message)s") % {"message": error.message}
    if not error.column:
        return _("第 %(row)s 行：%(message)s") % {"row": error.row, "message": error.message}
    return _("第 %(row)s 行，列「%(column)s」：%(message)s") % {
        "row": error.row,
        "column": error.column,
        "message": error.message,
    }


def write_error_report(errors: Iterable[RowError], stream: IO[bytes]) -> None:
    """An .xlsx with one line per error: 行号, 列, 值, 错误说明."""
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(_("错误"))
    sheet.write_row(0, 0, [_("行号"), _("列"), _("值"), _("错误说明")], bold)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 24, text)
    sheet.set_column(3, 3, 80)
    sheet.freeze_panes(1, 0)
    line = 0
    for line, error in enumerate(errors, start=1):
        if error.row:
            sheet.write_number(line, 0, error.row)
        sheet.write_string(line, 1, error.column)
        sheet.write_string(line, 2, error.value)
        sheet.write_string(line, 3, error.message)
    if line:
        sheet.autofilter(0, 0, line, 3)
    workbook.close()


def write_column_template(
    stream: IO[bytes],
    *,
    sheet_name: str,
    columns: Sequence[Any],
    notes: dict[str, Any],
    width: Callable[[Any], int] = lambda column: 18,
) -> None:
    """A blank import template: the columns on the first sheet, how to fill them on the second.

    Shared by every importer; ``columns`` have ``field``, ``chinese``, ``english`` and
    ``required``, and ``notes`` says, per field, how to fill it in.
    """
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    required = workbook.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    text = workbook.add_format({"num_format": "@"})  # keeps codes, ID numbers, leading zeros
    sheet = workbook.add_worksheet(sheet_name)
    for i, column in enumerate(columns):
        sheet.write_string(0, i, column.chinese, required if column.required else bold)
        sheet.set_column(i, i, width(column), text)
    sheet.freeze_panes(1, 0)
    guide = workbook.add_worksheet(_("填写说明"))
    guide.write_row(0, 0, [_("列（中文）"), _("列（英文）"), _("填写要求")], bold)
    guide.set_column(0, 1, 16)
    guide.set_column(2, 2, 90)
    for i, column in enumerate(columns, start=1):
        guide.write_row(i, 0, [column.chinese, column.english, str(notes[column.field])])
    workbook.close()


def write_template(stream: IO[bytes]) -> None:
    """The blank template of the union-tree import."""
    notes = {
        "code": _("必填。字母、数字、点、横线、下划线，最多 32 个字符；全系统唯一。"),
        "name": _("必填。最多 128 个字符。"),
        "short_name": _("选填。最多 64 个字符。"),
        "kind": _(
            "必填。总工会、产业工会、开发区（园区）工会、街道（乡镇）工会、社区工会、基层工会。"
        ),
        "level": _("总工会必填（省级、市级、区（县）级），其他类型留空。"),
        "parent_code": _(
            "上级工会的编码：可以是本文件中的工会（先后不限），也可以是系统中已有的工会。"
            "留空表示直接挂在导入位置之下。"
        ),
        "region_code": _("选填。6 位行政区划代码（GB/T 2260），如 420102。"),
    }
    write_column_template(stream, sheet_name=_("工会"), columns=COLUMNS, notes=notes)
