"""The applicant's own pages at /me/volunteer/: apply (a member), follow the three opinions,
correct and submit again a returned form, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import AuthenticatedRequest, form_error, page_of
from zhigong.volunteers import selectors
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.forms import VolunteerForm, form_initial
from zhigong.volunteers.service_selectors import published_project_commendations
from zhigong.volunteers.services.registration import (
    member_of,
    volunteer_apply,
    volunteer_leave,
    volunteer_resubmit,
    volunteer_withdraw,
)
from zhigong.volunteers.views.common import labels, opinions_by_step, serve_photo
from zhigong.volunteers.views.service_portal import service_context


@never_cache
@login_required
def my_volunteer_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = selectors.current_registration(request.user)
    context: dict[str, Any] = {"volunteer": volunteer, "member": member_of(request.user)}
    if volunteer is not None:
        context |= {"opinions": opinions_by_step(volunteer), "labels": labels(volunteer)}
        context |= service_context(request.user, volunteer)
    return render(request, "volunteers/portal_mine.html", context)


def _initial(volunteer: Any, member: Any) -> dict[str, Any]:
    """A returned registration's answers; for a new one, what the member record says."""
    if volunteer is not None:
        return form_initial(volunteer)
    return {
        "political_status": member.political_status,
        "education": member.education,
        "employer": member.union.name,
    }


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def volunteer_apply_page(request: AuthenticatedRequest) -> HttpResponse:
    member = member_of(request.user)
    current = selectors.current_registration(request.user)
    if current is not None and current.status != VolunteerStatus.RETURNED:
        return redirect("portal:volunteers:mine")
    if member is None and current is None:
        return render(request, "volunteers/portal_not_member.html")
    form = VolunteerForm(
        request.POST or None, request.FILES or None, initial=_initial(current, member)
    )
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data.get("photo")
        try:
            if current is not None:
                volunteer_resubmit(
                    actor=request.user, volunteer=current, data=form.as_input(), photo=photo
                )
            else:
                volunteer_apply(actor=request.user, data=form.as_input(), photo=photo)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("登记表已提交，等待单位工会审核。"))
            return redirect("portal:volunteers:mine")
    person = current or member
    return render(
        request,
        "volunteers/portal_apply.html",
        {
            "form": form,
            "person": person,
            "phone": str(getattr(person, "phone_masked", "") or ""),
            "current": current,
        },
    )


@require_POST
@login_required
def volunteer_withdraw_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = selectors.current_registration(request.user)
    if volunteer is None:
        raise NotFound()
    try:
        volunteer_withdraw(
            actor=request.user, volunteer=volunteer, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("登记已撤回。"))
    return redirect("portal:volunteers:mine")


@require_POST
@login_required
def volunteer_leave_page(request: AuthenticatedRequest) -> HttpResponse:
    """An approved volunteer stops serving, with a reason (their pairs are handed back)."""
    volunteer = selectors.current_registration(request.user)
    if volunteer is None:
        raise NotFound()
    try:
        volunteer_leave(
            actor=request.user, volunteer=volunteer, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("您已退出志愿者队伍，感谢您的服务。"))
    return redirect("portal:volunteers:mine")


@never_cache
@require_GET
@login_required
def my_photo_page(request: AuthenticatedRequest) -> HttpResponseBase:
    volunteer = selectors.current_registration(request.user)
    if volunteer is None:
        raise NotFound()
    return serve_photo(volunteer)


@require_GET
def honours_page(request: HttpRequest) -> HttpResponse:
    """Outstanding volunteers, publicised (VOL-7): open to everyone."""
    return render(
        request,
        "volunteers/honours.html",
        {
            "page": page_of(request, selectors.published_commendations(), 30),
            "projects": published_project_commendations()[:30],
        },
    )
