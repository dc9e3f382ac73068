"""Where a centre's evidence lives: photos of the six essentials and the rules' documents,
under ``MEDIA_ROOT/centres/<centre id>/`` readable by the server only (``core.private_files``),
served only after the centre's own check."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse

from zhigong.core import private_files


def centre_dir(centre_id: int) -> Path:
    return private_files.private_dir("centres", centre_id)


def serve(centre_id: int, path: str, content_type: str, name: str) -> FileResponse:
    return private_files.serve(centre_dir(centre_id), path, content_type=content_type, name=name)
