"""The second factor: an authenticator app (TOTP, django-otp) with ten one-time recovery codes
(django-otp's static plugin).

Set up once: ``second_factor_begin`` makes the secret the page shows as a QR code, and
``second_factor_confirm`` checks the first code, switches it on and hands out the recovery
codes, shown once. Used at every login on the pages (``/accounts/mfa/``) and whenever an API
token is issued (``token_second_factor``), through ``second_factor_check``, which accepts a
code of the app or a recovery code (used up by it). The user makes new recovery codes in a
verified session; operators reset a second factor for someone who lost both.

Who must use it is the policy's answer (``policy.needs_second_factor``: the site setting
and the role table), not this module's.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import django_otp
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts import permissions
from zhigong.accounts.models import TokenRevoked, User
from zhigong.accounts.services.tokens import revoke_tokens
from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service
from zhigong.unions import policy

RECOVERY_CODES = 10
RECOVERY_DEVICE = "recovery"


class SecondFactorSetupRequired(DomainError):
    code = "second_factor_setup_required"
    status = 403
    default_message = gettext_lazy(
        "您的角色要求两步验证：请先在网页上登录，在“两步验证”页设置身份验证器。"
    )


class OtpRequired(DomainError):
    code = "otp_required"
    default_message = gettext_lazy("您的角色要求两步验证：请同时提供验证码（otp）。")

    def __init__(self) -> None:
        super().__init__(fields={"otp": _("请输入身份验证器显示的 6 位数字或一个恢复码。")})


class BadOtp(DomainError):
    code = "bad_otp"
    default_message = gettext_lazy("验证码不正确或已过期。")

    def __init__(self) -> None:
        super().__init__(fields={"otp": _("验证码不正确或已过期。")})


def _person(actor: Actor) -> User:
    """The services below act on the actor's own account: a person, never the platform."""
    if isinstance(actor, SystemActor) or not isinstance(actor, User):
        raise NotFound()
    return actor


def normalise_code(raw: str | None) -> str:
    """As typed: full-width characters, spaces and dashes ("abcd-efgh") do not matter."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(c for c in text if c.isalnum()).lower()


def has_second_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count())


@service
def second_factor_begin(*, actor: Actor) -> TOTPDevice:
    """The secret to show as a QR code, until the first code confirms it."""
    user = _person(actor)
    if has_second_factor(user):
        raise DomainError(_("两步验证已经启用。"), code="second_factor_enabled")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        audit_record(actor=actor, action="mfa.begin", target=user)
    return device


@service
def second_factor_confirm(*, actor: Actor, code: str) -> tuple[TOTPDevice, list[str]]:
    """Switch the authenticator on with its first code; returns it and the recovery codes."""
    user = _person(actor)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError(_("请先扫描二维码设置身份验证器。"), code="second_factor_not_begun")
    if not device.verify_token(normalise_code(code)):
        raise BadOtp()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit_record(actor=actor, action="mfa.enable", target=user)
    return device, codes


@service
def recovery_codes_regenerate(*, actor: Actor) -> list[str]:
    """New recovery codes (the old ones stop working), in a session that passed the second
    factor: a password alone never mints them."""
    user = _person(actor)
    if not has_second_factor(user):
        raise DomainError(_("请先设置两步验证。"), code="second_factor_not_enabled")
    is_verified = getattr(actor, "is_verified", None)
    if not (callable(is_verified) and is_verified()):
        raise policy.SecondFactorRequired()
    codes = _new_recovery_codes(user)
    audit_record(actor=actor, action="mfa.recovery_codes", target=user)
    return codes


@service
def second_factor_reset(*, actor: Actor, user: User, reason: str = "") -> None:
    """Operators: remove someone's authenticator and recovery codes (they lost both); they set
    it up again at their next login. Their API tokens end too."""
    if not permissions.can_administer_accounts(actor):
        raise NotFound()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="mfa.reset", target=user, reason=reason)
    revoke_tokens(user, actor=actor, why=TokenRevoked.SECOND_FACTOR, reason=reason)


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def second_factor_check(user: User, code: str | None) -> Device | None:
    """The device that accepts ``code`` (a 6-digit code of the authenticator, or a recovery
    code, which this uses up), or None. django-otp throttles failures per device, so
    guessing is slow on every channel alike."""
    code = normalise_code(code)
    if not code:
        return None
    devices: Any
    if len(code) == 6 and code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            if isinstance(verified, StaticDevice):
                audit_record(actor=user, action="mfa.recovery_code_used", target=user)
            return verified
    return None


def token_second_factor(user: User, code: str | None) -> bool:
    """For an API token: whether it is issued after the second factor. Refuses when the
    user's roles need one (``policy.needs_second_factor``) and none, or a wrong one, came."""
    if not normalise_code(code):
        if not policy.needs_second_factor(user):
            return False
        if not has_second_factor(user):
            raise SecondFactorSetupRequired()
        raise OtpRequired()
    if second_factor_check(user, code) is None:
        raise BadOtp()
    return True
