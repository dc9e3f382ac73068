"""Attachments, served only after the case's permission check (never from a public URL):
to staff who see the case, and to its requester."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zhigong.cases import selectors
from zhigong.cases.files import case_dir
from zhigong.cases.models import Case, CaseAttachment
from zhigong.core.errors import NotFound
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def serve(case: Case, attachment: CaseAttachment) -> FileResponse:
    path = Path(attachment.stored_path)
    # Only a file of this case's own folder (a row pointing elsewhere is refused).
    if path.parent.resolve() != case_dir(case.pk).resolve() or not path.is_file():
        raise NotFound()
    response = FileResponse(
        path.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@require_GET
@policy.requires_any(Perm.CASE_VIEW, Perm.CASE_HANDLE)
def staff_attachment_page(request: AuthenticatedRequest, pk: int, file_pk: int) -> HttpResponseBase:
    case = selectors.case_get_for_staff(request.user, pk)
    return serve(case, selectors.attachment_of(case, file_pk))


@never_cache
@require_GET
@login_required
def own_attachment_page(request: AuthenticatedRequest, pk: int, file_pk: int) -> HttpResponseBase:
    case = selectors.case_get_own(request.user, pk)
    return serve(case, selectors.attachment_of(case, file_pk))
