"""Attachments of a case: private files (``core.private_files``) under
``MEDIA_ROOT/cases/<case id>/``, served only by the case's pages after the case's permission
check."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zhigong.cases.models import Case, CaseAttachment, CaseStep
from zhigong.core.actors import Actor, acting_user
from zhigong.core.errors import DomainError
from zhigong.core.private_files import MAX_BYTES, Upload, check_upload, private_dir, store_each

__all__ = ["MAX_BYTES", "Upload", "case_dir", "check_uploads", "save_attachments"]

MAX_PER_CASE = 20


def check_uploads(uploads: Iterable[Any]) -> list[Upload]:
    return [check_upload(u) for u in uploads]


def case_dir(case_id: int) -> Path:
    return private_dir("cases", case_id)


def save_attachments(case: Case, uploads: list[Upload], *, uploader: Actor, step: CaseStep) -> None:
    """Store checked files of a case, each with its row. Call it as the service's last
    write: a failure removes the files it wrote, and the service's transaction rolls back."""
    if len(uploads) + case.attachments.count() > MAX_PER_CASE:
        message = _("每件诉求最多 %(n)d 个附件。") % {"n": MAX_PER_CASE}
        raise DomainError(message, fields={"attachments": message})
    store_each(
        case_dir(case.pk),
        uploads,
        lambda upload, stored: CaseAttachment.objects.create(
            case=case,
            step=step,
            name=upload.name,
            content_type=upload.content_type,
            size=len(upload.data),
            stored_path=str(stored),
            uploaded_by=acting_user(uploader),
        ),
    )
