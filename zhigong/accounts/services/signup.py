"""Workers get in on their own: a code sent by SMS proves a mobile number, for registering an
account (``account_register``) and for a forgotten password (``password_reset``).

``phone_code_request`` sends one text to the number for each request it accepts, within the
limits of the settings (``SMS_CODE_*``, ``SMS_CODES_*``): a minute between two texts to one
number, so many an hour and a day per number (registration and reset counted together), so
many an hour per client address. A code expires after ``SMS_CODE_MINUTES``, a newer one
replaces it, and ``SMS_CODE_MAX_TRIES`` wrong tries spend it. Only keyed hashes of the number,
the address and the code are stored (``PhoneCode``).

No answer tells an outsider whether a number has an account (docs/accounts.md): every
accepted request sends one text and leaves one row, whatever the number, and the page says
the same. What differs is the text, which only the number's holder reads: registration sends
a code, or that the number has an account already (log in, or reset the password); a reset
sends a code when the number names exactly one active account, else why there is none. Only
after a right code does a page say "this number already has an account".

These services act for a visitor who is not logged in: the pages call them as the platform
(``SYSTEM``), and they refuse anyone else. The audit chain records the registration and the
reset, by the account concerned.
"""

from __future__ import annotations

import secrets
import string
import unicodedata
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from zhigong.accounts import lockout
from zhigong.accounts.models import PhoneCode, PhoneCodePurpose, TokenRevoked, User
from zhigong.accounts.services.tokens import revoke_tokens
from zhigong.accounts.services.users import _password_errors
from zhigong.core import crypto
from zhigong.core.actors import Actor, SystemActor
from zhigong.core.audit import audit_record, diff
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.core.service import service
from zhigong.notifications.services import send_sms

_PHONE = "phone_code.phone"
_ADDRESS = "phone_code.address"
_CODE = "phone_code.code"
# PostgreSQL advisory locks (two-key form): requests for one number, or from one address,
# are counted one at a time, so that two at once cannot both pass the last free place.
_LOCK_PHONE, _LOCK_ADDRESS = 7_734_210, 7_734_211
KEEP_ROWS = timedelta(days=2)  # longer than the longest window of the limits


class TooManyCodes(DomainError):
    code = "too_many"
    status = 429


def _platform_only(actor: Actor) -> None:
    """A logged-in person does not register another account or reset someone's password."""
    if not isinstance(actor, SystemActor):
        raise NotFound()


def clean_phone(raw: str) -> str:
    """The mainland mobile number ``raw`` names, or a message on the ``phone`` field."""
    phone = normalise_mobile(raw or "")
    message = check_mobile(phone) if phone else _("请输入手机号。")
    if message:
        raise DomainError(message, fields={"phone": message})
    return phone


def _hash_code(salt: str, code: str) -> str:
    return crypto.blind_index(f"{salt}:{code}", purpose=_CODE)


def _serialise(phone_index: str, address_index: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for space, index in ((_LOCK_PHONE, phone_index), (_LOCK_ADDRESS, address_index)):
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [space, int(index[:7], 16)])


def _check_limits(phone_index: str, address_index: str, now: Any) -> None:
    """Refuse a request over a limit (``TooManyCodes``); nothing is recorded for it."""
    hour = now - timedelta(hours=1)
    sent = PhoneCode.objects.filter(phone_index=phone_index, created_at__gt=now - timedelta(days=1))
    last = sent.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None:
        wait = settings.SMS_CODE_RESEND_SECONDS - int((now - last).total_seconds())
        if wait > 0:
            raise TooManyCodes(_("发送太频繁，请 %(n)s 秒后再获取。") % {"n": wait})
    if (
        sent.filter(created_at__gt=hour).count() >= settings.SMS_CODES_PER_NUMBER_HOUR
        or sent.count() >= settings.SMS_CODES_PER_NUMBER_DAY
    ):
        raise TooManyCodes(_("这个手机号获取验证码的次数太多，请过一段时间再试。"))
    by_address = PhoneCode.objects.filter(address_index=address_index, created_at__gt=hour)
    if by_address.count() >= settings.SMS_CODES_PER_ADDRESS_HOUR:
        raise TooManyCodes(_("您所在的网络获取验证码的次数太多，请一小时后再试。"))


def _new_code() -> str:
    digits: int = settings.SMS_CODE_DIGITS
    return str(secrets.randbelow(10**digits)).zfill(digits)


