"""Importing members from a roster spreadsheet (.xlsx or .csv), all or nothing, streamed.

The ``import_members`` command, the staff page and its background job call one service::

    result = member_import(actor=actor, path=path, filename=name, anchor=union, dry_run=False,
                           report=report_path, progress=callback)

It reads the file once, lazily, with the spreadsheet kit (``zhigong.core.sheets``), checks
batches of rows (in worker processes for large files) and writes them as they pass. This
package holds the columns, the row checks and the writer. See ``docs/members-import.md``.
"""

from zhigong.members.importing.columns import COLUMNS
from zhigong.members.importing.report import write_template
from zhigong.members.importing.service import ImportResult, member_import

__all__ = ["COLUMNS", "ImportResult", "member_import", "write_template"]
