"""Reading a union import file with the spreadsheet kit: every row held, for the checks.

The rows of every visible sheet are read into memory: a parent may come after its children,
in the same sheet or another, and cycles need the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from zhigong.core.sheets.columns import Layout
from zhigong.core.sheets.errors import RowError, UnreadableSheet, place
from zhigong.core.sheets.reading import Reading
from zhigong.unions.importing.columns import COLUMNS
from zhigong.unions.importing.rows import ImportRow


@dataclass
class Sheet:
    """What was read: the data rows of every sheet, each sheet's layout, file-level errors."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    layouts: dict[str, Layout] = field(default_factory=dict)

    def column(self, field_name: str, sheet: str = "") -> str:
        """The header as written in that sheet (the Chinese name when the column is absent)."""
        layout = self.layouts.get(sheet)
        if layout is None:
            return COLUMNS.by_field[field_name].chinese
        return layout.column(field_name)

    def error(self, row: ImportRow, field_name: str, message: str) -> RowError:
        return RowError(
            row.row, self.column(field_name, row.sheet), row.value(field_name), message, row.sheet
        )


def where(row: ImportRow, seen_from: ImportRow) -> str:
    """Where ``row`` is, for a message on ``seen_from``: 第 5 行, naming its sheet if another."""
    return place(row.row, row.sheet if row.sheet != seen_from.sheet else "")


def read_sheet(source: IO[bytes] | Path, filename: str) -> Sheet:
    read = Sheet()
    fields = COLUMNS.fields
    try:
        reading = Reading(source, filename, COLUMNS)
        for part in reading.sheets():
            read.layouts[part.name] = part.layout
            read.rows.extend(
                ImportRow(number, sheet=part.name, **dict(zip(fields, cells, strict=True)))
                for number, cells in part.records()
            )
    except UnreadableSheet as exc:
        return Sheet(errors=[RowError(0, "", "", str(exc.message))])
    read.errors.extend(reading.errors)  # sheets refused, an empty file, data after a footer
    return read
