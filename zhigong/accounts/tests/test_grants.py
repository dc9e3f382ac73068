"""Granting and revoking roles: only inside one's subtree, never above one's own rank."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhigong.accounts.models import User
from zhigong.accounts.services import role_grant, role_revoke, user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.unions.models import RoleGrant
from zhigong.unions.roles import Role


def test_admin_grants_inside_subtree(cast):
    grant = role_grant(
        actor=cast.users["district_admin"],
        user=cast.users["outsider"],
        union=cast.unions["SA"],
        role=Role.CENTRE_STAFF,
        reason="新任",
    )
    assert grant.is_active
    assert AuditEvent.objects.latest("seq").action == "role.grant"


def test_admin_cannot_grant_outside_subtree_and_nothing_changes(cast):
    count = RoleGrant.objects.count()
    with pytest.raises(NotFound):
        role_grant(
            actor=cast.users["district_admin"],
            user=cast.users["outsider"],
            union=cast.unions["DB"],
            role=Role.CENTRE_STAFF,
        )
    with pytest.raises(NotFound):
        role_grant(
            actor=cast.users["district_admin"],
            user=cast.users["outsider"],
            union=cast.unions["CITY"],
            role=Role.MEMBER,
        )
    assert RoleGrant.objects.count() == count


def test_staff_without_grant_permission_cannot_grant(cast):
    with pytest.raises(PermissionDenied):
        role_grant(
            actor=cast.users["street_staff"],
            user=cast.users["outsider"],
            union=cast.unions["SA"],
            role=Role.MEMBER,
        )


def test_department_staff_needs_own_union_department(cast):
    with pytest.raises(DomainError):
        role_grant(
            actor=SYSTEM,
            user=cast.users["outsider"],
            union=cast.unions["DA"],
            role=Role.DEPARTMENT_STAFF,
        )
    with pytest.raises(DomainError):
        role_grant(
            actor=SYSTEM,
            user=cast.users["outsider"],
            union=cast.unions["DA"],
            role=Role.DEPARTMENT_STAFF,
            department=cast.departments["city_org"],
        )


def test_duplicate_grant_conflicts(cast):
    with pytest.raises(Conflict):
        role_grant(
            actor=SYSTEM,
            user=cast.users["officer"],
            union=cast.unions["GA"],
            role=Role.GRASSROOTS_OFFICER,
        )


def test_revoke_rules(cast):
    admin = cast.users["district_admin"]
    officer_grant = RoleGrant.objects.get(user=cast.users["officer"])
    role_revoke(actor=admin, grant=officer_grant, reason="调离")
    officer_grant.refresh_from_db()
    assert officer_grant.revoked_at is not None
    # not a grant above one's rank, nor one's own, nor another district's
    with pytest.raises(NotFound):
        role_revoke(actor=admin, grant=RoleGrant.objects.get(user=cast.users["city_admin"]))
    with pytest.raises(DomainError):
        role_revoke(actor=admin, grant=RoleGrant.objects.get(user=admin))
    with pytest.raises(NotFound):
        role_revoke(actor=admin, grant=RoleGrant.objects.get(user=cast.users["other_officer"]))


def test_user_create_validates_phone_and_password(cast):
    with pytest.raises(DomainError) as err:
        user_create(actor=SYSTEM, username="new_user", password="123", phone="12345")
    assert {"phone", "password"} <= set(err.value.fields)
    user = user_create(
        actor=SYSTEM, username="new_user", password="Str0ng-Passw0rd!", phone="13912345678"
    )
    assert user.phone == "13912345678" and user.phone_masked == "139****5678"
    assert "13912345678" not in user.phone_encrypted


def test_grant_role_command_creates_first_admin(cast):
    call_command(
        "grant_role",
        "boss",
        "CITY",
        "federation_admin",
        "--create",
        "--password",
        "Str0ng-Passw0rd!",
        "--full-name",
        "张主席",
    )
    boss = User.objects.get(username="boss")
    assert RoleGrant.objects.get(user=boss).role == Role.FEDERATION_ADMIN
    assert boss.check_password("Str0ng-Passw0rd!")


def test_grant_role_command_with_department_and_errors(cast):
    call_command("grant_role", "outsider", "DA", "department_staff", "--department", "legal")
    grant = RoleGrant.objects.get(user=cast.users["outsider"])
    assert grant.department is not None and grant.department.kind == "legal"
    with pytest.raises(CommandError):
        call_command("grant_role", "nobody", "DA", "member")
    with pytest.raises(CommandError):
        call_command("grant_role", "outsider", "NOPE", "member")
