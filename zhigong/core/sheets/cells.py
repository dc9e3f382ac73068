"""Typed cells: what python-calamine gives (str, float, int, bool, date, datetime, time,
timedelta; "" for an empty cell) and the text an importer reads from it.

Excel keeps every number as a binary double with 15 significant digits: an 18-digit ID number
typed into a General cell is stored as 4.20102198503150E+17 and its last three digits are
gone. A column that must hold text says so (``Column.text_only``), and a number found there
reaches the app as a ``NumberText``, never as rounded digits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

# The largest integer a double holds exactly (2**53): below it a whole number is exact.
_EXACT = 9_007_199_254_740_992


class NumberText(str):
    """A number found where text is expected; the text is the number as Excel shows it.

    A subclass of ``str`` so that it travels in a row of texts (and to worker processes)
    unchanged; ``type(cell) is not str`` tells it apart at the cost of one comparison.
    """

    __slots__ = ()


def is_number(value: Any) -> bool:
    """A numeric cell (bool is not a number here, though Python says it is)."""
    return type(value) is float or type(value) is int


def excel_number(value: float | int) -> str:
    """A number as Excel shows it in a General cell: 12 → "12", 4.2e17 → "4.20102198503150E+17"."""
    if abs(value) < 1e11 and float(value).is_integer():
        return str(int(value))
    if abs(value) < 1e11:
        return repr(float(value))
    return f"{float(value):.14E}"


def exact_digits(shown: str) -> str | None:
    """The digits of a whole number that Excel kept exactly (15 significant digits at most:
    a first-generation ID number, a phone number), from the text ``excel_number`` gave for
    it; None when digits may have been lost (4.20102198503150E+17) or it is not whole."""
    try:
        value = float(shown)
    except ValueError:
        return None
    if not value.is_integer() or not 0 <= value < 1e15:
        return None
    return str(int(value))


def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers lose their ".0" (1001.0 → "1001", 420102.0 → "420102").

    Dates are written as ISO dates (2024-03-01), times of day as 08:30:00.
    """
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if type(value) is bool:
        return "TRUE" if value else "FALSE"
    if type(value) is float:
        if value.is_integer() and abs(value) < _EXACT:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        # A date typed into a cell formatted with a time part comes back as midnight.
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def lost_digits_message(column: str, shown: str) -> str:
    """Why a number in a text-only column is refused, and what to do about it."""
    return _(
        "「%(column)s」这一格被 Excel 存成了数字（%(shown)s）：Excel 只保留数字的前 15 位，"
        "后面的位数已经丢失，不能导入。请把这一列设置为“文本”格式，重新输入后再导入。"
    ) % {"column": column, "shown": shown}
