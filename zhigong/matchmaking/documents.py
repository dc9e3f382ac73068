"""The profile's private documents (``core.private_files``) under
``MEDIA_ROOT/matchmaking/<profile id>/``: the divorce certificate or household register that
proves the marital status, the photo, the signed quitting form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse

from zhigong.core import private_files
from zhigong.core.actors import Actor, acting_user
from zhigong.matchmaking.choices import DocumentKind
from zhigong.matchmaking.models import Profile, ProfileDocument


def profile_dir(profile_id: int) -> Path:
    return private_files.private_dir("matchmaking", profile_id)


def save_documents(
    profile: Profile, uploads: dict[str, Any], *, uploader: Actor
) -> list[ProfileDocument]:
    """Check and store files by kind. Call it as the service's last write: a failure
    removes the files it wrote, and the service's transaction rolls back."""
    checked = [
        private_files.check_upload(
            upload,
            field=kind,
            accept=private_files.IMAGES if kind == DocumentKind.PHOTO else private_files.KINDS,
        )
        for kind, upload in uploads.items()
        if upload
    ]
    return private_files.store_each(
        profile_dir(profile.pk),
        checked,
        lambda upload, stored: ProfileDocument.objects.create(
            profile=profile,
            kind=upload.field,
            name=upload.name,
            content_type=upload.content_type,
            size=len(upload.data),
            stored_path=str(stored),
            uploaded_by=acting_user(uploader),
        ),
    )


def serve(document: ProfileDocument) -> FileResponse:
    return private_files.serve(
        profile_dir(document.profile_id),
        document.stored_path,
        content_type=document.content_type,
        name=document.name,
    )
