"""What goes wrong with a spreadsheet: a file that cannot be read, and a bad cell of a good one.

A file that cannot be read at all (unknown type, broken zip, a sheet bomb) raises
``UnreadableSheet``, a ``DomainError`` whose message is for people. Everything about the rows
is a ``RowError``: importers collect them all, so a person can fix every cell in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.errors import DomainError


class UnreadableSheet(DomainError):
    """The file cannot be read as a spreadsheet: wrong type, damaged, or refused."""

    code = "sheet_unreadable"
    default_message = gettext_lazy("无法读取这个表格文件。")


class SheetTooLarge(UnreadableSheet):
    """The file is larger than the limits allow (a sheet bomb, or simply too much at once)."""

    code = "sheet_too_large"
    default_message = gettext_lazy("表格文件太大，请拆分后分批导入。")


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell (or row, or sheet, or file) of an import.

    ``row`` is the spreadsheet's own row number as Excel shows it (0: the whole file or
    sheet); ``column`` the header as written in the file ("" when not about one cell);
    ``value`` what the cell holds, masked by the app when it is personal; ``sheet`` the
    worksheet's name ("" for a CSV file).
    """

    row: int
    column: str
    value: str
    message: str
    sheet: str = ""

    def as_list(self) -> list[Any]:
        """Plain values, for a session or a job record (see ``from_list``)."""
        return [self.row, self.column, self.value, str(self.message), self.sheet]

    @classmethod
    def from_list(cls, values: Sequence[Any]) -> RowError:
        """The inverse of ``as_list``; lists stored before sheets were named have four items."""
        sheet = str(values[4]) if len(values) > 4 else ""
        return cls(int(values[0]), str(values[1]), str(values[2]), str(values[3]), sheet)


def describe(error: RowError) -> str:
    """One error as a line of text: 工作表「一车间」第 N 行，列「X」：message."""
    if error.row == 0:
        if error.sheet:
            return _("工作表「%(sheet)s」：%(message)s") % {
                "sheet": error.sheet,
                "message": error.message,
            }
        return _("文件：%(message)s") % {"message": error.message}
    where = place(error.row, error.sheet)
    if not error.column:
        return _("%(place)s：%(message)s") % {"place": where, "message": error.message}
    return _("%(place)s，列「%(column)s」：%(message)s") % {
        "place": where,
        "column": error.column,
        "message": error.message,
    }


def place(row: int, sheet: str = "") -> str:
    """Where a row is, as people say it: 第 5 行, or 工作表「一车间」第 5 行."""
    if sheet:
        return _("工作表「%(sheet)s」第 %(row)s 行") % {"sheet": sheet, "row": row}
    return _("第 %(row)s 行") % {"row": row}
