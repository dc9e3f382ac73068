"""The workbench's volunteer pages at /staff/volunteers/: the list with filters, the queue of
registrations waiting for my opinion, registering someone who is not a member, one
registration (its opinions, a reveal) and its printable form in 附件2's layout."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import (
    AuthenticatedRequest,
    decision_post,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import permissions, selectors
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.forms import (
    CommendForm,
    FilterForm,
    OpinionForm,
    RevealForm,
    StaffVolunteerForm,
    VolunteerForm,
    form_initial,
)
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.commendations import volunteer_commend
from zhigong.volunteers.services.registration import (
    volunteer_leave,
    volunteer_register,
    volunteer_resubmit,
)
from zhigong.volunteers.services.reveal import volunteer_reveal
from zhigong.volunteers.views.common import labels, opinions_by_step, serve_photo
from zhigong.volunteers.views.projects import hours_context


@policy.requires(Perm.VOLUNTEER_VIEW)
def volunteer_list_page(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, user=request.user)
    filters = selectors.VolunteerFilter()
    if form.is_valid():
        filters = selectors.VolunteerFilter(**form.cleaned_data)
    return render(
        request,
        "volunteers/list.html",
        {
            **staff_context(request, "volunteers"),
            "form": form,
            "page": page_of(request, selectors.volunteer_list(request.user, filters)),
            "query": query_without_page(request),
            "can_register": policy.holds(request.user, Perm.VOLUNTEER_REGISTER),
        },
    )


@policy.requires_any(Perm.VOLUNTEER_REVIEW, Perm.VOLUNTEER_APPROVE)
def volunteer_waiting_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "volunteers/waiting.html",
        {
            **staff_context(request, "volunteer_waiting"),
            "page": page_of(request, selectors.waiting_for(request.user)),
        },
    )


@never_cache  # shows back the ID number and phone typed
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_REGISTER)
def volunteer_register_page(request: AuthenticatedRequest) -> HttpResponse:
    form = StaffVolunteerForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = volunteer_register(
                actor=request.user,
                data=form.as_input(),
                union=form.cleaned_data["union"],
                photo=form.cleaned_data.get("photo"),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已登记，等待单位工会审核。"))
            return redirect("staff:volunteers:detail", volunteer.pk)
    return render(
        request,
        "volunteers/register.html",
        {**staff_context(request, "volunteers"), "form": form},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_VIEW)
def volunteer_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    volunteer = selectors.volunteer_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    may_decide = permissions.can_decide(user, volunteer)
    opinion = OpinionForm(request.POST if action == "opinion" else None) if may_decide else None
    reveal = RevealForm(request.POST if action == "reveal" else None)
    may_commend = volunteer.status == VolunteerStatus.APPROVED and policy.holds(
        user, Perm.VOLUNTEER_APPROVE
    )
    commend = (
        CommendForm(request.POST if action == "commend" else None, user=user)
        if may_commend
        else None
    )
    revealed: tuple[str, str] | None = None
    if action == "leave":
        try:
            volunteer_leave(actor=user, volunteer=volunteer, reason=request.POST.get("reason", ""))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已办理退出；其结对帮扶已结束，困难职工转入待结对名单。"))
        return redirect(request.path)
    if action == "commend" and commend is not None and commend.is_valid():
        try:
            volunteer_commend(actor=user, volunteer=volunteer, **commend.cleaned_data)
        except DomainError as exc:
            form_error(commend, exc)
        else:
            messages.success(request, _("已表彰。"))
            return redirect(request.path)
    elif action == "reveal" and reveal.is_valid():
        try:
            revealed = volunteer_reveal(
                actor=user, volunteer=volunteer, reason=reveal.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_error(reveal, exc)
    elif action == "opinion" or (request.method == "POST" and not action):
        done = decision_post(
            request,
            opinion,
            lambda: volunteer_decide(
                actor=user,
                volunteer=volunteer,
                approve=opinion is not None and opinion.accepted(),
                reason=opinion.cleaned_data["reason"] if opinion else "",
                over_quota_reason=opinion.cleaned_data["over_quota_reason"] if opinion else "",
            ),
            done=request.path,
            nothing_to_decide=_("这份登记现在不等待您的意见。"),
        )
        if done is not None:
            return done
    return render(
        request,
        "volunteers/detail.html",
        {
            **staff_context(request, "volunteers"),
            **_form_context(volunteer),
            "opinion": opinion,
            "reveal": reveal if permissions.can_reveal(user, volunteer) else None,
            "revealed": revealed,
            "commend": commend,
            "may_leave": permissions.can_leave(user, volunteer),
            "commendations": volunteer.commendations.select_related("union"),
            **hours_context(volunteer),
            "step_blocked": _why_not(user, volunteer) if not may_decide else "",
            "may_correct": volunteer.applicant_id is None
            and volunteer.status == VolunteerStatus.RETURNED
            and permissions.can_correct(user, volunteer),
        },
    )


def _why_not(user: Any, volunteer: Any) -> str:
    """Why a holder of the waiting step may not give it (shown instead of the form)."""
    step = volunteer.waiting_step
    if step is None or not permissions.holds_step(user, volunteer, step):
        return ""
    if permissions.asked_for_it(user, volunteer):
        return _("您登记或申请了这份登记表，不能审核它（申请人不审批）。")
    return _("您已在这份登记表上签过意见，请由其他工作人员审核下一环节。")


def _form_context(volunteer: Any) -> dict[str, Any]:
    return {
        "volunteer": volunteer,
        "opinions": opinions_by_step(volunteer),
        "labels": labels(volunteer),
    }


@never_cache
@require_GET
@policy.requires(Perm.VOLUNTEER_VIEW)
def volunteer_form_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The registration form as 附件2 lays it out, to print (masked ID number and phone)."""
    volunteer = selectors.volunteer_get_for_staff(request.user, pk)
    return render(request, "volunteers/print.html", _form_context(volunteer))


@never_cache
@require_GET
@policy.requires(Perm.VOLUNTEER_VIEW)
def volunteer_photo_page(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    return serve_photo(selectors.volunteer_get_for_staff(request.user, pk))


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_REGISTER)
def volunteer_correct_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Correct a returned paper form (of someone who is not a member) and submit it again."""
    user = request.user
    volunteer = selectors.volunteer_get_for_staff(user, pk)
    if volunteer.applicant_id is not None or volunteer.status != VolunteerStatus.RETURNED:
        raise NotFound()  # a member corrects their own; only a returned form is corrected
    permissions.require(permissions.can_correct(user, volunteer), user=user, volunteer=volunteer)
    form = VolunteerForm(
        request.POST or None, request.FILES or None, initial=form_initial(volunteer)
    )
    form.fields["phone"].help_text = ""
    if request.method == "POST" and form.is_valid():
        try:
            volunteer_resubmit(
                actor=user,
                volunteer=volunteer,
                data=form.as_input(),
                photo=form.cleaned_data.get("photo"),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("登记表已提交，等待单位工会审核。"))
            return redirect("staff:volunteers:detail", volunteer.pk)
    return render(
        request,
        "volunteers/correct.html",
        {**staff_context(request, "volunteers"), **_form_context(volunteer), "form": form},
    )
