"""The import service: authorise, read, check, place, write in one transaction, audit once."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import Target, audit_record
from zhigong.core.errors import Conflict, NotFound
from zhigong.core.service import service
from zhigong.core.sheets.errors import RowError
from zhigong.unions import policy
from zhigong.unions.importing.checking import check_sheet
from zhigong.unions.importing.reading import Sheet, read_sheet
from zhigong.unions.importing.rows import ParentNode
from zhigong.unions.importing.writing import plan_paths, write_rows
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


@dataclass
class ImportResult:
    filename: str
    dry_run: bool
    rows_read: int = 0  # non-blank data rows
    created: int = 0  # unions written (0 on a dry run or when there are errors)
    errors: list[RowError] = field(default_factory=list)
    duration: float = 0.0  # seconds

    @property
    def ok(self) -> bool:
        return not self.errors


@service(atomic=False)  # a dry run writes nothing; the import takes its own transaction
def union_import(
    *,
    actor: Actor,
    source: IO[bytes] | Path,
    filename: str,
    anchor: Union | None = None,
    dry_run: bool = False,
    reason: str = "",
) -> ImportResult:
    """Import unions from an .xlsx or .csv file, all or nothing.

    ``SYSTEM`` (an operator on the command line) may import without an ``anchor``: a row with
    no parent becomes a new root. A user must hold ``union.import`` at ``anchor``; rows with no
    parent go directly under it and every parent from the database must lie inside it.

    Returns the result with every error found; nothing is written unless there are none
    (and ``dry_run`` is off). Raises ``NotFound``/``PermissionDenied`` when not allowed and
    ``Conflict`` when someone else changed the tree in the same moment.
    """
    started = time.perf_counter()
    if anchor is None:
        policy.require_perm_above_roots(actor, Perm.UNION_IMPORT)
    else:
        policy.require_perm(actor, Perm.UNION_IMPORT, anchor)
    result = ImportResult(filename=filename, dry_run=dry_run)
    sheet = read_sheet(source, filename)
    result.rows_read = len(sheet.rows)
    if sheet.errors:
        result.errors = sheet.errors
    elif dry_run:
        result.errors, _order = _check_and_plan(sheet, anchor, lock=False)
    else:
        try:
            with transaction.atomic():
                result.errors, order = _check_and_plan(sheet, anchor, lock=True)
                if not result.errors:
                    result.created = write_rows(sheet, order)
                    audit_record(
                        actor=actor,
                        action="union.import",
                        target=Target("unions.import", uuid.uuid4().hex, filename[:255]),
                        union=anchor,
                        reason=reason,
                        changes={"created": [0, result.created]},
                    )
        except IntegrityError as exc:
            raise Conflict(_("导入时工会树被其他操作修改了，没有写入任何数据，请重试。")) from exc
    result.duration = time.perf_counter() - started
    return result


def _check_and_plan(
    sheet: Sheet, anchor: Union | None, *, lock: bool
) -> tuple[list[RowError], list[int]]:
    """Every error, or none and the rows in the order to write them (parents first)."""
    node = None
    if anchor is not None:
        query = Union.objects.filter(pk=anchor.pk)
        if lock:
            query = query.select_for_update()
        current = query.first()  # the current path, not a stale copy
        if current is None:
            raise NotFound()
        node = ParentNode.of(current)
    checker = check_sheet(sheet, anchor=node, lock=lock)
    if checker.errors:
        return checker.errors, []
    return plan_paths(sheet, checker.order), checker.order
