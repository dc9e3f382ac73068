"""The photo of a registration (附件2's 照片): a private file (DESIGN §3.2).

Accepted only when its first bytes say JPEG or PNG and it is within the size limit; stored
under ``MEDIA_ROOT/volunteers/`` readable by the server's own user only, under a random name,
and served only by the registration's pages after their permission check."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zhigong.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
KINDS = {b"\xff\xd8\xff": ("image/jpeg", ".jpg"), b"\x89PNG\r\n\x1a\n": ("image/png", ".png")}


def photo_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "volunteers"


def _refused(message: str) -> DomainError:
    return DomainError(message, code="photo", fields={"photo": message})


def store_photo(upload: Any) -> tuple[str, str]:
    """(stored path, content type) of a checked photo, or a ``DomainError`` saying what is
    wrong with it. Call it as the service's last write (``remove_photo`` on a rollback)."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        message = _("照片超过 %(mb)d MB，请压缩后再上传。") % {"mb": MAX_BYTES // 1024 // 1024}
        raise _refused(message)
    kind = next((k for magic, k in KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        raise _refused(_("照片只能是 JPG 或 PNG 图片。"))
    content_type, suffix = kind
    folder = photo_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    stored = folder / f"{uuid.uuid4().hex}{suffix}"
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return str(stored), content_type


def remove_photo(path: str) -> None:
    if path:
        Path(path).unlink(missing_ok=True)


def photo_file(path: str) -> Path | None:
    """The stored photo, only if it lies in the photos' own folder."""
    if not path:
        return None
    found = Path(path)
    if found.parent.resolve() != photo_dir().resolve() or not found.is_file():
        return None
    return found
