"""The columns of a union import, one row of it, and the error reported against a cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell (or row, or file) of an import.

    ``row`` is the spreadsheet row number (the header is row 1; 0 means the whole file),
    ``column`` the header as written in the file ("" when the error is not about one cell).
    """

    row: int
    column: str
    value: str
    message: str


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    english: str
    chinese: str
    required: bool
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.chinese}（{self.english}）"


COLUMNS: tuple[Column, ...] = (
    Column("code", "code", "编码", True, ("工会编码",)),
    Column("name", "name", "名称", True, ("工会名称",)),
    Column("short_name", "short_name", "简称", False, ("工会简称",)),
    Column("kind", "kind", "类型", True, ("工会类型",)),
    Column("level", "level", "级别", False, ("工会级别",)),
    Column("parent_code", "parent_code", "上级编码", True, ("上级工会编码", "parent")),
    Column("region_code", "region_code", "行政区划代码", False, ("行政区划", "区划代码", "region")),
)
COLUMN_BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}


def header_key(text: str) -> str:
    """A header cell reduced for matching: case, spaces, '_', '-' and required-marks ignored."""
    key = text.strip().lower()
    for char in " \u3000_-*＊":
        key = key.replace(char, "")
    return key


HEADER_FIELDS: dict[str, str] = {
    header_key(name): column.field
    for column in COLUMNS
    for name in (column.english, column.chinese, *column.aliases)
}


class ImportRow:
    """One data row as read, then annotated by the checks and the path planner."""

    __slots__ = (
        "code",
        "db_parent",
        "depth",
        "kind",
        "kind_value",
        "level",
        "level_value",
        "name",
        "numchild",
        "parent_code",
        "parent_index",
        "path",
        "region_code",
        "row",
        "short_name",
    )

    def __init__(
        self,
        row: int,
        *,
        code: str = "",
        name: str = "",
        short_name: str = "",
        kind: str = "",
        level: str = "",
        parent_code: str = "",
        region_code: str = "",
    ) -> None:
        self.row = row
        self.code = code
        self.name = name
        self.short_name = short_name
        self.kind = kind
        self.level = level
        self.parent_code = parent_code
        self.region_code = region_code
        # Filled in by the checks.
        self.kind_value = ""
        self.level_value = ""
        self.parent_index = -1  # index of the parent row in the file, -1 when none
        self.db_parent: ParentNode | None = None  # the parent when it is already in the database
        # Filled in by the planner.
        self.path = ""
        self.depth = 0
        self.numchild = 0

    def value(self, field: str) -> str:
        return str(getattr(self, field))

    def __repr__(self) -> str:
        return f"<ImportRow {self.row} {self.code!r} parent={self.parent_code!r}>"


@dataclass(frozen=True, slots=True)
class ParentNode:
    """A union already in the database that new rows hang under."""

    pk: int
    code: str
    path: str
    depth: int
    is_active: bool

    @classmethod
    def of(cls, union: Any) -> ParentNode:
        return cls(union.pk, union.code, union.path, union.depth, union.is_active)
