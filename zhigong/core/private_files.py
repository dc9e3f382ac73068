"""Private files (DESIGN §3.2): uploads that only the pages of their record may serve.

A file is accepted only when its content is what its name says (PDF, JPEG or PNG, read from
its first bytes, not from the name or the browser's word) and within the size limit; it is
stored under a folder of ``MEDIA_ROOT`` readable by the server's own user only, under a
random name, and served only by a page that has checked the permission of its record first
(``serve``). The cases' attachments, the matchmaking documents and the volunteers' photos
use it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext as _

from zhigong.core.errors import DomainError, NotFound

MAX_BYTES = 10 * 1024 * 1024
# What the first bytes must be, and what the file is then served as.
KINDS: dict[str, tuple[bytes, str]] = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}
# A photo: the kinds a browser shows as an image.
IMAGES = frozenset({".jpg", ".jpeg", ".png"})


@dataclass(frozen=True)
class Upload:
    """A checked file, before it is stored: its name, type and bytes."""

    name: str
    content_type: str
    data: bytes
    field: str = ""  # the form field it came in (a document's kind)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def check_upload(
    upload: Any, *, field: str = "attachments", accept: Collection[str] = KINDS.keys()
) -> Upload:
    """An uploaded file (Django's ``UploadedFile``, or anything with ``name`` and ``read``)
    as an ``Upload`` of one of the ``accept``ed kinds (``IMAGES`` for a photo), or a
    ``DomainError`` on ``field`` saying what is wrong with it."""
    name = Path(str(getattr(upload, "name", "") or "")).name[:200] or "file"
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS or suffix not in accept:
        if set(accept) <= IMAGES:
            message = _("“%(name)s”：只能上传 JPG 或 PNG 图片。") % {"name": name}
        else:
            message = _("“%(name)s”：只能上传 PDF、JPG 或 PNG 文件。") % {"name": name}
        raise DomainError(message, code="attachment_type", fields={field: message})
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _too_large(name, field)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large(name, field)
    magic, content_type = KINDS[suffix]
    if not data.startswith(magic):
        message = _("“%(name)s”的内容不是它的扩展名所说的文件类型，未上传。") % {"name": name}
        raise DomainError(message, code="attachment_content", fields={field: message})
    return Upload(name, content_type, data, field)


def _too_large(name: str, field: str) -> DomainError:
    message = _("“%(name)s”超过 %(mb)d MB，未上传。") % {
        "name": name,
        "mb": MAX_BYTES // 1024 // 1024,
    }
    return DomainError(message, code="attachment_size", fields={field: message})


def private_dir(*parts: str | int) -> Path:
    """The folder of one record's files: ``MEDIA_ROOT/<app>/<id>``."""
    return Path(settings.MEDIA_ROOT).joinpath(*(str(p) for p in parts))


def store(folder: Path, upload: Upload) -> Path:
    """Write the file under a random name, readable and writable by the server only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for part in (folder.parent, folder):
        part.chmod(0o700)
    stored = folder / f"{uuid.uuid4().hex}{upload.suffix}"
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(upload.data)
    return stored


T = TypeVar("T")


def store_each(
    folder: Path, uploads: Iterable[Upload], record: Callable[[Upload, Path], T]
) -> list[T]:
    """Store each checked upload and ``record`` it (its row). Call it as the service's last
    write: on any failure the files written so far are removed and the error goes on, so the
    service's transaction rolls the rows back and nothing is left on disk."""
    written: list[Path] = []
    made = []
    try:
        for upload in uploads:
            stored = store(folder, upload)
            written.append(stored)
            made.append(record(upload, stored))
    except Exception:
        remove(written)
        raise
    return made


def remove(paths: Iterable[Path]) -> None:
    """Files written by a transaction that rolled back."""
    for path in paths:
        path.unlink(missing_ok=True)


def serve(folder: Path, stored_path: str, *, content_type: str, name: str) -> FileResponse:
    """The file, once the caller has checked the permission of its record: only a file of
    that record's own folder (a row pointing elsewhere is refused), never sniffed or run."""
    path = Path(stored_path)
    if path.parent.resolve() != folder.resolve() or not path.is_file():
        raise NotFound()
    response = FileResponse(
        path.open("rb"),
        content_type=content_type,
        as_attachment=content_type == "application/pdf",
        filename=name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
