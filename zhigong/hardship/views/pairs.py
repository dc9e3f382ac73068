"""The workbench's pairing pages: pair a volunteer with a file, the volunteers' choices to
confirm, the alert queue of pairs without a visit for 30 days, and one pair (confirm, log a
visit, end, hand over)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import (
    AuthenticatedRequest,
    decision_post,
    form_error,
    page_of,
    staff_context,
)
from zhigong.hardship import permissions, selectors
from zhigong.hardship.forms import EndForm, HandoverForm, PairDecisionForm, PairForm, VisitForm
from zhigong.hardship.services.pairing import (
    pairing_create,
    pairing_decide,
    pairing_end,
    pairing_handover,
    visit_log,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.HARDSHIP_PAIR)
def pair_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    file = selectors.file_get_for_staff(user, pk)
    permissions.require(permissions.can_pair(user, file), user=user, file=file)
    form = PairForm(request.POST or None, volunteers=selectors.candidates(file))
    if request.method == "POST" and form.is_valid():
        try:
            pairing_create(
                actor=user, file=file, volunteer=form.chosen(), agreement=form.agreement()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已结对。"))
            return redirect("staff:hardship:detail", file.pk)
    return render(
        request,
        "hardship/pair.html",
        {**staff_context(request, "hardship_unpaired"), "file": file, "form": form},
    )


@policy.requires(Perm.HARDSHIP_PAIR)
def requests_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "hardship/requests.html",
        {
            **staff_context(request, "hardship_requests"),
            "page": page_of(request, selectors.requests_for(request.user)),
        },
    )


@policy.requires(Perm.HARDSHIP_VIEW)
def overdue_page(request: AuthenticatedRequest) -> HttpResponse:
    """The alert queue: pairs without a visit for 30 days."""
    today = timezone.localdate()
    return render(
        request,
        "hardship/overdue.html",
        {
            **staff_context(request, "hardship_overdue"),
            "page": page_of(request, selectors.overdue_for(request.user, today)),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.HARDSHIP_VIEW)
def pairing_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    pairing = selectors.pairing_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    data = request.POST if request.method == "POST" else None
    decision = (
        PairDecisionForm(data if action == "decide" else None)
        if permissions.can_decide_request(user, pairing)
        else None
    )
    visit = (
        VisitForm(data if action == "visit" else None)
        if permissions.can_log_visit(user, pairing)
        else None
    )
    may_end = permissions.can_end(user, pairing)
    end = EndForm(data if action == "end" else None) if may_end else None
    handover = (
        HandoverForm(
            data if action == "handover" else None,
            volunteers=selectors.candidates(pairing.file).exclude(pk=pairing.volunteer_id),
        )
        if may_end
        else None
    )
    if request.method == "POST":
        if action == "decide" or not action:
            done = decision_post(
                request,
                decision,
                lambda: pairing_decide(
                    actor=user,
                    pairing=pairing,
                    approve=decision is not None and decision.accepted(),
                    reason=decision.cleaned_data["reason"] if decision else "",
                ),
                done=request.path,
                nothing_to_decide=_("这个结对现在不等待您确认。"),
            )
            if done is not None:
                return done
        elif (action == "visit" and visit is None) or (
            action in ("end", "handover") and not may_end
        ):
            permissions.require_on_pairing(False, user=user, pairing=pairing)
        elif action == "visit" and visit is not None and visit.is_valid():
            try:
                visit_log(actor=user, pairing=pairing, **visit.cleaned_data)
            except DomainError as exc:
                form_error(visit, exc)
            else:
                messages.success(request, _("已记录走访。"))
                return redirect(request.path)
        elif action == "end" and end is not None and end.is_valid():
            try:
                pairing_end(actor=user, pairing=pairing, note=end.cleaned_data["note"])
            except DomainError as exc:
                form_error(end, exc)
            else:
                messages.success(request, _("结对已结束，职工转入待结对名单。"))
                return redirect("staff:hardship:detail", pairing.file_id)
        elif action == "handover" and handover is not None and handover.is_valid():
            try:
                new = pairing_handover(
                    actor=user,
                    pairing=pairing,
                    volunteer=handover.chosen(),
                    note=handover.cleaned_data["note"],
                )
            except DomainError as exc:
                form_error(handover, exc)
            else:
                messages.success(request, _("已移交给 %(name)s。") % {"name": new.volunteer.name})
                return redirect("staff:hardship:pairing", new.pk)
    return render(
        request,
        "hardship/pairing.html",
        {
            **staff_context(request, "hardship"),
            "pairing": pairing,
            "file": pairing.file,
            "visits": pairing.visits.all(),
            "decision": decision,
            "visit": visit,
            "end": end,
            "handover": handover,
            "overdue": pairing.status == "active"
            and pairing.last_seen_on <= selectors.overdue_cutoff(),
        },
    )
