"""Telling data rows from the rest: footers, blank rows, and rows holding only a serial number.

Forms end with a footer: 负责人：… 填表人：… 联系电话：… 填报日期：…, in one merged cell or
spread over several. A row is a footer when its first filled cell starts with one of these
words. Some words end a sheet on their own (制表人 张三); others also name ordinary things
(联系电话, 合计, 注) and count only when a colon follows or they fill the cell alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from typing import Any

# Compared after NFKC (full-width colon → ":") with spaces removed.
_SURE_WORDS = (
    "负责人",
    "单位负责人",
    "主要负责人",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审批人",
    "经办人",
    "统计人",
    "填报日期",
    "填表日期",
    "制表日期",
    "报送日期",
    "审核日期",
    "单位(盖章)",
    "单位盖章",
    "(盖章)",
)
_COLON_WORDS = (
    "联系电话",
    "联系人",
    "电话",
    "合计",
    "总计",
    "注",
    "说明",
    "备注",
    "填表说明",
    "盖章",
)
_FOOTER = re.compile(
    "(?:"
    + "|".join(re.escape(w) for w in sorted(_SURE_WORDS, key=len, reverse=True))
    + ")|(?:"
    + "|".join(re.escape(w) for w in sorted(_COLON_WORDS, key=len, reverse=True))
    + ")(?::|$)"
)
_SPACES = re.compile(r"\s+")
# First characters of every footer word, and white space (a footer may be indented): only
# cells starting with one of these are looked at more closely, so data rows cost one lookup.
FOOTER_START = frozenset(
    {w[0] for w in (*_SURE_WORDS, *_COLON_WORDS)} | {"（", "(", " ", "\u3000", "\t", "\n", "\r"}
)
SERIAL_MAX = 10_000_000


def is_footer(text: str) -> bool:
    """Whether a row whose first filled cell holds ``text`` is the form's footer."""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return bool(key) and _FOOTER.match(key) is not None


def first_filled(raw: Sequence[Any]) -> Any:
    """The first cell of a row that holds something ("" when none does)."""
    for value in raw:
        if value is None:
            continue
        if type(value) is str:
            if value.strip():
                return value
        else:
            return value
    return ""


def filled(value: Any) -> bool:
    if value is None:
        return False
    if type(value) is str:
        return bool(value.strip())
    return True


def is_serial(value: Any) -> bool:
    """A whole number, as the 序号 column holds: 1, 2.0, "3"."""
    if type(value) is int:
        return 0 <= value < SERIAL_MAX
    if type(value) is float:
        return value.is_integer() and 0 <= value < SERIAL_MAX
    if type(value) is str:
        text = value.strip()
        return text.isdigit() and text.isascii() and len(text) <= 7
    return False


def is_skipped(raw: Sequence[Any], declared: Collection[int]) -> bool:
    """A row to pass over: blank, or a serial number alone outside the app's columns (a
    numbered line of a form that nobody filled in)."""
    found = [(i, v) for i, v in enumerate(raw) if filled(v)]
    if not found:
        return True
    if len(found) == 1:
        index, value = found[0]
        return index not in declared and is_serial(value)
    return False
