"""Importing a union tree from a spreadsheet (.xlsx or .csv), all or nothing.

The staff page and the ``import_unions`` command call the same service::

    result = union_import(actor=actor, source=upload, filename=upload.name, anchor=union, dry_run=False)
    if not result.ok:
        write_error_report(result.errors, stream)   # .xlsx: 工作表, 行号, 列, 值, 错误说明

Reading, the error report and the template's layout come from ``zhigong.core.sheets``; this
package holds the columns, the row checks and the writer. See ``docs/import-unions.md``.
"""

from zhigong.core.sheets.errors import RowError, describe
from zhigong.core.sheets.report import write_error_report
from zhigong.unions.importing.columns import COLUMNS
from zhigong.unions.importing.report import write_template
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
