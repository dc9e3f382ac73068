"""What the accounts' audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.unions.roles import DepartmentKind, Role

WORDS = AuditWords(
    actions={
        "user.create": _("新建账号"),
        "user.password": _("修改密码"),
        "user.register": _("用手机号自助注册账号"),
        "user.password_reset": _("用短信验证码找回密码"),
        "user.password_set": _("平台运维设置密码"),
        "user.deactivate": _("停用账号"),
        "user.activate": _("启用账号"),
        "login.lock": _("登录失败次数过多，账号锁定"),
        "login.unlock": _("解除登录锁定"),
        "token.create": _("签发 API 令牌"),
        "token.revoke": _("撤销 API 令牌"),
        "mfa.begin": _("开始设置两步验证"),
        "mfa.enable": _("启用两步验证"),
        "mfa.recovery_codes": _("重新生成恢复码"),
        "mfa.recovery_code_used": _("使用恢复码登录"),
        "mfa.reset": _("重置两步验证"),
        "role.grant": _("授予角色"),
        "role.revoke": _("撤销角色"),
    },
    targets={
        "accounts.user": _("账号"),
        "accounts.rolegrant": _("角色授权"),
        "accounts.apitoken": _("API 令牌"),
    },
    fields={
        "accounts.user": {
            "username": _("用户名"),
            "full_name": _("姓名"),
            "phone": _("手机号"),
            "active": _("有效"),
            "tokens": _("令牌"),
        },
        "accounts.rolegrant": {
            "user": _("用户名"),
            "role": _("角色"),
            "department": _("部门"),
            "active": _("有效"),
        },
        "accounts.apitoken": {"second_factor": _("已通过两步验证"), "tokens": _("令牌")},
    },
    values={
        "accounts.rolegrant": {
            "role": dict(Role.choices),
            "department": dict(DepartmentKind.choices),
        },
    },
)
