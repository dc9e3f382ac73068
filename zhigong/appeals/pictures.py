"""The pictures of an appeal (seed 003 §19: 文字和图片): private files through
``core.private_files`` (JPG or PNG only, checked by their first bytes), under
``MEDIA_ROOT/appeals/<id>/``, served to staff after the appeal's check. The pictures the help
centre chooses for the portal get a public copy without the file's metadata (EXIF and text
chunks: a phone photo carries its GPS position, an exact address), under
``MEDIA_ROOT/appeals/public/``, served without login only while the appeal is published."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.http import FileResponse

from zhigong.appeals.models import AppealPicture, HardshipAppeal
from zhigong.core import private_files

MAX_PICTURES = 9


def picture_dir(appeal: HardshipAppeal) -> Path:
    return private_files.private_dir("appeals", appeal.pk)


def public_dir() -> Path:
    return private_files.private_dir("appeals", "public")


def check(uploads: Iterable[Any]) -> list[private_files.Upload]:
    return [
        private_files.check_upload(u, field="pictures", accept=private_files.IMAGES)
        for u in uploads
    ]


def store(appeal: HardshipAppeal, checked: list[private_files.Upload]) -> list[AppealPicture]:
    """Store the checked pictures and their rows: the service's last write."""
    return private_files.store_each(
        picture_dir(appeal),
        checked,
        lambda upload, stored: AppealPicture.objects.create(
            appeal=appeal, path=str(stored), content_type=upload.content_type, name=upload.name
        ),
    )


def without_metadata(data: bytes, content_type: str) -> bytes:
    """The image with its metadata left out: a JPEG's APP1..APP15 and comment segments
    (EXIF, XMP, IPTC; APP0 and the image data are kept), a PNG's text, time and EXIF chunks."""
    if content_type == "image/png":
        return _png_without_metadata(data)
    return _jpeg_without_metadata(data)


def _jpeg_without_metadata(data: bytes) -> bytes:
    out = bytearray(data[:2])  # SOI
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[i:]
            return bytes(out)
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        segment = data[i : i + 2 + length]
        if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
            out += segment
        i += 2 + length
    out += data[i:]
    return bytes(out)


_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _png_without_metadata(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i = 8
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if kind not in _PNG_DROPPED:
            out += data[i:end]
        i = end
    return bytes(out)


def make_public_copy(picture: AppealPicture) -> str:
    """Write the picture's public copy (once) and return its path."""
    if picture.public_path:
        return picture.public_path
    data = Path(picture.path).read_bytes()
    upload = private_files.Upload(
        picture.name, picture.content_type, without_metadata(data, picture.content_type)
    )
    return str(private_files.store(public_dir(), upload))


def serve_private(picture: AppealPicture) -> FileResponse:
    return private_files.serve(
        picture_dir(picture.appeal), picture.path, content_type=picture.content_type, name="picture"
    )


def serve_public(picture: AppealPicture) -> FileResponse:
    return private_files.serve(
        public_dir(), picture.public_path, content_type=picture.content_type, name="picture"
    )


def remove(paths: Iterable[str]) -> None:
    private_files.remove(Path(p) for p in paths if p)