def _text(purpose: str, phone: str, code: str) -> tuple[str, bool]:
    """What the text to ``phone`` says, and whether it holds ``code``."""
    site = _("【职工服务平台】")
    minutes = settings.SMS_CODE_MINUTES
    if purpose == PhoneCodePurpose.CLAIM:
        # Sent only to the number on a member record (members.services.claim), never to a
        # number someone typed: whoever reads it is the person the union has on file.
        return site + _(
            "验证码 %(code)s，用于把您的账号与工会登记的会员信息绑定，%(minutes)s 分钟内有效。"
            "如非本人操作，请忽略本短信。"
        ) % {"code": code, "minutes": minutes}, True
    accounts = lockout.accounts_named(phone)
    if purpose == PhoneCodePurpose.REGISTER:
        if accounts:
            return site + _(
                "本手机号已有账号，无需注册：请直接登录，忘记密码可在登录页点“忘记密码”找回。"
                "如非本人操作，请忽略本短信。"
            ), False
        return site + _("验证码 %(code)s，用于注册账号，%(minutes)s 分钟内有效。请勿告诉他人。") % {
            "code": code,
            "minutes": minutes,
        }, True
    if len(accounts) == 1 and accounts[0].is_active:
        return site + _(
            "验证码 %(code)s，用于找回密码，%(minutes)s 分钟内有效。请勿告诉他人，"
            "工作人员不会向您索要验证码。"
        ) % {"code": code, "minutes": minutes}, True
    if not accounts:
        return site + _(
            "有人用本手机号申请找回密码，但本号码还没有账号，可在平台用手机号注册。"
            "如非本人操作，请忽略本短信。"
        ), False
    return site + _(
        "本手机号的账号不能自助找回密码，请联系所在工会的管理员。如非本人操作，请忽略本短信。"
    ), False


@service
def phone_code_request(*, actor: Actor, purpose: str, phone: str, address: str) -> str:
    """Send the text for ``purpose`` (register, reset, claim) to ``phone``, asked from the client
    ``address``; returns the number normalised. The answer is the same whatever the number
    (see the module's docstring); over a limit it is ``TooManyCodes`` (429)."""
    _platform_only(actor)
    if purpose not in PhoneCodePurpose.values:
        raise DomainError(_("请求无效。"))
    phone = clean_phone(phone)
    now = timezone.now()
    phone_index = crypto.blind_index(phone, purpose=_PHONE)
    address_index = crypto.blind_index(address or "unknown", purpose=_ADDRESS)
    _serialise(phone_index, address_index)
    _check_limits(phone_index, address_index, now)
    code = _new_code()
    text, holds_code = _text(purpose, phone, code)
    # Only the newest code of a number counts: earlier ones stop working.
    PhoneCode.objects.filter(
        phone_index=phone_index, purpose=purpose, spent_at__isnull=True
    ).update(spent_at=now)
    salt = secrets.token_hex(8)
    PhoneCode.objects.create(
        purpose=purpose,
        phone_index=phone_index,
        address_index=address_index,
        salt=salt,
        code_hash=_hash_code(salt, code) if holds_code else "",
        created_at=now,
        expires_at=now + timedelta(minutes=settings.SMS_CODE_MINUTES),
    )
    send_sms(phone, text)
    PhoneCode.objects.filter(created_at__lt=now - KEEP_ROWS).delete()
    return phone


def _code_message(code_left: int | None) -> str:
    if code_left is None:
        return _("验证码已失效（超时、已使用、已换新或错误次数过多），请重新获取。")
    return _("验证码不正确，还可再试 %(n)s 次。") % {"n": code_left}


def phone_code_take(purpose: str, phone: str, code: str) -> PhoneCode:
    """The live code of ``phone`` for ``purpose`` if ``code`` is it. A wrong try is counted in
    a transaction of its own (it stays counted although the caller's step fails), and the
    last one allowed spends the code. Nothing here says whether the number has an account:
    a row whose text held no code fails exactly like a wrong code."""
    typed = unicodedata.normalize("NFKC", code or "").strip()
    now = timezone.now()
    with transaction.atomic():
        row = (
            PhoneCode.objects.select_for_update()
            .filter(
                phone_index=crypto.blind_index(phone, purpose=_PHONE),
                purpose=purpose,
                spent_at__isnull=True,
                expires_at__gt=now,
            )
            .order_by("-created_at")
            .first()
        )
        if row is None:
            message = _code_message(None)
            raise DomainError(message, code="code_spent", fields={"code": message})
        if row.code_hash and constant_time_compare(row.code_hash, _hash_code(row.salt, typed)):
            return row
        row.failures += 1
        if row.failures >= settings.SMS_CODE_MAX_TRIES:
            row.spent_at = now
        row.save(update_fields=["failures", "spent_at"])
    left = None if row.spent_at else settings.SMS_CODE_MAX_TRIES - row.failures
    message = _code_message(left)
    raise DomainError(message, code="bad_code", fields={"code": message})


