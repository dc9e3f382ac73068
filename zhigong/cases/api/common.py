"""What the cases API's routes share: the detail of a case as the caller may see it, and
attachments served through the case's check."""

from django.http import FileResponse
from ninja import Router

from zhigong.cases import selectors
from zhigong.cases.models import Case
from zhigong.cases.views.files import serve

# One router for every route of the app: operations on one path (``GET`` the queue, ``POST`` a
# new case, both at /cases) must share a router to share the path.
router = Router(tags=["维权与咨询 cases"])


def detail(case: Case, *, for_requester: bool) -> Case:
    """The case for ``CaseDetailOut``, with the steps the caller sees (its requester: the
    replies and the status; staff: every step)."""
    case.shown_steps = selectors.timeline(case, for_requester=for_requester)  # type: ignore[attr-defined]
    return case


def attachment(case: Case, file_id: int) -> FileResponse:
    return serve(case, selectors.attachment_of(case, file_id))
