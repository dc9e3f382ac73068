"""The error report of an import (.xlsx, values masked) and the blank roster template."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import xlsxwriter
from django.utils.translation import gettext as _

from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.members.importing.columns import COLUMNS
from zhigong.unions.importing.report import write_column_template
from zhigong.unions.importing.rows import RowError

SHOWN = 500  # errors kept in memory for the screen; the report holds all of them


class ErrorSink:
    """Collects errors as they are found: a count, the first few, and (optionally) the report.

    The report is written with xlsxwriter's ``constant_memory`` mode straight to its file, so
    a file with an error on every one of a million rows costs no more memory than one.
    """

    def __init__(self, report: Path | None = None) -> None:
        self.count = 0
        self.first: list[RowError] = []
        self.report = report
        self._workbook: Any = None
        self._sheet: Any = None

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.first) < SHOWN:
            self.first.append(error)
        if self.report is not None:
            if self._sheet is None:
                self._open()
            self._sheet.write_row(
                self.count, 0, [error.row or "", error.column, error.value, error.message]
            )

    def _open(self) -> None:
        assert self.report is not None
        self.report.parent.mkdir(parents=True, exist_ok=True)
        self._workbook = xlsxwriter.Workbook(
            str(self.report), {"constant_memory": True, "strings_to_numbers": False}
        )
        bold = self._workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self._sheet = self._workbook.add_worksheet(_("错误"))
        self._sheet.set_column(0, 0, 8)
        self._sheet.set_column(1, 1, 16)
        self._sheet.set_column(2, 2, 24)
        self._sheet.set_column(3, 3, 80)
        self._sheet.freeze_panes(1, 0)
        self._sheet.write_row(0, 0, [_("行号"), _("列"), _("值"), _("错误说明")], bold)

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = self._sheet = None


def masked(field: str, value: str) -> str:
    """A cell's value as a report may show it: ID numbers and phones masked."""
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    return value


def write_template(stream: IO[bytes]) -> None:
    """The blank template of the roster import."""
    notes = {
        "name": _("必填。最多 64 个字符。"),
        "gender": _("选填。男或女；须与身份证号一致，留空则按身份证号。"),
        "id_number": _(
            "必填。18 位居民身份证号（末位可为 X）。请把这一列设为“文本”格式，"
            "否则 Excel 会把它变成科学计数法。"
        ),
        "phone": _("选填。11 位中国大陆手机号。"),
        "ethnicity": _("选填。如 汉族、回族、土家族（可省略“族”字）。"),
        "political_status": _(
            "选填。中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。"
        ),
        "education": _(
            "选填。小学及以下、初中、高中、中专、技校、大专、本科、硕士研究生、博士研究生。"
        ),
        "union_code": _(
            "会员所在基层工会的编码；须在导入范围之内。导入位置本身是基层工会时可以留空。"
        ),
        "joined_on": _("必填。如 2024-03-01、2024/3/1，或 Excel 日期；不能晚于今天。"),
        "job": _("选填。最多 64 个字符。"),
    }
    write_column_template(
        stream,
        sheet_name=_("会员"),
        columns=COLUMNS,
        notes=notes,
        width=lambda column: 20 if column.field == "id_number" else 14,
    )
