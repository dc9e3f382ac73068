"""``member_import``: check and seal a whole roster, then write it in one transaction, or nothing.

The first pass reads the file lazily in batches of 5,000 rows. Each batch is checked
(``check_person``, dates) and its good rows sealed (AES-GCM, blind indexes) — in worker
processes when the file is large — then checked against the database (unions, the archive)
and the file so far (duplicates). While no error has been seen, the sealed rows go to an
anonymous temporary file (ciphertext only, like the database itself). The second pass
copies that file into the database inside one transaction, so the source is read once.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import pickle
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from zhigong.accounts.roles import Perm
from zhigong.audit.services import Target, audit_record
from zhigong.core.errors import Conflict, NotFound, PermissionDenied
from zhigong.members import rollups
from zhigong.members.importing.checking import Checker, Prepared, prepare
from zhigong.members.importing.columns import FIELDS
from zhigong.members.importing.reading import Rows, Unreadable, estimate_rows
from zhigong.members.importing.report import SHOWN, ErrorSink
from zhigong.members.importing.writing import Writer
from zhigong.unions import policy
from zhigong.unions.importing.rows import RowError
from zhigong.unions.models import Union

T = TypeVar("T")
BATCH = 5000
POOL_FROM_ROWS = 50_000  # smaller files are checked in the calling process
# Progress callback: (phase "check" or "write", rows done, rows in all or 0 when unknown).
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
    write_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def member_import(
    actor: Any,
    *,
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

    ``actor=None`` is an operator on the command line; without an ``anchor`` every row must
    name its grassroots union. A user must hold ``member.import`` at ``anchor``; every row's
    union must lie inside it, and rows without a union code go to the anchor when it is a
    grassroots union. The report (every error, values masked) is written to ``report`` when
    given and there are errors. ``workers``: processes for checking and sealing (default:
    the CPUs, for files of 50,000 rows or more). Raises ``NotFound``/``PermissionDenied``
    when not allowed and ``Conflict`` when the archive changed between check and write.
    """
    started = time.perf_counter()
    if actor is not None:
        if anchor is None:
            raise PermissionDenied()
        policy.require_perm(actor, Perm.MEMBER_IMPORT, anchor)
    if anchor is not None:
        anchor = Union.objects.filter(pk=anchor.pk).first()  # the current path and state
        if anchor is None:
            raise NotFound()
    progress = progress or _no_progress
    result = ImportResult(filename=filename, dry_run=dry_run)
    sink = ErrorSink(report)
    warnings = ErrorSink()
    with tempfile.TemporaryFile(prefix="member-import-") as spill:
        try:
            _check(path, filename, anchor, sink, warnings, result, progress, spill, workers)
        finally:
            sink.close()
        result.check_seconds = time.perf_counter() - started
        result.error_count, result.errors = sink.count, sink.first
        result.warning_count, result.warnings = warnings.count, warnings.first[:SHOWN]
        if result.ok and not dry_run:
            written = time.perf_counter()
            spill.seek(0)
            result.created = _write(
                actor,
                spill,
                anchor,
                filename,
                result,
                progress,
                import_id or uuid.uuid4().hex,
                reason,
            )
            result.write_seconds = time.perf_counter() - written
    result.duration = time.perf_counter() - started
    return result


def _prepared_batches(
    records: Iterable[Any], headers: dict[str, str], seal: bool, workers: int
) -> Iterator[list[Prepared]]:
    """Prepared batches in file order; with workers, a few batches ahead and no more."""
    batches = batched(records, BATCH)
    if workers <= 1:
        for batch in batches:
            yield prepare(batch, headers, seal)
        return
    # fork: the workers inherit the loaded Django; they never touch the database.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: collections.deque[Any] = collections.deque()
        for batch in batches:
            pending.append(pool.apply_async(prepare, (batch, headers, seal)))
            if len(pending) >= workers * 2:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _workers(requested: int | None, path: Path, filename: str) -> int:
    if requested is not None:
        return requested
    if multiprocessing.current_process().daemon:
        return 1  # a daemon process may not start others
    if estimate_rows(path, filename) < POOL_FROM_ROWS and path.stat().st_size < 4 << 20:
        return 1
    return min(os.cpu_count() or 1, 8)


def _check(
    path: Path,
    filename: str,
    anchor: Union | None,
    sink: ErrorSink,
    warnings: ErrorSink,
    result: ImportResult,
    progress: Progress,
    spill: IO[bytes],
    workers: int | None,
) -> None:
    """The first pass: every row checked, errors to the sink, sealed rows to the spill."""
    try:
        rows = Rows(path, filename)
        if rows.error is not None:
            sink.add(rows.error)
            return
        total = estimate_rows(path, filename)
        checker = Checker(anchor=anchor, layout=rows.layout)
        headers = {f: rows.layout.column(f) for f in FIELDS}
        seal = not result.dry_run
        count = _workers(workers, path, filename)
        for prepared in _prepared_batches(rows.records(), headers, seal, count):
            errors, found_warnings, good = checker.check(prepared)
            for error in errors:
                sink.add(error)
            for warning in found_warnings:
                warnings.add(warning)
            if seal and sink.count == 0:
                pickle.dump(good, spill, protocol=pickle.HIGHEST_PROTOCOL)
            result.rows_read += len(prepared)
            progress("check", result.rows_read, max(total, result.rows_read))
    except Unreadable as exc:
        sink.add(RowError(0, "", "", str(exc)))
        return
    if result.rows_read == 0 and sink.count == 0:
        sink.add(RowError(0, "", "", _("文件中只有表头，没有数据行。")))


def _spilled(spill: IO[bytes]) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        try:
            yield pickle.load(spill)
        except EOFError:
            return


def _write(
    actor: Any,
    spill: IO[bytes],
    anchor: Union | None,
    filename: str,
    result: ImportResult,
    progress: Progress,
    import_id: str,
    reason: str,
) -> int:
    """The second pass: the sealed rows into the database, inside one transaction."""
    created = 0
    try:
        with transaction.atomic():
            writer = Writer()
            for rows in _spilled(spill):
                if connection.vendor == "postgresql":
                    writer.write(rows)
                else:
                    for part in batched(rows, 2000):
                        writer.write(part)
                created += len(rows)
                progress("write", created, result.rows_read)
            audit_record(
                actor=actor,
                action="member.import",
                target=Target("members.import", import_id, filename[:255]),
                union=anchor,
                reason=reason,
                changes={"created": [0, created]},
            )
            rollups.rebuild()
    except IntegrityError as exc:
        raise Conflict(
            _("导入期间有相同身份证号的会员被登记，没有写入任何数据，请重新导入。")
        ) from exc
    return created
