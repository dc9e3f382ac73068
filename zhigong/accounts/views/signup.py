"""Registering with a mobile number, and a forgotten password: two steps on one address each.

1. The number: "获取验证码" asks ``phone_code_request`` for a text, and the page goes on to
   step 2 (the number is kept in the session, encrypted, never in an address).
2. The code and a password: ``account_register`` (then logged in, on to the application for
   membership) or ``password_reset`` (then to the login page).

The pages are for visitors: a logged-in user is sent on. They call the services as the
platform (``SYSTEM``): the visitor has no account yet, or cannot use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.accounts import services
from zhigong.accounts.forms import CodeForm, PhoneForm, RegisterForm, ResetForm
from zhigong.accounts.models import PhoneCodePurpose, User
from zhigong.core import crypto
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.masking import mask_phone
from zhigong.core.views import client_address, form_error

_SESSION_KEY = "phone_code"
_SEALED = "session.phone_code"


def _pending(request: HttpRequest, purpose: str) -> str | None:
    """The number a code was sent to in this session for ``purpose``, if any."""
    held = request.session.get(_SESSION_KEY)
    if not isinstance(held, dict) or held.get("purpose") != purpose:
        return None
    try:
        return crypto.decrypt(str(held.get("phone", "")), context=_SEALED)
    except (crypto.SealBroken, ValueError):
        return None


def _remember(request: HttpRequest, purpose: str, phone: str) -> None:
    request.session[_SESSION_KEY] = {
        "purpose": purpose,
        "phone": crypto.encrypt(phone, context=_SEALED),
    }


def _forget(request: HttpRequest) -> None:
    request.session.pop(_SESSION_KEY, None)


def _two_steps(
    request: HttpRequest,
    *,
    purpose: str,
    code_form: type[CodeForm],
    finish: Callable[[str, dict[str, Any]], HttpResponse],
    page: dict[str, Any],
    sent: str,
) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:landing")
    here = request.path
    phone = _pending(request, purpose)
    action = request.POST.get("action") if request.method == "POST" else None
    status = 200
    if action == "restart":
        _forget(request)
        return redirect(here)
    if action == "send":
        # Step 1 sends the number typed; "重新获取" in step 2 the number kept.
        typed = "phone" in request.POST or phone is None
        number_form = PhoneForm(request.POST if typed else {"phone": phone})
        if number_form.is_valid():
            try:
                number = services.phone_code_request(
                    actor=SYSTEM,
                    purpose=purpose,
                    phone=number_form.cleaned_data["phone"],
                    address=client_address(request),
                )
            except DomainError as exc:
                if typed:
                    form_error(number_form, exc)
                    status = exc.status
                else:
                    messages.error(request, str(exc.message))
                    return redirect(here)
            else:
                _remember(request, purpose, number)
                messages.info(
                    request,
                    sent % {"phone": mask_phone(number), "minutes": settings.SMS_CODE_MINUTES},
                )
                return redirect(here)
        if typed:
            return _render(request, page, step=1, form=number_form, status=status)
    if phone is None:
        return _render(request, page, step=1, form=PhoneForm())
    form = code_form(request.POST if action == "confirm" else None)
    if action == "confirm" and form.is_valid():
        try:
            response = finish(phone, form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            return response
    return _render(request, page, step=2, form=form, phone=mask_phone(phone))


def _render(
    request: HttpRequest,
    page: dict[str, Any],
    *,
    step: int,
    form: forms.Form,
    phone: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {**page, "step": step, "form": form, "phone": phone}
    return render(request, "accounts/by_phone.html", context, status=status)


@never_cache  # the number typed is shown back
@require_http_methods(["GET", "POST"])
def register_page(request: HttpRequest) -> HttpResponse:
    """A worker registers with their mobile number, then applies for membership."""

    def finish(phone: str, data: dict[str, Any]) -> HttpResponse:
        user: User = services.account_register(
            actor=SYSTEM,
            phone=phone,
            code=data["code"],
            password=data["password"],
            full_name=data["full_name"],
        )
        _forget(request)
        login(request, user, backend="zhigong.accounts.backends.UsernameOrPhoneBackend")
        messages.success(
            request,
            _("注册成功，以后用手机号和密码登录。下一步：填写入会申请。"),
        )
        return redirect("portal:members:apply")

    return _two_steps(
        request,
        purpose=PhoneCodePurpose.REGISTER,
        code_form=RegisterForm,
        finish=finish,
        page={
            "title": _("用手机号注册"),
            "lead": _("注册后可以在线申请入会、使用电子会员卡。已有账号？请直接登录。"),
            "submit": _("注册"),
        },
        sent=_(
            "短信已发送至 %(phone)s，验证码 %(minutes)s 分钟内有效。"
            "如果这个号码已有账号，短信会提示您直接登录。"
        ),
    )


@never_cache  # the number typed is shown back
@require_http_methods(["GET", "POST"])
def password_reset_page(request: HttpRequest) -> HttpResponse:
    """A forgotten password: a code sent to the account's number, then a new password."""

    def finish(phone: str, data: dict[str, Any]) -> HttpResponse:
        services.password_reset(
            actor=SYSTEM, phone=phone, code=data["code"], new_password=data["new_password"]
        )
        _forget(request)
        messages.success(
            request,
            _("密码已重置，请用新密码登录。原来的登录和 API 令牌已全部失效。"),
        )
        return redirect("accounts:login")

    return _two_steps(
        request,
        purpose=PhoneCodePurpose.RESET,
        code_form=ResetForm,
        finish=finish,
        page={
            "title": _("找回密码"),
            "lead": _("输入账号绑定的手机号（或会员登记的手机号），用短信验证码设置新密码。"),
            "submit": _("重置密码"),
        },
        sent=_("如果这个号码已注册，验证码已发送至 %(phone)s，%(minutes)s 分钟内有效。"),
    )
