"""Importing members from a roster spreadsheet (.xlsx or .csv), all or nothing, streamed.

The ``import_members`` command, the staff page and its background job call one service::

    result = member_import(actor=actor, path=path, filename=name, anchor=union, dry_run=False,
                           report=report_path, progress=callback)

It reads the file twice, lazily: a first pass checks every row (keeping only a small set of
ID keys for duplicates) and a second pass writes in batches inside one transaction. See
``docs/members-import.md`` for the columns and rules.
"""

from zhigong.members.importing.columns import COLUMNS
from zhigong.members.importing.report import write_template
from zhigong.members.importing.service import ImportResult, member_import

__all__ = ["COLUMNS", "ImportResult", "member_import", "write_template"]
