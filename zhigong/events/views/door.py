"""The door and the records of an event: check-in by the member card (the QR code read by
the phone's camera, or the number typed), the attendance list as .xlsx, and the record of a
counselling session."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.events import permissions, selectors
from zhigong.events.exports import attendance_export
from zhigong.events.forms import CardForm, CounsellingForm, ExportForm
from zhigong.events.models import CounsellingRecord
from zhigong.events.services.checkin import check_in
from zhigong.events.services.counselling import counselling_record
from zhigong.unions import policy
from zhigong.unions.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@never_cache  # shows who was just checked in
@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def check_in_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = selectors.staff_event(request.user, pk)
    form = CardForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = check_in(
                actor=request.user,
                event=event,
                token=data["token"],
                number=data["number"],
                walk_in=data["walk_in"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            if result.recorded or result.already:
                form = CardForm()  # ready for the next card
    response = render(
        request,
        "events/check_in.html",
        {
            **staff_context(request, "events"),
            "event": event,
            "form": form,
            "result": result,
            "card": form.data if result and not (result.recorded or result.already) else None,
            "counts": selectors.counts(event),
        },
    )
    return camera_allowed(response)


def camera_allowed(response: HttpResponse) -> HttpResponse:
    """The door's page alone may use the camera (to read the card's QR code), from our own
    origin; every other feature stays off as on every page (``settings.PERMISSIONS_POLICY``,
    which the security middleware sends where a page sets none)."""
    features = {**settings.PERMISSIONS_POLICY, "camera": ["self"]}
    response["Permissions-Policy"] = ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items()
    )
    return response


@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def export_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: the list masked. POST with ``reveal`` and a reason: in full (a logged reveal)."""
    event = selectors.staff_event(request.user, pk)
    form = ExportForm(request.POST or None)
    reveal, reason = False, ""
    if request.method == "POST" and form.is_valid():
        reveal, reason = form.cleaned_data["reveal"], form.cleaned_data["reason"]
    stream = io.BytesIO()
    try:
        attendance_export(
            actor=request.user, event=event, stream=stream, reveal=reveal, reason=reason
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("staff:events:detail", event.pk)
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendance.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache  # sensitive notes
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.EVENT_COUNSEL)
def counselling_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = selectors.staff_event(request.user, pk)
    permissions.require(
        permissions.can_record_counselling(request.user, event), user=request.user, event=event
    )
    record = CounsellingRecord.objects.filter(event=event).first()
    initial = (
        {"topic": record.topic, "counsellor": record.counsellor, "notes": record.notes}
        if record
        else {}
    )
    form = CounsellingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            counselling_record(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("咨询记录已保存。"))
            return redirect("staff:events:counselling", event.pk)
    return render(
        request,
        "events/counselling.html",
        {**staff_context(request, "events"), "event": event, "form": form, "record": record},
    )
