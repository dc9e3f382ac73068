"""Accounts: creating them, passwords, switching them off and on, lifting a lock-out.

A password change and a deactivation end the account's API tokens (``tokens.revoke_tokens``);
Django ends its other sessions by itself (the session carries a hash of the password).
Deactivating, reactivating and lifting a lock are the platform operators' (``SYSTEM`` on the
command line, superusers in ``/admin/``).
"""

from __future__ import annotations

import re

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhigong.accounts import lockout, permissions
from zhigong.accounts.models import PHONE_PURPOSE, TokenRevoked, User
from zhigong.accounts.services.tokens import revoke_tokens
from zhigong.core import crypto
from zhigong.core.actors import Actor, same_person
from zhigong.core.audit import audit_record, diff
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm

USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.@-]{2,149}$")


def _password_errors(password: str, user: User) -> str | None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


@service
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    full_name: str = "",
    phone: str = "",
    union: Union | None = None,
    check_password: bool = True,
) -> User:
    """Create a login. Staff creating users must hold ``role.grant`` at ``union``; logins
    that belong to no union (the first administrator, the cast) are the platform's to make."""
    if union is None:
        policy.require_perm_above_roots(actor, Perm.ROLE_GRANT)
    else:
        policy.require(permissions.can_create_user(actor, union), user=actor, union=union)
    username = username.strip()
    phone = normalise_mobile(phone)
    errors: dict[str, str] = {}
    if not USERNAME_RE.match(username):
        errors["username"] = _("用户名以字母开头，3 到 150 个字母、数字或 _ . @ - 组成。")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("用户名已被使用。")
    if message := check_mobile(phone):
        errors["phone"] = message
    elif (
        phone
        and User.objects.filter(
            phone_index=crypto.blind_index(phone, purpose=PHONE_PURPOSE)
        ).exists()
    ):
        errors["phone"] = _("该手机号已绑定其他账号。")
    if check_password and (
        problem := _password_errors(password, User(username=username, full_name=full_name))
    ):
        errors["password"] = problem
    if errors:
        raise DomainError(_("请检查标出的字段。"), fields=errors)
    user = User(username=username, full_name=full_name.strip())
    user.set_password(password)
    user.set_phone(phone)
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        target=user,
        union=union,
        changes=diff({}, {"username": username, "full_name": user.full_name, "phone": phone}),
    )
    return user


@service(atomic=False)  # a wrong old password is counted even though the change is refused
def password_change(*, actor: Actor, user: User, old_password: str, new_password: str) -> User:
    """The user changes their own password: the old one first (a wrong one counts towards the
    lock-out, like a failed login), then the new one against the password rules. Every API
    token of the account ends."""
    if not same_person(actor, user.pk):
        raise NotFound()
    if lockout.is_user_locked(user):
        raise lockout.AccountLocked()
    if not user.check_password(old_password):
        if lockout.record_user_failure(user):
            raise lockout.AccountLocked()
        message = _("原密码不正确。")
        raise DomainError(message, code="bad_credentials", fields={"old_password": message})
    if problem := _password_errors(new_password, user):
        raise DomainError(problem, fields={"new_password": problem})
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="user.password", target=user)
        revoke_tokens(user, actor=actor, why=TokenRevoked.PASSWORD)
    return user


@service
def user_deactivate(*, actor: Actor, user: User, reason: str = "") -> User:
    """Switch an account off: it can no longer log in, and its API tokens end."""
    if not permissions.can_administer_accounts(actor):
        raise NotFound()
    if same_person(actor, user.pk):
        raise DomainError(_("不能停用您自己的账号。"), code="own_account")
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user.deactivate",
            target=user,
            reason=reason,
            changes=diff({"active": True}, {"active": False}),
        )
    revoke_tokens(user, actor=actor, why=TokenRevoked.DEACTIVATED, reason=reason)
    return user


@service
def user_activate(*, actor: Actor, user: User, reason: str = "") -> User:
    """Switch an account on again (its old tokens stay revoked)."""
    if not permissions.can_administer_accounts(actor):
        raise NotFound()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user.activate",
            target=user,
            reason=reason,
            changes=diff({"active": False}, {"active": True}),
        )
    return user


@service
def login_unlock(*, actor: Actor, user: User, reason: str = "") -> bool:
    """Lift a lock-out before its time (the person proved who they are some other way)."""
    if not permissions.can_administer_accounts(actor):
        raise NotFound()
    lifted = lockout.unlock(user)
    if lifted:
        audit_record(actor=actor, action="login.unlock", target=user, reason=reason)
    return lifted
