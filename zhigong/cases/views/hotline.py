"""Recording a hotline call (or a visit, a letter) as a case on the worker's behalf (CASE-5).

The caller's number finds their member record through the blind index ("查找"), so the case
goes to their district by itself; the page shows who was found, masked, and the caller's
earlier cases the user may see. The call's time and duration are kept with the case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.cases import permissions, routing, selectors
from zhigong.cases.forms import CallForm
from zhigong.cases.services.intake import CallInput, CaseInput, case_record_call, member_by_phone
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.masking import mask_name
from zhigong.core.phones import normalise_mobile
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.members.personal import phone_index
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def _found(request: AuthenticatedRequest, form: CallForm) -> dict[str, Any]:
    """Who the number belongs to (masked) and where their case would go."""
    phone = normalise_mobile(str(form.data.get("phone", "")))
    if not phone:
        return {}
    member = member_by_phone(phone)
    found: dict[str, Any] = {
        "looked_up": True,
        "earlier": list(selectors.earlier_cases_of_phone(request.user, phone_index(phone))),
    }
    if member is not None:
        found.update(
            member_name=mask_name(member.name),
            member_union=member.union.name,
            district=routing.district_of(member.union).name,
        )
    return found


@never_cache  # the form shows back the number typed
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.CASE_MANAGE)
def case_call_page(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_record_call(request.user):
        raise NotFound()
    form = CallForm(request.POST or None, request.FILES or None)
    found: dict[str, Any] = {}
    if request.method == "POST":
        found = _found(request, form)
        if "lookup" in request.POST:  # only the look-up: the form again, as typed, unchecked
            form = CallForm(initial=request.POST.dict())
        elif form.is_valid():
            data = form.cleaned_data
            started = data.get("call_started_at")
            try:
                case = case_record_call(
                    actor=request.user,
                    data=CaseInput(
                        kind=data["kind"],
                        category=data["category"],
                        description=data["description"],
                        employer=data["employer"],
                        channel=data["channel"],
                        name=data["name"],
                        phone=data["phone"],
                        district=data["district"],
                    ),
                    call=CallInput(started, form.duration()) if started else None,
                    uploads=data["attachments"],
                )
            except DomainError as exc:
                if exc.status in (403, 404):
                    raise
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("已登记，编号 %(ref)s，已转到%(holder)s。")
                    % {
                        "ref": case.reference,
                        "holder": case.centre.name if case.centre else case.union.name,
                    },
                )
                if permissions.can_view_as_staff(request.user, case):
                    return redirect("staff:cases:detail", case.pk)
                return redirect("staff:cases:queue")
    return render(
        request,
        "cases/call.html",
        {**staff_context(request, "case_call"), "form": form, **found},
    )
