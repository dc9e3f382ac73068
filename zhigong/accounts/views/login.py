"""Login (with the lock-out's page), where a login lands, the second factor (set up, enter,
recovery codes) and changing one's password."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from zhigong.accounts import lockout, selectors, services
from zhigong.accounts.forms import LoginForm, PasswordChangeForm, TotpVerifyForm
from zhigong.accounts.models import User
from zhigong.accounts.services import second_factor
from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        if lockout.was_locked(self.request):
            return render(
                self.request,
                "accounts/locked_out.html",
                {"minutes": settings.LOGIN_LOCK_MINUTES},
                status=429,
            )
        return super().form_invalid(form)


@login_required
def landing(request: AuthenticatedRequest) -> HttpResponse:
    """Where a login lands: staff go to their workbench, members to their own pages."""
    if selectors.is_staff_user(request.user):
        return redirect("staff:accounts:home")
    return redirect("portal:members:me")


def layout(request: HttpRequest) -> str:
    """The account pages serve staff and members alike: each in their own layout."""
    return "staff/base.html" if selectors.is_staff_user(request.user) else "base.html"


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: ``next`` if it is ours, else the landing page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:landing")


def _codes_page(request: AuthenticatedRequest, codes: list[str], *, first: bool) -> HttpResponse:
    """The recovery codes, shown this once and never kept by a cache."""
    response = render(
        request,
        "accounts/recovery_codes.html",
        {
            **staff_context(request, "mfa"),
            "codes": [f"{c[:4]}-{c[4:]}" for c in codes],
            "first": first,
            "next": _next(request),
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa(request: AuthenticatedRequest) -> HttpResponse:
    """Set up (first time) or enter (each session) the second factor: a code of the
    authenticator app, or one of the recovery codes."""
    user: User = request.user  # type: ignore[assignment]
    enabled = second_factor.has_second_factor(user)
    pending = None if enabled else services.second_factor_begin(actor=user)
    form = TotpVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["token"]
        if pending is not None:
            try:
                device, codes = services.second_factor_confirm(actor=user, code=code)
            except DomainError as exc:
                form_error(form, exc)
            else:
                otp_login(request, device)
                return _codes_page(request, codes, first=True)
        else:
            used = second_factor.second_factor_check(user, code)
            if used is not None:
                otp_login(request, used)
                messages.success(request, _("两步验证已通过。"))
                if isinstance(used, StaticDevice):
                    messages.warning(
                        request,
                        _("您用了一个恢复码，还剩 %(n)s 个。用完前请重新生成。")
                        % {"n": second_factor.recovery_codes_left(user)},
                    )
                return redirect(_next(request))
            form.add_error("token", _("验证码不正确或已过期。"))
    qr_svg = secret = ""
    if pending is not None:
        qr_svg = segno.make(pending.config_url, error="m").svg_inline(scale=4)
        secret = base64.b32encode(pending.bin_key).decode()
    return render(
        request,
        "accounts/mfa.html",
        {
            **staff_context(request, "mfa"),
            "form": form,
            "qr_svg": qr_svg,
            "secret": secret,
            "setting_up": pending is not None,
            "verified": user.is_verified(),  # type: ignore[attr-defined]  # set by django-otp
            "codes_left": second_factor.recovery_codes_left(user) if enabled else None,
            "next": _next(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes_page(request: AuthenticatedRequest) -> HttpResponse:
    """New recovery codes, in a session that passed the second factor."""
    user: User = request.user  # type: ignore[assignment]
    verified = user.is_verified()  # type: ignore[attr-defined]  # set by django-otp
    if not second_factor.has_second_factor(user) or not verified:
        return redirect(reverse("accounts:mfa") + "?next=" + reverse("accounts:recovery_codes"))
    if request.method == "POST":
        codes = services.recovery_codes_regenerate(actor=user)
        return _codes_page(request, codes, first=False)
    return render(
        request,
        "accounts/recovery_regenerate.html",
        {
            **staff_context(request, "mfa"),
            "codes_left": second_factor.recovery_codes_left(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change_page(request: AuthenticatedRequest) -> HttpResponse:
    """Change one's own password; the account's API tokens end, this session stays."""
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=user,
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(
                request, _("密码已修改。您的 API 令牌已全部撤销，其他设备需重新登录。")
            )
            return redirect("accounts:tokens")
    return render(
        request,
        "accounts/password.html",
        {**staff_context(request, "account"), "layout": layout(request), "form": form},
    )
