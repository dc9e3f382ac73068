"""Attachments of a case: private files (DESIGN §3.2).

A file is accepted only when its content is what its name says (PDF, JPEG or PNG, read from
its first bytes, not from the name or the browser's word) and within the size limit; it is
stored under ``MEDIA_ROOT/cases/`` readable by the server's own user only, under a random
name, and served only by the case's pages after the case's permission check."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zhigong.cases.models import Case, CaseAttachment, CaseStep
from zhigong.core.actors import Actor, acting_user
from zhigong.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
MAX_PER_CASE = 20
# What the first bytes must be, and what the file is then served as.
KINDS: dict[str, tuple[bytes, str]] = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}


@dataclass(frozen=True)
class Upload:
    """A checked file, before it is stored: its name, type and bytes."""

    name: str
    content_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def check_upload(upload: Any) -> Upload:
    """An uploaded file (Django's ``UploadedFile``, or anything with ``name`` and ``read``)
    as an ``Upload``, or a ``DomainError`` saying what is wrong with it."""
    name = Path(str(getattr(upload, "name", "") or "")).name[:200] or "file"
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS:
        message = _("“%(name)s”：只能上传 PDF、JPG 或 PNG 文件。") % {"name": name}
        raise DomainError(message, code="attachment_type", fields={"attachments": message})
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _too_large(name)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large(name)
    magic, content_type = KINDS[suffix]
    if not data.startswith(magic):
        message = _("“%(name)s”的内容不是它的扩展名所说的文件类型，未上传。") % {"name": name}
        raise DomainError(message, code="attachment_content", fields={"attachments": message})
    return Upload(name, content_type, data)


def _too_large(name: str) -> DomainError:
    message = _("“%(name)s”超过 %(mb)d MB，未上传。") % {
        "name": name,
        "mb": MAX_BYTES // 1024 // 1024,
    }
    return DomainError(message, code="attachment_size", fields={"attachments": message})


def check_uploads(uploads: Iterable[Any]) -> list[Upload]:
    return [check_upload(u) for u in uploads]


def case_dir(case_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "cases" / str(case_id)


def store(case_id: int, upload: Upload) -> Path:
    """Write the file under a random name, readable and writable by the server only."""
    folder = case_dir(case_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for part in (folder.parent, folder):
        part.chmod(0o700)
    stored = folder / f"{uuid.uuid4().hex}{upload.suffix}"
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(upload.data)
    return stored


def remove(paths: Iterable[Path]) -> None:
    """Files written by a transaction that rolled back."""
    for path in paths:
        path.unlink(missing_ok=True)


def save_attachments(case: Case, uploads: list[Upload], *, uploader: Actor, step: CaseStep) -> None:
    """Store checked files of a case, each with its row. Call it as the service's last
    write: a failure removes the files it wrote, and the service's transaction rolls back."""
    written: list[Path] = []
    try:
        if len(uploads) + case.attachments.count() > MAX_PER_CASE:
            message = _("每件诉求最多 %(n)d 个附件。") % {"n": MAX_PER_CASE}
            raise DomainError(message, fields={"attachments": message})
        for upload in uploads:
            stored = store(case.pk, upload)
            written.append(stored)
            CaseAttachment.objects.create(
                case=case,
                step=step,
                name=upload.name,
                content_type=upload.content_type,
                size=len(upload.data),
                stored_path=str(stored),
                uploaded_by=acting_user(uploader),
            )
    except Exception:
        remove(written)
        raise
