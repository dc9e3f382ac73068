"""Attachments, served only after the case's permission check (never from a public URL):
to staff who see the case, and to its requester."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zhigong.cases import selectors
from zhigong.cases.files import case_dir
from zhigong.cases.models import Case, CaseAttachment
from zhigong.core import private_files
from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def serve(case: Case, attachment: CaseAttachment) -> FileResponse:
    return private_files.serve(
        case_dir(case.pk),
        attachment.stored_path,
        content_type=attachment.content_type,
        name=attachment.name,
    )


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
