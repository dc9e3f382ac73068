"""Users and API tokens (role grants live with the policy, in ``unions``)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhigong.core import crypto
from zhigong.core.masking import mask_phone

PHONE_PURPOSE = "user.phone"


class User(AbstractUser):
    """A person who logs in: union staff or a member. Login by username or mobile phone."""

    full_name = models.CharField(_("姓名"), max_length=64, blank=True)
    # The phone is personal data: stored encrypted, found through its blind index.
    phone_encrypted = models.CharField(_("手机号（加密）"), max_length=255, blank=True)
    phone_index = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def sealing_context(self, column: str) -> str:
        """Ciphertexts of a login are bound to its username (which never changes)."""
        return crypto.bound_to(self._meta.db_table, column, self.username)

    @property
    def phone(self) -> str:
        if not self.phone_encrypted:
            return ""
        return crypto.decrypt(self.phone_encrypted, context=self.sealing_context("phone"))

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def set_phone(self, phone: str) -> None:
        if phone:
            self.phone_encrypted = crypto.encrypt(phone, context=self.sealing_context("phone"))
            self.phone_index = crypto.blind_index(phone, purpose=PHONE_PURPOSE)
        else:
            self.phone_encrypted = ""
            self.phone_index = None


class TokenRevoked(models.TextChoices):
    """Why a token stopped working before it expired."""

    OWNER = "owner", _("本人撤销")
    ADMIN = "admin", _("管理员撤销")
    PASSWORD = "password", _("密码已更改")
    DEACTIVATED = "deactivated", _("账号已停用")
    ROLE = "role", _("角色被撤销")
    SECOND_FACTOR = "second_factor", _("两步验证已重置")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        """Neither revoked nor expired (a password changed elsewhere is checked per use)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored. Revoked tokens are kept, with
    when, why and by whom, never deleted (the audit chain names them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    # Issued after the second factor: such a token may use the permissions that need one.
    second_factor = models.BooleanField(_("经两步验证"), default=False)
    # The password the token was issued under (a digest of its hash): a password changed by
    # any path (the service, the admin, a command) ends the token, as it ends sessions.
    password_stamp = models.CharField(max_length=64, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )
    revoked_reason = models.CharField(
        _("撤销原因"), max_length=16, choices=TokenRevoked.choices, blank=True
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"token {self.pk} of {self.user_id}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def stamp_of(user: User) -> str:
        """A digest of the user's password hash (no secret in it: only a change matters)."""
        return hashlib.sha256(user.password.encode()).hexdigest()

    @property
    def status(self) -> str:
        """``live``, ``revoked``, ``expired`` or ``stale`` (the password changed since)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        if self.password_stamp != ApiToken.stamp_of(self.user):
            return "stale"
        return "live"

    @property
    def status_label(self) -> str:
        if self.revoked_at is not None:
            return _("已撤销（%(why)s）") % {"why": self.get_revoked_reason_display()}
        labels = {
            "expired": _("已过期"),
            "stale": _("已失效（密码已更改）"),
            "live": _("有效"),
        }
        return str(labels[self.status])


class LoginThrottle(models.Model):
    """Failed logins counted per account (``zhigong.accounts.lockout``): one row per account,
    and one per login string that names no account, so that an unknown login locks exactly
    like a known one. The string itself is never stored, only a keyed hash of it (a login
    may be an ID number or a phone)."""

    key = models.CharField(max_length=80, unique=True)  # "user:<id>" or "login:<hmac>"
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("账号"),
    )
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    first_failure_at = models.DateTimeField(_("首次失败时间"), null=True, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("登录失败计数")
        verbose_name_plural = _("登录失败计数")

    def __str__(self) -> str:
        return self.key


class PhoneCodePurpose(models.TextChoices):
    REGISTER = "register", _("注册账号")
    RESET = "reset", _("找回密码")
    # A member the union registered (a roster import) links their account to that record.
    CLAIM = "claim", _("绑定会员信息")


class PhoneCode(models.Model):
    """One text sent to a mobile number for self-registration or a password reset
    (``zhigong.accounts.services.phone_codes``), whatever it said: a code, or that the number
    already has an account (registration), or none (reset). Every accepted request leaves one
    row, so the limits count alike whether the number has an account or not.

    Neither the number, nor the client's address, nor the code is stored: only keyed hashes
    (the code's salted per row), so a copy of the table gives none of them back. A row whose
    text held no code has an empty ``code_hash`` and matches nothing."""

    purpose = models.CharField(_("用途"), max_length=16, choices=PhoneCodePurpose.choices)
    phone_index = models.CharField(max_length=64)
    address_index = models.CharField(max_length=64)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("到期时间"))
    failures = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    # Used, replaced by a newer code for the same number, or spent by too many wrong tries.
    spent_at = models.DateTimeField(_("失效时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [
            models.Index(fields=["phone_index", "created_at"], name="phonecode_phone"),
            models.Index(fields=["address_index", "created_at"], name="phonecode_address"),
            models.Index(fields=["created_at"], name="phonecode_created"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} code {self.pk}"
