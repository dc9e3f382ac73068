"""One row of a union import as read, and a parent already in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
        "sheet",
        "short_name",
    )

    def __init__(
        self,
        row: int,
        *,
        sheet: str = "",
        code: str = "",
        name: str = "",
        short_name: str = "",
        kind: str = "",
        level: str = "",
        parent_code: str = "",
        region_code: str = "",
    ) -> None:
        self.row = row
        self.sheet = sheet  # the worksheet's name ("" for a CSV file)
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
