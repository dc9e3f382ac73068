"""``member_import``: check and seal a whole roster and write it in one transaction, or nothing.

The file is read once, lazily, in batches of 5,000 rows. Each batch is checked (``check_person``,
dates, unions) and its good rows sealed (AES-GCM, blind indexes) and turned into COPY text —
in worker processes when the file is large — then checked against the file so far
(duplicates) and the archive. While no error has been seen, the rows go on to the database:

- on PostgreSQL straight into the table, batch by batch, inside the import's transaction, so
  the database's own work overlaps with the checking of the next batches; the first error
  dooms the transaction and nothing is kept;
- elsewhere (SQLite, one writer for the whole site) to an anonymous temporary file of
  ciphertext, which is written in one short transaction at the end.

The figures are brought up to date from counts the workers keep, not by recounting the
archive.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import Target, audit_record
from zhigong.core.batching import chunked
from zhigong.core.errors import Conflict, NotFound
from zhigong.core.service import service
from zhigong.core.sheets.errors import RowError, UnreadableSheet
from zhigong.core.sheets.reading import Reading
from zhigong.core.sheets.report import SHOWN, ErrorReport
from zhigong.members.figures import counting
from zhigong.members.importing.checking import (
    Batch,
    Checked,
    Checker,
    ProfileKey,
    check_batch,
    rollup_counts,
)
from zhigong.members.importing.columns import COLUMNS
from zhigong.members.importing.writing import BackgroundCopy, Writer
from zhigong.unions import figures, policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

BATCH = 5000
POOL_FROM_ROWS = 50_000  # smaller files are checked in the calling process
# Progress callback: (phase, rows done, rows in all or 0 when unknown). Phases: "check"
# (checking only), "stream" (checking and writing, PostgreSQL), "write" (writing the
# checked rows, elsewhere).
Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    filename: str
    dry_run: bool
    rows_read: int = 0  # non-blank data rows
    created: int = 0  # members written (0 on a dry run or when there are errors)
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first few hundred
    warning_count: int = 0
    warnings: list[RowError] = field(default_factory=list)
    duration: float = 0.0  # seconds
    check_seconds: float = 0.0
    write_seconds: float = 0.0  # after the check: the rest of the writing, figures, commit

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


class Destination:
    """Where the checked rows go while the rest of the file is checked.

    ``stream`` (PostgreSQL): into the table at once, inside the caller's transaction.
    Otherwise into ``spill``, blocks of COPY text each after its length, until ``finish``.
    """

    def __init__(self, *, stream: bool, spill: IO[bytes]) -> None:
        self.writer = Writer()
        self.stream = stream
        self.spill = spill
        self.rows = 0
        self.copy: BackgroundCopy | None = None
        if stream:
            # The union of each row is checked as it goes in, while the next batches are
            # being checked, rather than a million times at commit, when nothing else runs.
            self.writer.check_unions_at_once(True)
            self.copy = BackgroundCopy(self.writer)

    def add(self, data: bytes, rows: int) -> None:
        if self.copy is not None:
            self.copy.add(data)
        else:
            self.spill.write(len(data).to_bytes(8, "little"))
            self.spill.write(data)
        self.rows += rows

    def finish(self, progress: Progress) -> int:
        """Write what was spilled (call inside a transaction); returns the rows written."""
        if self.stream:
            self.writer.check_unions_at_once(False)
            return self.rows
        self.spill.seek(0)
        done = 0
        while size := int.from_bytes(self.spill.read(8) or b"\0", "little"):
            data = self.spill.read(size)
            self.writer.insert(data)
            done += data.count(b"\n")
            progress("write", done, self.rows)
        return self.rows

    def close(self) -> None:
        """Wait for the rows under way; raises the error of a COPY that failed."""
        if self.copy is not None:
            copy, self.copy = self.copy, None
            copy.close()


@service(atomic=False)  # streams for a minute; it manages its own transactions
def member_import(
    *,
    actor: Actor,
    path: Path,
    filename: str,
    anchor: Union | None = None,
    dry_run: bool = False,
    report: Path | None = None,
    progress: Progress | None = None,
    import_id: str = "",
    reason: str = "",
    workers: int | None = None,
) -> ImportResult:
    """Import members from an .xlsx or .csv roster, all or nothing.

    ``SYSTEM`` (an operator on the command line) may import without an ``anchor``: then every
    row must name its grassroots union. A user must hold ``member.import`` at ``anchor``; every row's
    union must lie inside it, and rows without a union code go to the anchor when it is a
    grassroots union. The report (every error, then the first warnings, values masked) is
    written to ``report`` when given and there is anything to say. ``workers``: processes
    for checking and sealing (default: the CPUs, for files of 50,000 rows or more). Raises
    ``NotFound``/``PermissionDenied`` when not allowed and ``Conflict`` when the archive
    changed between check and write.
    """
    started = time.perf_counter()
    if anchor is None:
        policy.require_perm_above_roots(actor, Perm.MEMBER_IMPORT)
    else:
        policy.require_perm(actor, Perm.MEMBER_IMPORT, anchor)
    if anchor is not None:
        anchor = Union.objects.filter(pk=anchor.pk).first()  # the current path and state
        if anchor is None:
            raise NotFound()
    progress = progress or _no_progress
    result = ImportResult(filename=filename, dry_run=dry_run)
    stream = not dry_run and connection.vendor == "postgresql"
    try:
        with (
            transaction.atomic() if stream else nullcontext(),
            tempfile.TemporaryFile(prefix="member-import-") as spill,
        ):
            destination = None if dry_run else Destination(stream=stream, spill=spill)
            try:
                checker, counts = _check(
                    path, filename, anchor, result, progress, destination, workers, report
                )
            finally:
                if destination is not None:
                    # Raises the error of a failed COPY: the cause of any error in the check.
                    destination.close()
            result.check_seconds = time.perf_counter() - started
            if destination is None or checker is None or not result.ok:
                if stream:
                    transaction.set_rollback(True)  # nothing that streamed in is kept
            else:
                with transaction.atomic():
                    result.created = destination.finish(progress)
                    audit_record(
                        actor=actor,
                        action="member.import",
                        target=Target(
                            "members.import", import_id or uuid.uuid4().hex, filename[:255]
                        ),
                        union=anchor,
                        reason=reason,
                        changes={"created": [0, result.created]},
                    )
                    figures.add_counts(counting.TOPIC, rollup_counts(counts), checker.paths())
                result.write_seconds = time.perf_counter() - started - result.check_seconds
    except IntegrityError as exc:
        raise Conflict(
            _("导入期间有相同身份证号的会员被登记，没有写入任何数据，请重新导入。")
        ) from exc
    result.duration = time.perf_counter() - started
    return result


def _checked(batches: Iterator[Batch], workers: int) -> Iterator[Checked]:
    """Checked batches in file order; with workers, a few batches ahead and no more."""
    if workers <= 1:
        for batch in batches:
            yield check_batch(batch)
        return
    # fork: the workers inherit the loaded Django; they never touch the database.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(check_batch, (batch,)))
            if len(pending) >= workers * 2:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _workers(requested: int | None, rows: int, path: Path) -> int:
    """``rows``: the estimate of the rows (0 when unknown, as for an .xls: its size decides)."""
    if requested is not None:
        return requested
    if multiprocessing.current_process().daemon:
        return 1  # a daemon process may not start others
    if rows < POOL_FROM_ROWS and path.stat().st_size < 4 << 20:
        return 1
    return min(os.cpu_count() or 1, 8)


def _check(
    path: Path,
    filename: str,
    anchor: Union | None,
    result: ImportResult,
    progress: Progress,
    destination: Destination | None,
    workers: int | None,
    report: Path | None,
) -> tuple[Checker | None, Counter[ProfileKey]]:
    """Every row checked, errors to the report, good rows to ``destination`` until an error.

    Returns the checker (None when the file could not be read) and the figures' counts.
    """
    errors = ErrorReport(report)
    warnings = ErrorReport()
    counts: Counter[ProfileKey] = Counter()
    checker: Checker | None = None
    phase = "stream" if destination is not None and destination.stream else "check"
    try:
        reading = Reading(path, filename, COLUMNS)
        total = reading.estimated_rows
        constant = destination.writer.constant if destination is not None else ""
        checker = Checker(anchor=anchor, constant=constant)
        today = timezone.localdate()

        def batches() -> Iterator[Batch]:
            assert checker is not None
            for sheet in reading.sheets():
                checker.add_sheet(sheet.layout)
                for records in chunked(sheet.records(), BATCH):
                    sealing = destination is not None and errors.count == 0
                    yield checker.batch(records, seal=sealing, today=today)

        for checked in _checked(batches(), _workers(workers, total, path)):
            for error in checker.check(checked):
                errors.add(error)
            for warning in checked.warnings:
                warnings.add(warning)
            if destination is not None and errors.count == 0:
                destination.add(checked.copy, checked.rows)
                counts.update(checked.counts)
            result.rows_read += checked.rows
            progress(phase, result.rows_read, max(total, result.rows_read))
        # Sheets refused, data after a footer, an empty file: known once all is read.
        for error in reading.errors:
            errors.add(error)
    except UnreadableSheet as exc:
        errors.add(RowError(0, "", "", str(exc.message)))
        checker = None
    finally:
        # The warnings follow the errors in the report (the first ``SHOWN`` of them), so that
        # a page showing the report shows them too.
        for warning in warnings.first:
            message = _("提示（不影响导入）：%(message)s") % {"message": warning.message}
            errors.note(replace(warning, message=message))
        errors.close()
        result.error_count, result.errors = errors.count, errors.first
        result.warning_count, result.warnings = warnings.count, warnings.first[:SHOWN]
    return checker, counts
