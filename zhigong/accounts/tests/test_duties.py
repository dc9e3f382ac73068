"""Separation of duties (等保 三员分立): granting roles, reading the audit log and reading full
personal data are held by different roles; nobody grants themselves a role; the platform's
operators (superusers in /admin/) read no member's full personal data and no audit log."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts.models import ApiToken, TokenRevoked, User
from zhigong.accounts.services import api_token_create, role_grant
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.models import AuditEvent
from zhigong.members.personal import id_number_of, phone_of
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, cast_id_number
from zhigong.unions import policy
from zhigong.unions.models import RoleGrant
from zhigong.unions.roles import (
    DEPARTMENT_PERMISSIONS,
    ROLE_PERMISSIONS,
    Perm,
    Role,
    permissions_for,
)

DUTIES = {
    "grant": {Perm.ROLE_GRANT},
    "audit": {Perm.AUDIT_VIEW},
    "data": {Perm.MEMBER_REVEAL, Perm.CASE_REVEAL},
}


def _every_permission_set() -> list[tuple[str, frozenset[Perm]]]:
    sets = [(str(role), permissions_for(role)) for role in Role]
    sets += [
        (f"department_staff/{kind}", permissions_for(Role.DEPARTMENT_STAFF, kind))
        for kind in DEPARTMENT_PERMISSIONS
    ]
    return sets


@pytest.mark.parametrize(("name", "perms"), _every_permission_set())
def test_no_role_holds_two_of_the_three_duties(name, perms):
    held = [duty for duty, needed in DUTIES.items() if perms & needed]
    assert len(held) <= 1, f"{name} holds {held}"


def test_the_auditor_reads_the_audit_log_and_touches_no_member():
    perms = ROLE_PERMISSIONS[Role.AUDITOR]
    assert Perm.AUDIT_VIEW in perms
    assert not [p for p in perms if p.value.startswith("member.")]


def test_each_duty_is_held_by_some_role():
    for needed in DUTIES.values():
        assert any(perms & needed for _name, perms in _every_permission_set())


def test_in_the_cast_the_administrator_neither_reveals_nor_audits(cast):
    ga = cast.members["GA"]
    admin_client = cast.client("district_admin")
    # the administrator sees the member masked, without the reveal, and no audit log
    detail = admin_client.get(reverse("staff:members:member_detail", args=[ga.pk]))
    assert detail.status_code == 200
    assert reverse("staff:members:member_reveal", args=[ga.pk]) not in detail.content.decode()
    assert admin_client.get(reverse("staff:audit:events")).status_code == 404
    # the auditor reads the district's log and sees no member at all
    auditor = cast.client("auditor")
    log = auditor.get(reverse("staff:audit:events"))
    assert log.status_code == 200 and "江岸区总工会" in log.content.decode()
    assert auditor.get(reverse("staff:members:member_detail", args=[ga.pk])).status_code == 404
    assert auditor.get(reverse("staff:members:member_list")).status_code == 404


def test_nobody_grants_a_role_to_themselves(cast):
    # given the district administrator, who may grant centre staff (which reveals) at SA
    admin_user = cast.users["district_admin"]
    count = RoleGrant.objects.count()
    # when they grant it to themselves: refused, nothing changes
    with pytest.raises(DomainError) as refused:
        role_grant(
            actor=admin_user, user=admin_user, union=cast.unions["SA"], role=Role.CENTRE_STAFF
        )
    assert refused.value.code == "own_grant"
    assert RoleGrant.objects.count() == count
    policy.forget(admin_user)
    assert not policy.has_perm(admin_user, Perm.MEMBER_REVEAL, cast.unions["GA"])


def test_the_auditor_can_be_appointed_by_the_administrator(cast):
    grant = role_grant(
        actor=cast.users["district_admin"],
        user=cast.users["outsider"],
        union=cast.unions["DA"],
        role=Role.AUDITOR,
    )
    assert grant.is_active


# --- the operators' admin ---------------------------------------------------------------------


@pytest.fixture
def operator(cast) -> Client:
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(root)
    return client


def _secrets(cast) -> list[str]:
    values = []
    for member in cast.members.values():
        values += [id_number_of(member), phone_of(member), member.id_number_encrypted]
        values += [member.phone_encrypted, member.id_number_index]
    return values


def test_the_admin_shows_no_full_id_number_phone_ciphertext_or_birth_date(cast, operator):
    member = cast.members["GA"]
    pages = [
        reverse("admin:members_member_changelist"),
        reverse("admin:members_member_change", args=[member.pk]),
        reverse("admin:members_membershipapplication_changelist"),
        reverse("admin:members_membercard_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[cast.users["member"].pk]),
    ]
    body = CAST_MEMBERS["GA"][1]
    birth = (
        f"{body[6:10]}-{body[10:12]}-{body[12:14]}"  # 1985-03-15: with the masked number, the whole
    )
    birth_cn = f"{int(body[6:10])}年{int(body[10:12])}月{int(body[12:14])}日"
    for url in pages:
        response = operator.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for value in _secrets(cast):
            assert value not in html, (url, value)
        assert birth not in html and birth_cn not in html, url


@pytest.mark.parametrize(
    "query",
    [
        "birth_date=1985-03-15",
        "birth_date__gte=1985-01-01",
        "id_number_masked__startswith=420102",
        "id_number_index=x",
        "phone_masked__contains=1234",
        "name__startswith=张",
    ],
)
def test_the_member_list_in_the_admin_is_no_oracle(cast, operator, query):
    # a filter the list does not declare is refused, whatever it would have matched
    response = operator.get(reverse("admin:members_member_changelist") + "?" + query)
    assert response.status_code == 400 or "?e=1" in response.get("Location", "")
    assert cast.members["GA"].name not in response.content.decode()


def test_the_admin_search_finds_members_by_name_only(cast, operator):
    full = cast_id_number(CAST_MEMBERS["GA"][1])
    url = reverse("admin:members_member_changelist")
    row = re.compile(r'<th class="field-name"><a [^>]*>张伟</a>')
    assert row.search(operator.get(url, {"q": "张伟"}).content.decode())
    for probe in (full, full[-4:], CAST_MEMBERS["GA"][2]):
        assert not row.search(operator.get(url, {"q": probe}).content.decode()), probe


def test_no_audit_log_and_no_authenticator_secrets_in_the_admin():
    registered = set(admin.site._registry)
    assert AuditEvent not in registered
    assert TOTPDevice not in registered and StaticDevice not in registered


def test_the_admins_deactivate_action_revokes_tokens(cast, operator):
    api_token_create(actor=SYSTEM, user=cast.users["officer"])
    response = operator.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [cast.users["officer"].pk]},
    )
    assert response.status_code == 302
    cast.users["officer"].refresh_from_db()
    assert not cast.users["officer"].is_active
    assert ApiToken.objects.get().revoked_reason == TokenRevoked.DEACTIVATED
    assert AuditEvent.objects.filter(action="user.deactivate").get().actor_label == "root"
