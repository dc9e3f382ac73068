"""The photo of a registration (附件2's 照片): a private file (DESIGN §3.2) through the core
mechanism (``core.private_files``): a JPG or PNG whose first bytes say so, within the size
limit, stored under ``MEDIA_ROOT/volunteers/photos/`` readable by the server's own user only,
under a random name, and served only by the registration's pages after their permission
check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse

from zhigong.core import private_files


def photo_dir() -> Path:
    return private_files.private_dir("volunteers", "photos")


def store_photo(upload: Any) -> tuple[str, str]:
    """(stored path, content type) of a checked photo, or a ``DomainError`` saying what is
    wrong with it. Call it as the service's last write (``remove_photo`` on a rollback)."""
    photo = private_files.check_upload(upload, field="photo", accept=private_files.IMAGES)
    return str(private_files.store(photo_dir(), photo)), photo.content_type


def remove_photo(path: str) -> None:
    if path:
        private_files.remove([Path(path)])


def serve_photo(path: str, content_type: str) -> FileResponse:
    """The stored photo, only one of the photos' own folder (else 404)."""
    return private_files.serve(photo_dir(), path, content_type=content_type, name="photo")
