"""Importing a union tree from a spreadsheet (.xlsx or .csv), all or nothing.

The staff page and the ``import_unions`` command call the same service::

    result = union_import(actor=actor, source=upload, filename=upload.name, anchor=union, dry_run=False)
    if not result.ok:
        write_error_report(result.errors, stream)   # .xlsx: 行号, 列, 值, 错误说明

See ``docs/import-unions.md`` for the columns and rules.
"""

from zhigong.unions.importing.report import describe, write_error_report, write_template
from zhigong.unions.importing.rows import COLUMNS, RowError
from zhigong.unions.importing.service import ImportResult, union_import

__all__ = [
    "COLUMNS",
    "ImportResult",
    "RowError",
    "describe",
    "union_import",
    "write_error_report",
    "write_template",
]
