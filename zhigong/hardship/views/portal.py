"""The volunteer's pairing pages at /me/pairing/, made for a phone: my pairs, the files
offered to me (no ID number, phone or address), choosing one, and logging a visit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import AuthenticatedRequest, form_error, page_of
from zhigong.hardship import selectors
from zhigong.hardship.forms import AgreementForm, VisitForm
from zhigong.hardship.services.pairing import pairing_choose, visit_log


@never_cache
@login_required
def my_pairings_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = selectors.my_volunteer(request.user)
    return render(
        request,
        "hardship/portal_mine.html",
        {
            "volunteer": volunteer,
            "pairings": selectors.my_pairings(request.user).prefetch_related("visits")[:50],
            "cutoff": selectors.overdue_cutoff(),
        },
    )


@login_required
def offers_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = selectors.my_volunteer(request.user)
    if volunteer is None:
        raise NotFound()
    return render(
        request,
        "hardship/portal_offers.html",
        {"page": page_of(request, selectors.offers_for(volunteer), 20)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def offer_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    volunteer = selectors.my_volunteer(request.user)
    if volunteer is None:
        raise NotFound()
    file = selectors.offer_get(volunteer, pk)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pairing_choose(
                actor=request.user, volunteer=volunteer, file=file, agreement=form.agreement()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已认领，等待工会确认。"))
            return redirect("portal:hardship:mine")
    return render(request, "hardship/portal_offer.html", {"file": file, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def visit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pairing = selectors.my_pairing(request.user, pk)
    if pairing.status != "active":
        raise NotFound()
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_log(actor=request.user, pairing=pairing, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("走访已记录，谢谢您！"))
            return redirect("portal:hardship:mine")
    return render(
        request,
        "hardship/portal_visit.html",
        {"pairing": pairing, "form": form, "visits": pairing.visits.all()[:10]},
    )
