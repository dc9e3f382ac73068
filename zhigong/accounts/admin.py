"""Operators' admin for accounts: users (never a phone in plain or ciphertext), their API
tokens and login lock-outs, read only.

What changes an account's safety goes through the services, as admin actions, so that it is
authorised, audited and ends the account's tokens: switching an account off or on, revoking
its tokens, resetting its second factor, lifting a lock-out. The authenticator devices
themselves are not in the admin: an operator who could add one with a known secret could pass
anyone's second factor.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts import services
from zhigong.accounts.models import ApiToken, LoginThrottle, User
from zhigong.core.admin import GuardedLookupsAdmin, ReadOnlyAdmin
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError

for _device in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(_device)


def _operator(request: HttpRequest) -> User:
    """The superuser at the admin (the admin site lets nobody else in)."""
    assert isinstance(request.user, User)
    return request.user


def _account_action(service: Any, description: Any, done: Any) -> Any:
    """An admin action that runs ``service`` for each selected account as the operator (the
    service authorises and audits), and reports what happened."""

    def act(modeladmin: Any, request: HttpRequest, users: QuerySet[User]) -> None:
        operator = _operator(request)
        count = 0
        for user in users:
            try:
                service(actor=operator, user=user, reason="admin")
            except DomainError as exc:
                messages.error(request, f"{user.username}: {exc.message}")
            else:
                count += 1
        messages.success(request, str(done) % {"n": count})

    act.__name__ = service.__name__
    return admin.action(description=description)(act)


@admin.register(User)
class UserAdmin(GuardedLookupsAdmin, BaseUserAdmin[User]):
    list_display = ("username", "full_name", "phone_masked", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser")
    search_fields = ("username", "full_name")
    # The phone is ciphertext; it is set through the services, never shown or edited here.
    exclude = ("phone_encrypted", "phone_index")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("资料"), {"fields": ("full_name",)}),
        (_("状态"), {"fields": ("is_active", "is_staff", "is_superuser", "last_login")}),
    )
    # Switching an account off is an action (it ends the account's tokens and is audited).
    readonly_fields = ("last_login", "is_active")

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        # A username never changes: the account's encrypted phone is bound to it.
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "username") if obj is not None else fields

    actions = ["deactivate", "activate", "revoke_tokens", "reset_second_factor", "unlock"]

    deactivate = _account_action(
        services.user_deactivate,
        _("停用所选账号（并撤销其全部 API 令牌）"),
        _("已停用 %(n)s 个账号。"),
    )
    activate = _account_action(
        services.user_activate, _("启用所选账号"), _("已启用 %(n)s 个账号。")
    )
    revoke_tokens = _account_action(
        services.api_tokens_revoke_all,
        _("撤销所选账号的全部 API 令牌"),
        _("已处理 %(n)s 个账号。"),
    )
    reset_second_factor = _account_action(
        services.second_factor_reset,
        _("重置所选账号的两步验证（下次登录时重新设置）"),
        _("已重置 %(n)s 个账号的两步验证。"),
    )
    unlock = _account_action(
        services.login_unlock, _("解除所选账号的登录锁定"), _("已处理 %(n)s 个账号。")
    )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Django's own page; a password set here is written to the audit chain too (the
        account's tokens end by themselves: they carry a stamp of the password)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            if user is not None:
                audit_record(actor=_operator(request), action="user.password_set", target=user)
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "name", "created_at", "expires_at", "last_used_at", "second_factor")
    list_filter = ("second_factor", "revoked_reason")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = (
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "second_factor",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
    )


@admin.register(LoginThrottle)
class LoginThrottleAdmin(ReadOnlyAdmin):
    """Accounts with recent failed logins (logins that name nobody are not listed)."""

    list_display = ("user", "failures", "first_failure_at", "locked_until")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = ("user", "failures", "first_failure_at", "locked_until")

    def get_queryset(self, request: HttpRequest) -> QuerySet[LoginThrottle]:
        return super().get_queryset(request).filter(user__isnull=False)
