"""Background jobs of the member registry (Huey): roster imports, and the sweep that fails
imports whose worker died.

An upload holds plain ID numbers and phones: it is stored readable by the server's own user
only (``store_upload``) and removed as soon as its job ends, however it ends. A worker that
is killed outright (out of memory, a crash in a library) cannot mark its job; the job then
stops showing progress, and ``fail_stalled_imports`` (every five minutes) fails it with the
reason and removes its upload, so that nobody waits for ever on a job that will not end."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.jobs import job, local_crontab, periodic_job
from zhigong.core.workflow import transition
from zhigong.members.models import IMPORT_FLOW, MemberImport

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 1.0  # seconds between progress writes

PHASE_MESSAGES = {"check": "正在校验", "stream": "正在校验并写入", "write": "正在写入"}


def import_dir(import_id: Any) -> Path:
    """Where an import's upload and report live: private, never served directly."""
    return Path(settings.MEDIA_ROOT) / "imports" / str(import_id)


def store_upload(import_id: Any, name: str, chunks: Any) -> Path:
    """Write an upload for its job, readable and writable by the server's own user only."""
    folder = import_dir(import_id)
    folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.parent.chmod(0o700)
    folder.mkdir(mode=0o700, exist_ok=True)
    stored = folder / ("upload" + Path(name).suffix.lower())
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return stored


class JobProgress:
    """Writes rows done to the job row, at most once a second.

    While the write transaction is open its own changes are invisible to the page, so on
    PostgreSQL progress goes through a second connection; SQLite allows one writer, so there
    the page shows "正在写入" without a count until the transaction ends.
    """

    def __init__(self, job: MemberImport) -> None:
        self.job = job
        self.last = 0.0
        self.side: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY and done < total:
            return
        self.last = now
        # ``updated_at`` is the job's heartbeat: a running job that stops beating has died.
        values = {
            "rows_done": done,
            "rows_total": total,
            "message": PHASE_MESSAGES[phase],
            "updated_at": timezone.now(),
        }
        if not connection.in_atomic_block:
            MemberImport.objects.filter(pk=self.job.pk).update(**values)
        elif connection.vendor == "postgresql":
            if self.side is None:
                self.side = connections.create_connection("default")
            table = MemberImport._meta.db_table
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET rows_done = %s, rows_total = %s, message = %s, "
                    "updated_at = %s WHERE id = %s",
                    [done, total, values["message"], values["updated_at"], self.job.pk],
                )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def run_import(job: MemberImport) -> MemberImport:
    """Run one queued import to its end; the uploaded file is deleted afterwards."""
    from zhigong.members.importing import member_import

    folder = import_dir(job.pk)
    report = folder / "report.xlsx"
    _move(job, MemberImport.Status.RUNNING)
    job.save(update_fields=["status", "updated_at"])
    progress = JobProgress(job)
    try:
        if job.actor is None:
            raise DomainError(_("发起导入的用户已不存在。"))
        result = member_import(
            actor=job.actor,
            path=Path(job.stored_path),
            filename=job.filename,
            anchor=job.anchor,
            dry_run=job.dry_run,
            report=report,
            progress=progress,
            import_id=str(job.pk),
        )
    except DomainError as exc:
        _move(job, MemberImport.Status.FAILED)
        job.message = str(exc.message)
    except Exception:
        logger.exception("member import %s failed", job.pk)
        _move(job, MemberImport.Status.FAILED)
        job.message = _("导入时发生系统错误，没有写入任何数据。请稍后重试或联系管理员。")
    else:
        job.rows_total = job.rows_done = result.rows_read
        job.created_count = result.created
        job.error_count = result.error_count
        # The report lists the errors, then the warnings (a 15-digit ID number converted).
        job.report_path = str(report) if result.error_count or result.warning_count else ""
        if not result.ok:
            _move(job, MemberImport.Status.FAILED)
            job.message = _("发现 %(n)s 处错误，未写入任何数据。") % {"n": result.error_count}
            if result.errors and result.errors[0].row == 0:  # the file itself, not a row
                job.message = _("文件未能读取，未写入任何数据：%(reason)s") % {
                    "reason": result.errors[0].message
                }
        elif job.dry_run:
            _move(job, MemberImport.Status.CHECKED)
            job.message = _("校验通过：%(n)s 行均无错误，未写入。") % {"n": result.rows_read}
        else:
            _move(job, MemberImport.Status.DONE)
            job.message = _("导入成功：新增 %(n)s 名会员。") % {"n": result.created}
        if result.warning_count:
            job.message += _("（另有 %(n)s 条提示，不影响导入。）") % {"n": result.warning_count}
    finally:
        progress.close()
        _remove_upload(job)
    job.finished_at = timezone.now()
    job.save()
    return job


def _move(job: MemberImport, status: str) -> None:
    """The job's status follows ``IMPORT_FLOW``; the job row is its own record (who started
    it, when it finished, with what result), and the import itself is audited by the
    service, so no audit event per step."""
    transition(job, IMPORT_FLOW, status, actor=SYSTEM, commit=False)


def _remove_upload(job: MemberImport) -> None:
    """The upload holds plain ID numbers and phones: it does not outlive the job."""
    Path(job.stored_path).unlink(missing_ok=True)


def fail_stalled_imports(now: dt.datetime | None = None) -> int:
    """Fail the running imports that have shown no progress for ``IMPORT_STALLED_MINUTES``
    (their worker died), and remove their uploads. Nothing of such an import was written:
    its rows are written in one transaction, which died with the worker. Safe to run any
    number of times, also two at once (each job is locked and moved once)."""
    minutes = settings.IMPORT_STALLED_MINUTES
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=minutes)
    failed = 0
    with transaction.atomic():
        stalled = MemberImport.objects.select_for_update(skip_locked=True).filter(
            status=MemberImport.Status.RUNNING, updated_at__lt=cutoff
        )
        for job in stalled:
            _move(job, MemberImport.Status.FAILED)
            job.message = _(
                "导入进程意外中止（%(minutes)s 分钟没有进展），没有写入任何数据。请重新导入。"
            ) % {"minutes": minutes}
            job.finished_at = timezone.now()
            job.save()
            _remove_upload(job)
            logger.error("member import %s stalled and was failed", job.pk)
            failed += 1
    return failed


@job
def member_import_task(import_id: str) -> None:
    job = MemberImport.objects.select_related("actor", "anchor").filter(pk=import_id).first()
    if job is None or job.status != MemberImport.Status.QUEUED:
        return
    run_import(job)


@periodic_job(local_crontab(minute="*/5"), lock="fail-stalled-member-imports")
def fail_stalled_imports_job() -> int:
    return fail_stalled_imports()
