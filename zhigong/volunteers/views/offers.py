"""The workbench's offer pages at /staff/volunteers/offers/: the offers in scope with the
queue waiting for my recommendation or review, one offer (recommend, review, hide), and the
queue of workers' requests for help, each connected and closed with its outcome (VOL-6)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.choices import Availability
from zhigong.volunteers.service_choices import HelpRequestStatus, OfferStatus
from zhigong.volunteers.service_forms import (
    ConnectForm,
    OfferDecisionForm,
    OutcomeForm,
    ReasonForm,
)
from zhigong.volunteers.services.offers import (
    help_close,
    help_connect,
    offer_hide,
    offer_recommend,
    offer_review,
)
from zhigong.volunteers.views.common import labels


@policy.requires(Perm.VOLUNTEER_VIEW)
def offer_list_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in OfferStatus.values else ""
    return render(
        request,
        "volunteers/offers.html",
        {
            **staff_context(request, "volunteer_offers"),
            "waiting": selectors.offers_waiting_for(request.user)[:50],
            "page": page_of(request, selectors.offer_list(request.user, status)),
            "statuses": OfferStatus.choices,
            "status": status,
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_VIEW)
def offer_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    offer = selectors.offer_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    decide: Any = None
    if can.can_recommend(user, offer) or can.can_review(user, offer):
        decide = OfferDecisionForm(request.POST if action == "decide" else None)
    hide = (
        ReasonForm(request.POST if action == "hide" else None)
        if can.can_hide(user, offer)
        else None
    )
    form = {"decide": decide, "hide": hide}.get(action)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("这份服务承诺现在不等待您处理。"))
            return redirect(request.path)
        if form.is_valid():
            try:
                if action == "decide":
                    step = (
                        offer_recommend if offer.status == OfferStatus.SUBMITTED else offer_review
                    )
                    step(
                        actor=user,
                        offer=offer,
                        approve=form.accepted(),
                        reason=form.cleaned_data["reason"],
                    )
                else:
                    offer_hide(
                        actor=user,
                        offer=offer,
                        hide=offer.status == OfferStatus.LISTED,
                        reason=form.cleaned_data["reason"],
                    )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已处理。"))
                return redirect(request.path)
    return render(
        request,
        "volunteers/offer.html",
        {
            **staff_context(request, "volunteer_offers"),
            "offer": offer,
            "times": _times(offer.availability),
            "decide": decide,
            "hide": hide,
            # the requests are the centre's to connect
            "requests": offer.requests.order_by("-created_at")[:50]
            if policy.has_perm(user, Perm.VOLUNTEER_OFFER_REVIEW, offer.review_union)
            else [],
        },
    )


def _times(values: list[str]) -> str:
    names = dict(Availability.choices)
    return "、".join(str(names.get(v, v)) for v in values)


@policy.requires(Perm.VOLUNTEER_OFFER_REVIEW)
def help_queue_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", HelpRequestStatus.WAITING)
    status = status if status in HelpRequestStatus.values else ""
    return render(
        request,
        "volunteers/help_queue.html",
        {
            **staff_context(request, "volunteer_help"),
            "page": page_of(request, selectors.help_queue(request.user, status)),
            "statuses": HelpRequestStatus.choices,
            "status": status,
        },
    )


@never_cache  # shows the requester's member record (masked) and what they need
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_OFFER_REVIEW)
def help_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    help_ = selectors.help_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    connect = (
        ConnectForm(request.POST if action == "connect" else None)
        if help_.status == HelpRequestStatus.WAITING
        else None
    )
    close = (
        OutcomeForm(request.POST if action == "close" else None)
        if help_.status == HelpRequestStatus.CONNECTED
        else None
    )
    form = {"connect": connect, "close": close}.get(action)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("这条求助现在不能办理此事项。"))
            return redirect(request.path)
        if form.is_valid():
            try:
                if action == "connect":
                    help_connect(actor=user, request=help_, **form.cleaned_data)
                else:
                    help_close(actor=user, request=help_, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已处理。"))
                return redirect(request.path)
    volunteer = help_.offer.volunteer
    return render(
        request,
        "volunteers/help_request.html",
        {
            **staff_context(request, "volunteer_help"),
            "help": help_,
            "volunteer": volunteer,
            "labels": labels(volunteer),
            "connect": connect,
            "close": close,
        },
    )
