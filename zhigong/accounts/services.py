"""Writes for accounts: users, role grants and API tokens. Each one authorises and audits."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts import permissions
from zhigong.accounts.models import PHONE_PURPOSE, ApiToken, User
from zhigong.core import crypto
from zhigong.core.actors import Actor, acting_user, same_person
from zhigong.core.audit import Target, audit_record, diff
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.core.phones import check_mobile, normalise_mobile
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import Department, RoleGrant, Union
from zhigong.unions.roles import Perm, Role

USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.@-]{2,149}$")


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
    if check_password:
        try:
            validate_password(password, User(username=username, full_name=full_name))
        except ValidationError as exc:
            errors["password"] = " ".join(exc.messages)
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


def _grant_target(grant: RoleGrant) -> Target:
    return Target("accounts.rolegrant", str(grant.pk), f"{grant.user.username} {grant.role}")


@service
def role_grant(
    *,
    actor: Actor,
    user: User,
    union: Union,
    role: str,
    department: Department | None = None,
    reason: str = "",
) -> RoleGrant:
    """Grant ``role`` at ``union`` (covering its subtree)."""
    if role not in Role.values:
        raise DomainError(_("未知的角色“%(role)s”。") % {"role": role}, fields={"role": role})
    policy.require_perm(actor, Perm.ROLE_GRANT, union)
    if not permissions.can_grant_role(actor, role, union):
        raise PermissionDenied(_("不能授予高于您自己的角色。"))
    if role == Role.DEPARTMENT_STAFF:
        if department is None:
            raise DomainError(_("部门工作人员必须指定部门。"), fields={"department": ""})
        if department.union_id != union.pk:
            raise DomainError(_("所选部门不属于该工会。"), fields={"department": ""})
    elif department is not None:
        raise DomainError(_("只有部门工作人员需要指定部门。"), fields={"department": ""})
    if not user.is_active:
        raise DomainError(_("该账号已停用。"), code="user_inactive")
    existing = RoleGrant.objects.active().filter(
        user=user, union=union, role=role, department=department
    )
    if existing.exists():
        raise Conflict(_("该用户已在此工会拥有这个角色。"))
    grant = RoleGrant.objects.create(
        user=user,
        union=union,
        role=role,
        department=department,
        granted_by=acting_user(actor),
    )
    policy.forget(user)
    audit_record(
        actor=actor,
        action="role.grant",
        target=_grant_target(grant),
        union=union,
        reason=reason,
        changes=diff(
            {},
            {
                "user": user.username,
                "role": role,
                "department": department.kind if department else None,
            },
        ),
    )
    return grant


@service
def role_revoke(*, actor: Actor, grant: RoleGrant, reason: str = "") -> RoleGrant:
    if not permissions.can_see_roles(actor, grant.union):
        raise NotFound()
    if not permissions.can_grant_role(actor, grant.role, grant.union):
        raise PermissionDenied(_("不能撤销高于您自己的角色。"))
    if same_person(actor, grant.user_id):
        raise DomainError(_("不能撤销您自己的角色，请由上级办理。"), code="own_grant")
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = acting_user(actor)
    grant.save(update_fields=["revoked_at", "revoked_by"])
    policy.forget(grant.user)
    audit_record(
        actor=actor,
        action="role.revoke",
        target=_grant_target(grant),
        union=grant.union,
        reason=reason,
        changes=diff({"active": True}, {"active": False}),
    )
    return grant


@transaction.atomic
def api_token_create(*, user: User) -> tuple[ApiToken, str]:
    """Issue a bearer token; the plain key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    audit_record(actor=user, action="token.create", target=token)
    return token, key


def api_token_user(key: str) -> User | None:
    """The user behind a bearer key, if it is valid and unexpired."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
