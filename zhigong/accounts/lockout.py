"""The login lock-out, per account (DESIGN §3.1): five failed logins within the window lock
the account for the cool-off, whichever identifier names it (username, the account's phone,
a member's ID number or phone) and whichever channel is used (the login page, the API token,
the operators' admin), since all of them call Django's ``authenticate``.

Which accounts a login names is asked of the identifier backends themselves (each one's
``find``, with the login normalised as they normalise it), so the members app's backend takes
part without ``accounts`` importing it. A login may name more than one account (a phone that is
one account's own number and on another person's member record): a failure counts against
each, and a lock on any of them stops the login.

Two backends carry it, placed around the identifier backends in ``AUTHENTICATION_BACKENDS``:
``LockoutGate`` first (a locked account goes no further, whatever the password) and
``LockoutCounter`` last (reached only when every backend said no). Why not django-axes: it
keys the count by the login string (an account has several), stores that string (an ID
number) in plain text, and answers the API with an HTML page; see docs/architecture.md.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_backends
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts.backends import normalise_login
from zhigong.accounts.models import LoginThrottle, User
from zhigong.core import crypto
from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError

_UNKNOWN_PURPOSE = "login.unknown"


class AccountLocked(DomainError):
    code = "locked"
    status = 429

    def __init__(self) -> None:
        super().__init__(
            _("登录失败次数过多，账号已锁定 %(minutes)s 分钟。请稍后再试，或联系本级工会管理员。")
            % {"minutes": settings.LOGIN_LOCK_MINUTES}
        )


def _cool_off() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def accounts_named(login: str) -> list[User]:
    """Every account that ``login`` (normalised) names, through every backend's ``find``."""
    found: dict[int, User] = {}
    for backend in get_backends():
        find = getattr(backend, "find", None)
        if find is None:
            continue
        user = find(login)
        if user is not None:
            found.setdefault(user.pk, user)
    return list(found.values())


def _keys(raw: str) -> list[tuple[str, User | None]]:
    login = normalise_login(raw)
    users = accounts_named(login) if login else []
    if users:
        return [(f"user:{user.pk}", user) for user in users]
    return [(f"login:{crypto.blind_index(login, purpose=_UNKNOWN_PURPOSE)}", None)]


def is_locked(raw_login: str) -> bool:
    keys = [key for key, _user in _keys(raw_login)]
    locked: bool = LoginThrottle.objects.filter(
        key__in=keys, locked_until__gt=timezone.now()
    ).exists()
    return locked


def is_user_locked(user: User) -> bool:
    return LoginThrottle.objects.filter(
        key=f"user:{user.pk}", locked_until__gt=timezone.now()
    ).exists()


def record_failure(raw_login: str) -> bool:
    """Count one failure for every account the login names; True when one became locked."""
    locked = False
    for key, user in _keys(raw_login):
        locked = _count(key, user) or locked
    return locked


def record_user_failure(user: User) -> bool:
    """A wrong password for a known account outside ``authenticate`` (a password change)."""
    return _count(f"user:{user.pk}", user)


def _count(key: str, user: User | None) -> bool:
    now = timezone.now()
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            key=key, defaults={"user": user}
        )
        if row.first_failure_at is None or row.first_failure_at <= now - _cool_off():
            row.failures, row.first_failure_at = 1, now
        else:
            row.failures += 1
        locked = row.failures >= settings.LOGIN_FAILURE_LIMIT
        if locked:
            row.locked_until = now + _cool_off()
            row.failures, row.first_failure_at = 0, None
        row.save()
        if locked and user is not None:
            audit_record(
                actor=SYSTEM,
                action="login.lock",
                target=user,
                reason=_("连续 %(n)s 次登录失败") % {"n": settings.LOGIN_FAILURE_LIMIT},
            )
    if user is None:
        # Rows of logins that name nobody are only needed for the window: drop stale ones.
        LoginThrottle.objects.filter(
            user__isnull=True, updated_at__lt=now - 2 * _cool_off()
        ).delete()
    return locked


def clear(user: User) -> None:
    """A successful login forgets the failures before it (never a lock: a locked account
    does not get as far as a password check)."""
    LoginThrottle.objects.filter(key=f"user:{user.pk}", failures__gt=0).update(
        failures=0, first_failure_at=None
    )


def unlock(user: User) -> bool:
    """Lift a lock (operators: ``manage.py unlock_login``). True when there was one."""
    return bool(
        LoginThrottle.objects.filter(key=f"user:{user.pk}", locked_until__gt=timezone.now()).update(
            locked_until=None, failures=0, first_failure_at=None
        )
    )


def was_locked(request: HttpRequest | None) -> bool:
    """Did the gate or the counter lock this request's login?"""
    return bool(getattr(request, "login_locked", False))


def _mark(request: HttpRequest | None) -> None:
    if request is not None:
        request.login_locked = True  # type: ignore[attr-defined]


class LockoutGate:
    """First of the backends: a login that names a locked account goes no further, whatever
    the password. ``PermissionDenied`` stops Django's ``authenticate`` at once; the request is
    marked so the page or the API can say why. (No ``get_user``: it never logs anyone in, and
    Django's ``force_login`` takes the first backend that has one.)"""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs: Any
    ) -> None:
        if username is not None and is_locked(username):
            _mark(request)
            raise PermissionDenied


class LockoutCounter:
    """Last of the backends, reached only when every backend before it said no: one failure
    for every account the login names (or for the login itself when it names none)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs: Any
    ) -> None:
        if username is not None and record_failure(username):
            _mark(request)
