"""Login, logout, second factor, and the staff workbench home."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts import lockout, permissions, selectors, services
from zhigong.accounts.forms import GrantForm, LoginForm, NewUserForm, TotpVerifyForm
from zhigong.accounts.models import User
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.forms import ReasonForm
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.unions import selectors as union_selectors
from zhigong.unions.roles import Perm


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


@login_required
def staff_home(request: AuthenticatedRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    grants = list(selectors.grants_of(user))
    return render(
        request,
        "accounts/staff_home.html",
        {**staff_context(request, "home"), "grants": grants},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa(request: AuthenticatedRequest) -> HttpResponse:
    """Set up (first time) or enter (each session) a TOTP second factor."""
    user: User = request.user  # type: ignore[assignment]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending = None
    if device is None:
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if pending is None:
            pending = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    form = TotpVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = device or pending
        assert target is not None
        if target.verify_token(form.cleaned_data["token"].strip()):
            if not target.confirmed:
                target.confirmed = True
                target.save(update_fields=["confirmed"])
                audit_record(actor=user, action="mfa.enable", target=user)
            otp_login(request, target)
            messages.success(request, _("两步验证已通过。"))
            return redirect("staff:accounts:home")
        form.add_error("token", _("验证码不正确或已过期。"))
    qr_svg = ""
    if pending is not None:
        qr_svg = segno.make(pending.config_url, error="m").svg_inline(scale=4)
    return render(
        request,
        "accounts/mfa.html",
        {
            **staff_context(request, "mfa"),
            "form": form,
            "qr_svg": qr_svg,
            "setting_up": pending is not None,
            "verified": user.is_verified(),  # type: ignore[attr-defined]  # set by django-otp
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def union_roles_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Who holds which role at this union; grant a role to an existing or a new user."""
    actor: User = request.user  # type: ignore[assignment]
    union = union_selectors.union_get(user=actor, code=code, perm=Perm.ROLE_VIEW)
    roles = permissions.grantable_roles(actor, union)
    departments = [(str(d.pk), d.name) for d in union.departments.filter(is_active=True)]
    grant_form = GrantForm(
        request.POST if request.POST.get("form") == "grant" else None,
        roles=roles,
        departments=departments,
    )
    user_form = NewUserForm(request.POST if request.POST.get("form") == "user" else None)
    if request.method == "POST" and grant_form.is_bound and grant_form.is_valid():
        data = grant_form.cleaned_data
        try:
            target = User.objects.filter(username=data["username"].strip()).first()
            if target is None:
                raise DomainError(_("找不到该用户名。"), fields={"username": _("找不到该用户名。")})
            department = union.departments.filter(pk=data["department"] or 0).first()
            services.role_grant(
                actor=actor,
                user=target,
                union=union,
                role=data["role"],
                department=department,
                reason=data["reason"],
            )
        except DomainError as exc:
            form_error(grant_form, exc)
        else:
            messages.success(request, _("已授权。"))
            return redirect("staff:accounts:union_roles", union.code)
    if request.method == "POST" and user_form.is_bound and user_form.is_valid():
        try:
            new_user = services.user_create(actor=actor, union=union, **user_form.cleaned_data)
        except DomainError as exc:
            form_error(user_form, exc)
        else:
            messages.success(
                request,
                _("已创建账号 %(username)s，请继续为其授权。") % {"username": new_user.username},
            )
            return redirect("staff:accounts:union_roles", union.code)
    grants = selectors.grants_at(user=actor, union=union)
    return render(
        request,
        "accounts/roles.html",
        {
            **staff_context(request, "unions"),
            "union": union,
            "crumbs": union_selectors.union_breadcrumbs(user=actor, union=union),
            "grants": [(g, permissions.can_revoke_grant(actor, g)) for g in grants],
            "grant_form": grant_form if roles else None,
            "user_form": user_form if roles else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_revoke_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    grant = selectors.grant_get(user=actor, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_revoke(actor=actor, grant=grant, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已撤销授权。"))
            return redirect("staff:accounts:union_roles", grant.union.code)
    return render(
        request,
        "unions/form.html",
        {
            **staff_context(request, "unions"),
            "union": grant.union,
            "form": form,
            "title": _("撤销 %(user)s 的“%(role)s”角色")
            % {"user": grant.user, "role": grant.get_role_display()},
            "submit": _("撤销"),
            "danger": True,
        },
    )
