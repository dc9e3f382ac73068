from __future__ import annotations

import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.unions.roles import Role

PASSWORD_HELP = _("至少 8 位，不能全是数字，不能与用户名或姓名相近，不能是常见密码。")


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名或手机号"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("用户名（手机号）或密码不正确。连续 5 次错误将锁定账号 15 分钟。"),
        "inactive": _("该账号已停用。"),
    }


class TotpVerifyForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        help_text=_("身份验证器 App 显示的 6 位数字；手机不在身边时，可输入一个恢复码。"),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("原密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    new_password2 = forms.CharField(
        label=_("再次输入新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        return data


class PhoneForm(forms.Form):
    """The first step of registering and of a forgotten password: the mobile number."""

    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "autofocus": True}
        ),
    )

    def clean_phone(self) -> str:
        phone = normalise_mobile(self.cleaned_data["phone"])
        if message := check_mobile(phone):
            raise forms.ValidationError(message)
        return phone


class CodeForm(forms.Form):
    """The second step: the code of the text message, and a password."""

    code = forms.CharField(
        label=_("短信验证码"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
    password_fields = ("", "")

    def clean_code(self) -> str:
        code = unicodedata.normalize("NFKC", self.cleaned_data["code"]).replace(" ", "")
        digits = settings.SMS_CODE_DIGITS
        if len(code) != digits or not code.isdigit():
            raise forms.ValidationError(_("请输入短信里的 %(n)s 位数字验证码。") % {"n": digits})
        return code

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, second = self.password_fields
        if data.get(first) != data.get(second):
            self.add_error(second, _("两次输入的密码不一致。"))
        return data


class RegisterForm(CodeForm):
    full_name = forms.CharField(
        label=_("姓名"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("设置密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_fields = ("password", "password2")


class ResetForm(CodeForm):
    new_password = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    new_password2 = forms.CharField(
        label=_("再次输入新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_fields = ("new_password", "new_password2")


class GrantForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=[])
    department = forms.ChoiceField(label=_("部门"), required=False, choices=[])
    reason = forms.CharField(label=_("理由"), required=False, max_length=500)

    def __init__(
        self, *args: object, roles: list[str], departments: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]  # type: ignore[attr-defined]
        self.fields["department"].choices = [("", "—"), *departments]  # type: ignore[attr-defined]


class NewUserForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=64)
    phone = forms.CharField(label=_("手机号"), max_length=11, required=False)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, min_length=8)
