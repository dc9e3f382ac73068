"""The requester's own pages at /me/cases/: submit (on a phone too), follow the status and the
answers, add information and files, rate the answer, reopen it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.cases import selectors
from zhigong.cases.choices import CaseStatus
from zhigong.cases.forms import CaseSubmitForm, InfoForm, RateForm, ReopenForm
from zhigong.cases.services.intake import CaseInput, active_member_of, case_submit
from zhigong.cases.services.requester import (
    can_reopen_now,
    case_add_info,
    case_rate,
    case_reopen,
    reopen_until,
)
from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, page_of


@login_required
def my_cases_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "cases/portal_list.html",
        {"page": page_of(request, selectors.own_cases(request.user), 20)},
    )


@never_cache  # the form shows back the phone typed
@require_http_methods(["GET", "POST"])
@login_required
def case_new_page(request: AuthenticatedRequest) -> HttpResponse:
    member = active_member_of(request.user)
    form = CaseSubmitForm(request.POST or None, request.FILES or None, member=member is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_submit(
                actor=request.user,
                data=CaseInput(
                    kind=data["kind"],
                    category=data["category"],
                    description=data["description"],
                    employer=data["employer"],
                    name=data.get("name", ""),
                    phone=data.get("phone", ""),
                    district=data.get("district"),
                ),
                uploads=data["attachments"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("已提交，编号 %(ref)s。受理后我们会通知您答复期限。") % {"ref": case.reference},
            )
            return redirect("portal:cases:detail", case.pk)
    return render(request, "cases/portal_new.html", {"form": form, "member": member})


def _forms(case: Any, data: Any = None, files: Any = None) -> dict[str, Any]:
    """The forms the requester's page offers, by where the case stands."""
    offered: dict[str, Any] = {}
    if case.status != CaseStatus.CLOSED:
        offered["info"] = InfoForm(data, files)
    if case.status in (CaseStatus.REPLIED, CaseStatus.CLOSED):
        offered["rate"] = RateForm(
            data, initial={"rating": case.rating, "comment": case.rating_comment}
        )
    if can_reopen_now(case):
        offered["reopen"] = ReopenForm(data)
    return offered


@never_cache  # the requester's own record
@require_http_methods(["GET", "POST"])
@login_required
def my_case_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_own(request.user, pk)
    offered = _forms(case)
    errors_in = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        posted = _forms(case, request.POST, request.FILES)
        form = posted.get(action)
        if form is None:
            messages.error(request, _("该诉求当前不能办理此事项。"))
            return redirect("portal:cases:detail", case.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "info":
                    case_add_info(
                        actor=request.user,
                        case=case,
                        text=data["text"],
                        uploads=data["attachments"],
                    )
                    done = _("已补充。")
                elif action == "rate":
                    case_rate(
                        actor=request.user,
                        case=case,
                        rating=data["rating"],
                        comment=data["comment"],
                    )
                    done = _("谢谢您的评价。")
                else:
                    case_reopen(actor=request.user, case=case, reason=data["reason"])
                    done = _("已申请重新办理，我们会尽快再次答复您。")
            except DomainError as exc:
                if exc.status in (403, 404):
                    raise
                form_error(form, exc)
            else:
                messages.success(request, done)
                return redirect("portal:cases:detail", case.pk)
        offered[action] = form
        errors_in = action
    return render(
        request,
        "cases/portal_detail.html",
        {
            "case": case,
            "steps": selectors.timeline(case, for_requester=True),
            "attachments": case.attachments.all(),
            "offered": offered,
            "errors_in": errors_in,
            "reopen_until": reopen_until(case),
            "public": True,
        },
    )
