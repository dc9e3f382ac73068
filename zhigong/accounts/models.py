"""Users and API tokens (role grants live with the policy, in ``unions``)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
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

    @property
    def phone(self) -> str:
        if not self.phone_encrypted:
            return ""
        return crypto.decrypt(self.phone_encrypted, context=PHONE_PURPOSE)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def set_phone(self, phone: str) -> None:
        if phone:
            self.phone_encrypted = crypto.encrypt(phone, context=PHONE_PURPOSE)
            self.phone_index = crypto.blind_index(phone, purpose=PHONE_PURPOSE)
        else:
            self.phone_encrypted = ""
            self.phone_index = None


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"token {self.pk} of {self.user_id}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


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