def phone_code_spend(row: PhoneCode) -> None:
    """Mark the code used, in the caller's transaction; refused if it was used meanwhile."""
    used = PhoneCode.objects.filter(pk=row.pk, spent_at__isnull=True).update(
        spent_at=timezone.now()
    )
    if not used:
        message = _code_message(None)
        raise DomainError(message, code="code_spent", fields={"code": message})


def _new_username() -> str:
    """A login name nobody has: people who register log in with their phone."""
    alphabet = string.ascii_lowercase + string.digits
    while True:
        username = "zg" + "".join(secrets.choice(alphabet) for _i in range(10))
        if not User.objects.filter(username__iexact=username).exists():
            return username


@service(atomic=False)  # a wrong code stays counted although the registration is refused
def account_register(*, actor: Actor, phone: str, code: str, password: str, full_name: str) -> User:
    """A worker registers an account with their name, the mobile number the code was sent
    to, and a password. They log in with the number (the login name is made up for them)."""
    _platform_only(actor)
    phone = clean_phone(phone)
    full_name = " ".join((full_name or "").split())[:64]
    if not full_name:
        message = _("请填写姓名。")
        raise DomainError(message, fields={"full_name": message})
    row = phone_code_take(PhoneCodePurpose.REGISTER, phone, code)
    taken = _("这个手机号已有账号，请直接登录；忘记密码可以在登录页找回。")
    with transaction.atomic():
        if lockout.accounts_named(phone):
            raise DomainError(taken, code="registered", fields={"phone": taken})
        user = User(username=_new_username(), full_name=full_name)
        if problem := _password_errors(password, user):
            raise DomainError(problem, fields={"password": problem})
        user.set_password(password)
        user.set_phone(phone)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:  # the same number registered a moment ago
            raise DomainError(taken, code="registered", fields={"phone": taken}) from exc
        phone_code_spend(row)
        audit_record(
            actor=user,
            action="user.register",
            target=user,
            reason=_("短信验证码验证了手机号"),
            changes=diff({}, {"username": user.username, "full_name": full_name, "phone": phone}),
        )
    return user


def _account_to_reset(phone: str) -> User:
    accounts = lockout.accounts_named(phone)
    if len(accounts) != 1 or not accounts[0].is_active:
        message = _("这个手机号的账号不能自助找回密码，请联系所在工会的管理员。")
        raise DomainError(message, code="no_reset", fields={"phone": message})
    return accounts[0]


@service(atomic=False)  # a wrong code stays counted although the reset is refused
def password_reset(*, actor: Actor, phone: str, code: str, new_password: str) -> User:
    """A forgotten password: the account whose number (its own, or its member record's) the
    code was sent to gets ``new_password``. Every session of the account ends (they carry a
    hash of the old password) and every API token is revoked; a lock-out is lifted (the code
    proved the number, and the password guessed at no longer exists). Nothing else changes:
    an account with a second factor still enters it at the next login."""
    _platform_only(actor)
    phone = clean_phone(phone)
    row = phone_code_take(PhoneCodePurpose.RESET, phone, code)
    with transaction.atomic():
        user = _account_to_reset(phone)
        if problem := _password_errors(new_password, user):
            raise DomainError(problem, fields={"new_password": problem})
        user.set_password(new_password)
        user.save(update_fields=["password"])
        phone_code_spend(row)
        audit_record(
            actor=user,
            action="user.password_reset",
            target=user,
            reason=_("短信验证码验证了手机号"),
        )
        revoke_tokens(user, actor=user, why=TokenRevoked.PASSWORD)
        if lockout.unlock(user):
            audit_record(
                actor=user,
                action="login.unlock",
                target=user,
                reason=_("用短信验证码重置了密码"),
            )
        lockout.clear(user)
    return user
