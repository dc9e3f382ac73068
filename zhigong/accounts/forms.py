from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from zhigong.unions.roles import Role


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
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("身份验证器 App 显示的 6 位数字。"),
    )


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
