"""The portal's appeal pages at /appeals/ (特殊困难求助台), open to everyone: the appeals on
the portal now (featured first) and the stories of closed ones, one appeal with its public
text, chosen pictures, the worker's surname and district/street, its period and the pledges
so far; a logged-in member pledges there. Nothing else of the worker is ever read here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.appeals import pictures, selectors
from zhigong.appeals.forms import PledgeForm
from zhigong.appeals.services.pledges import pledge_by_member, public_donor
from zhigong.core.errors import DomainError
from zhigong.core.views import form_error, page_of


@require_GET
def appeals_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "appeals/portal_list.html",
        {
            "page": page_of(request, selectors.public(selectors.on_portal()), 20),
            "stories": selectors.public(selectors.stories())[:20],
        },
    )


@require_http_methods(["GET", "POST"])
def appeal_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    appeal = selectors.portal_get(pk)
    open_now = selectors.on_portal().filter(pk=pk).exists()
    form = PledgeForm(request.POST or None) if open_now else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form is None:
            messages.error(request, _("这条求助已不在发布期内，不能认捐。"))
            return redirect("portal:appeals:detail", pk)
        if form.is_valid():
            try:
                pledge_by_member(actor=request.user, appeal=appeal, data=form.as_input())
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("谢谢您的爱心！工会工作人员会与您联系。"))
                return redirect("portal:appeals:detail", pk)
    pledges = [(public_donor(p), p) for p in selectors.public_pledges(appeal)]
    return render(
        request,
        "appeals/portal_detail.html",
        {
            "appeal": appeal,
            "open_now": open_now,
            "pictures": selectors.public_pictures(appeal),
            "pledges": pledges,
            "totals": selectors.totals(appeal),
            "form": form,
        },
    )


@never_cache  # no copy may outlive the publication in a cache
@require_GET
def appeal_picture_page(request: HttpRequest, pk: int, picture: int) -> HttpResponseBase:
    return pictures.serve_public(selectors.public_picture_get(pk, picture))
