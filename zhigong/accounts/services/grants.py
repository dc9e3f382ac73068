"""Role grants: given and taken back inside the actor's subtree, never above their own rank,
never to or from themselves."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts import permissions
from zhigong.accounts.models import TokenRevoked, User
from zhigong.accounts.services.tokens import revoke_tokens
from zhigong.core.actors import Actor, acting_user, same_person
from zhigong.core.audit import Target, audit_record, diff
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import Department, RoleGrant, Union
from zhigong.unions.roles import Perm, Role


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
    if same_person(actor, user.pk):
        # Separation of duties: whoever hands out roles never hands one to themselves (a
        # federation administrator would otherwise make themselves a data operator).
        raise DomainError(_("不能给自己授予角色，请由其他管理员办理。"), code="own_grant")
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
    # A token was issued for the powers the user had: losing a role ends every token.
    revoke_tokens(grant.user, actor=actor, why=TokenRevoked.ROLE, union=grant.union)
    return grant
