"""Columns an app declares, and how a header row written by people is matched to them.

Headers are compared after normalising: full-width characters read as half-width (ＩＤ, （）),
spaces and line breaks removed, case ignored, ``_``, ``-`` and ``*`` (a required-mark) dropped,
and notes in brackets left out, so that 身份证号码（18位）, 入会日期 + a line break +
(yyyy-mm-dd) and 工作单位编码（必填） match their columns. The comparison is exact after that:
联系电话 does not match 手机号码, nor 职务 岗位, because they are different things.

A column has ``aliases`` (other names for the same thing) and ``fallbacks``: names that
usually mean it but may mean something else (联系电话 for a mobile number). A fallback is
taken only when no header in the row names the column more surely; then the other header is
just another column the import does not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zhigong.core.sheets.errors import RowError

_NOTE = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")
_DROPPED = re.compile(r"[\s_\-*※]+")


def header_key(text: str) -> str:
    """A header cell reduced for matching (see the module's docstring)."""
    key = unicodedata.normalize("NFKC", text).lower()
    key = _DROPPED.sub("", key)
    previous = None
    while previous != key:  # nested notes: 日期（格式（年-月-日））
        previous, key = key, _NOTE.sub("", key)
    return key.rstrip(":")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an import: its field, its names, and what it must hold."""

    field: str
    english: str
    chinese: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()
    # Numbers are refused here: an ID number stored as a number has lost digits.
    text_only: bool = False

    @property
    def label(self) -> str:
        return f"{self.chinese}（{self.english}）"


class ColumnSet:
    """The columns of one import, with the lookup of header texts prepared once.

    Two columns that share a name are a programming error and fail at import time.
    """

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.fields = tuple(c.field for c in self.columns)
        self.by_field = {c.field: c for c in self.columns}
        self.required = tuple(c.field for c in self.columns if c.required)
        self.text_only = tuple(c.field for c in self.columns if c.text_only)
        self._sure: dict[str, str] = {}
        self._fallback: dict[str, str] = {}
        for column in self.columns:
            for name in (column.english, column.chinese, *column.aliases):
                self._claim(self._sure, name, column.field)
            for name in column.fallbacks:
                self._claim(self._fallback, name, column.field)

    def _claim(self, table: dict[str, str], name: str, field_name: str) -> None:
        key = header_key(name)
        owner = self._sure.get(key) or self._fallback.get(key)
        if owner is not None and owner != field_name:
            raise ValueError(f"header {name!r} names both {owner!r} and {field_name!r}")
        table[key] = field_name

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def match(self, text: str) -> tuple[str, bool] | None:
        """(field, sure) for a header text; None when it names no column of this import."""
        key = header_key(text)
        if key in self._sure:
            return self._sure[key], True
        if key in self._fallback:
            return self._fallback[key], False
        return None

    def known(self, texts: Iterable[str]) -> int:
        """How many of these header texts name a column."""
        return sum(1 for text in texts if text and self.match(text) is not None)

    def layout(self, texts: Sequence[str], row: int, sheet: str = "") -> Layout:
        """The layout of a header row; ``layout.error`` says what is wrong with it."""
        layout = Layout(self, sheet=sheet, header_row=row)
        sure: dict[str, int] = {}
        fallback: dict[str, int] = {}
        for i, text in enumerate(texts):
            found = self.match(text) if text else None
            if found is None:
                continue  # other columns (remarks and the like) are ignored
            field_name, is_sure = found
            taken = sure if is_sure else fallback
            if field_name in taken:
                first = texts[taken[field_name]]
                layout.error = RowError(
                    row,
                    text,
                    text,
                    _("列「%(first)s」和列「%(second)s」是同一列，请只保留一个。")
                    % {"first": first, "second": text},
                    sheet,
                )
                return layout
            taken[field_name] = i
        for field_name, i in (*fallback.items(), *sure.items()):  # a sure name wins
            layout.positions[field_name] = i
            layout.headers[field_name] = texts[i]
        missing = [c.label for c in self.columns if c.required and c.field not in layout.positions]
        if missing:
            layout.error = RowError(
                row,
                "",
                "",
                _("缺少必需的列：%(columns)s。表头可以用中文或英文。")
                % {"columns": "、".join(missing)},
                sheet,
            )
        return layout


@dataclass
class Layout:
    """Where each known column is in one sheet, and its header as written there."""

    columns: ColumnSet
    sheet: str = ""
    header_row: int = 0
    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    error: RowError | None = None

    def column(self, field_name: str) -> str:
        """The header as written in the file (the Chinese name when the column is absent)."""
        return self.headers.get(field_name) or self.columns.by_field[field_name].chinese
