"""/me/claim/: a member their union registered links the account they registered to that
record (``services.claim``). One form, two buttons: "获取验证码" texts the phone on the
record, "绑定" checks the code. The ID number travels in the form's body, never the address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, client_address, form_error
from zhigong.members.forms import ClaimForm
from zhigong.members.selectors import portal as mine
from zhigong.members.services import claim


@never_cache  # the form shows back the ID number typed
@login_required
@require_http_methods(["GET", "POST"])
def claim_page(request: AuthenticatedRequest) -> HttpResponse:
    if mine.own_member(request.user) is not None:
        return render(request, "members/portal_claim.html", {"linked": True})
    form = ClaimForm(request.POST or None)
    sent = False
    status = 200
    if request.method == "POST" and form.is_valid():
        id_number = form.cleaned_data["id_number"]
        try:
            if request.POST.get("action") == "claim":
                claim.member_claim(
                    actor=request.user, id_number=id_number, code=form.cleaned_data["code"]
                )
                messages.success(request, _("已绑定您的会员信息，现在可以使用电子会员卡了。"))
                return redirect("portal:members:me")
            claim.member_claim_request(
                actor=request.user, id_number=id_number, address=client_address(request)
            )
            sent = True
        except DomainError as exc:
            form_error(form, exc)
            status = exc.status
    return render(request, "members/portal_claim.html", {"form": form, "sent": sent}, status=status)
