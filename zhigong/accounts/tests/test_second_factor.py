"""The second factor (DESIGN §3.1): with ``STAFF_MFA_REQUIRED``, every role holding a
permission that needs it (from the role table) uses it, on the pages and on the API: a session
that never passed it, or a token issued with the password alone, cannot reveal."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts.services import (
    api_token_create,
    recovery_codes_regenerate,
    second_factor_begin,
    second_factor_confirm,
)
from zhigong.accounts.services.second_factor import recovery_codes_left
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import PermissionDenied
from zhigong.core.models import AccessLog
from zhigong.members.services.reveal import member_reveal
from zhigong.testing.cast import CAST_ACTORS, CAST_MEMBERS, PASSWORD, cast_id_number
from zhigong.unions import policy
from zhigong.unions.roles import SECOND_FACTOR_PERMS, Perm

ID_GA = cast_id_number(CAST_MEMBERS["GA"][1])
mfa_required = override_settings(STAFF_MFA_REQUIRED=True)


def code(device: TOTPDevice, ahead: int = 0) -> str:
    """The authenticator's code, ``ahead`` steps on (a code is accepted once; the next step's
    is within the device's tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = second_factor_begin(actor=user)
    return second_factor_confirm(actor=user, code=code(device))


def reveal_api(client: Client, cast, headers: dict[str, str] | None = None):
    return client.post(
        f"/api/v1/members/{cast.members['GA'].pk}/reveal",
        {"fields": ["id_number"], "reason": "核对会员身份"},
        content_type="application/json",
        headers=headers or {},
    )


def token(username: str, password: str = PASSWORD, otp: str | None = None):
    body = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return Client().post("/api/v1/auth/token", body, content_type="application/json")


@mfa_required
def test_a_password_only_token_cannot_reveal(cast):
    # given a token issued with the password alone to centre staff, who may reveal
    _, key = api_token_create(actor=SYSTEM, user=cast.users["street_staff"])
    # when it asks for a full ID number
    response = reveal_api(Client(), cast, {"Authorization": f"Bearer {key}"})
    # then it is refused with its own answer, and nothing is revealed or logged
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert ID_GA not in response.content.decode()
    assert not AccessLog.objects.exists()


@mfa_required
def test_a_session_that_never_passed_the_second_factor_cannot_reveal_through_the_api(cast):
    response = reveal_api(cast.client("street_staff"), cast)
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert not AccessLog.objects.exists()


@mfa_required
def test_centre_staff_are_sent_to_the_second_factor_and_officers_are_not(cast):
    response = cast.client("street_staff").get(reverse("staff:accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa") + "?next=")
    member_page = reverse("staff:members:member_detail", args=[cast.members["GA"].pk])
    assert cast.client("street_staff").get(member_page).status_code == 302
    assert cast.client("officer").get(reverse("staff:accounts:home")).status_code == 200


@mfa_required
def test_who_needs_the_second_factor_comes_from_the_role_table(cast):
    # whoever holds member.reveal, case.reveal, role.grant or audit.view, at any level, in any
    # department (DA's legal department reveals the requesters of cases)
    needing = {
        a for a in CAST_ACTORS if a != "anonymous" and policy.needs_second_factor(cast.users[a])
    }
    assert needing == {
        "city_admin",
        "city_org",
        "district_admin",
        "dept_legal",
        "auditor",
        "street_staff",
        "other_admin",
    }


def test_nobody_needs_it_when_the_site_does_not_require_it(cast):
    assert not any(policy.needs_second_factor(u) for u in cast.users.values())


def test_every_reveal_or_export_permission_needs_the_second_factor():
    # a permission added later that reveals or exports must be added to SECOND_FACTOR_PERMS
    for perm in Perm:
        if "reveal" in perm.value or "export" in perm.value:
            assert perm in SECOND_FACTOR_PERMS, perm


@mfa_required
def test_the_root_check_holds_for_services_called_with_an_unverified_user(cast):
    # given centre staff as a plain user object (no session, no token: nothing verified it)
    staff = cast.users["street_staff"]
    assert not policy.has_perm(staff, Perm.MEMBER_REVEAL, cast.unions["GA"])
    with pytest.raises(PermissionDenied):
        member_reveal(actor=staff, member=cast.members["GA"], fields=["id_number"], reason="核对")
    # and the same user, once verified, may
    staff.is_verified = lambda: True
    assert member_reveal(
        actor=staff, member=cast.members["GA"], fields=["id_number"], reason="核对"
    ) == {"id_number": ID_GA}


@mfa_required
def test_an_unmasked_roster_export_needs_the_second_factor(cast):
    response = cast.client("city_org").post(
        reverse("staff:members:member_roster_reveal"), {"union": "DA", "reason": "年度核查"}
    )
    assert response.status_code == 302 and reverse("accounts:mfa") in response["Location"]
    from zhigong.members.exports import roster_export

    with pytest.raises(PermissionDenied):
        roster_export(
            actor=cast.users["city_org"],
            union=cast.unions["DA"],
            stream=open("/dev/null", "wb"),  # noqa: SIM115
            reveal=True,
            reason="年度核查",
        )
    assert not AccessLog.objects.exists()


@mfa_required
def test_the_token_endpoint_asks_for_the_code(cast):
    device, _codes = enrol(cast.users["street_staff"])
    # without a code: refused, saying what is missing, and no token issued
    missing = token("street_staff")
    assert missing.status_code == 400
    assert missing.json()["code"] == "otp_required" and "otp" in missing.json()["fields"]
    # a wrong code: refused; and for a moment after it even the right one (django-otp's
    # throttle, per device, so guessing is slow on every channel)
    wrong = token("street_staff", otp="000000" if code(device, 1) != "000000" else "111111")
    assert wrong.status_code == 400 and wrong.json()["code"] == "bad_otp"
    assert token("street_staff", otp=code(device, 1)).json()["code"] == "bad_otp"
    device.refresh_from_db()
    device.throttle_reset()
    # the right one: a token that has passed the second factor, and may reveal
    right = token("street_staff", otp=code(device, 1))
    assert right.status_code == 200 and right.json()["second_factor"] is True
    bearer = {"Authorization": f"Bearer {right.json()['token']}"}
    revealed = reveal_api(Client(), cast, bearer)
    assert revealed.status_code == 200 and revealed.json()["id_number"] == ID_GA
    assert AccessLog.objects.get().channel == "api"


@mfa_required
def test_the_token_endpoint_wants_the_second_factor_set_up_first(cast):
    response = token("street_staff")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_setup_required"


@mfa_required
def test_roles_without_such_permissions_get_tokens_with_the_password(cast):
    response = token("officer")
    assert response.status_code == 200 and response.json()["second_factor"] is False


@mfa_required
def test_a_wrong_password_says_so_before_any_code_is_asked(cast):
    enrol(cast.users["street_staff"])
    assert token("street_staff", password="wrong").json()["code"] == "bad_credentials"


@mfa_required
def test_a_recovery_code_works_once(cast):
    _device, codes = enrol(cast.users["street_staff"])
    assert len(codes) == 10 and len(set(codes)) == 10
    # as typed: upper case, with a dash
    first = token("street_staff", otp=codes[0].upper()[:4] + "-" + codes[0][4:])
    assert first.status_code == 200 and first.json()["second_factor"] is True
    # on the page too
    assert (
        cast.client("street_staff").post(reverse("accounts:mfa"), {"token": codes[1]}).status_code
        == 302
    )
    # and never twice, on either channel
    again = token("street_staff", otp=codes[0])
    assert again.status_code == 400 and again.json()["code"] == "bad_otp"
    StaticDevice.objects.get(user=cast.users["street_staff"]).throttle_reset()
    refused = cast.client("street_staff").post(reverse("accounts:mfa"), {"token": codes[1]})
    assert refused.status_code == 200 and "验证码不正确" in refused.content.decode()
    assert recovery_codes_left(cast.users["street_staff"]) == 8


@mfa_required
def test_new_recovery_codes_need_a_verified_session_and_end_the_old_ones(cast):
    user = cast.users["street_staff"]
    device, old = enrol(user)
    # a password alone never mints codes
    with pytest.raises(PermissionDenied):
        recovery_codes_regenerate(actor=user)
    client = cast.client("street_staff")
    page = client.get(reverse("accounts:recovery_codes"))
    assert page.status_code == 302 and reverse("accounts:mfa") in page["Location"]
    # after the second factor, new codes are shown once; the old ones stop working
    assert client.post(reverse("accounts:mfa"), {"token": code(device, 1)}).status_code == 302
    shown = client.post(reverse("accounts:recovery_codes"))
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    assert old[0] not in shown.content.decode()
    assert token("street_staff", otp=old[0]).json()["code"] == "bad_otp"


@mfa_required
def test_set_up_on_the_pages_then_the_workbench_and_the_api_open(cast):
    client = cast.client("street_staff")
    # the workbench sends them to set it up; the page shows the QR code and the secret
    assert client.get(reverse("staff:accounts:home"))["Location"].startswith(
        reverse("accounts:mfa")
    )
    page = client.get(reverse("accounts:mfa"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=cast.users["street_staff"])
    # a wrong code is refused; the right one switches it on and shows ten recovery codes once
    assert (
        "验证码不正确" in client.post(reverse("accounts:mfa"), {"token": "12345x"}).content.decode()
    )
    shown = client.post(reverse("accounts:mfa"), {"token": code(device)})
    assert shown.status_code == 200 and shown.content.decode().count("<li>") >= 10
    # then the workbench opens, and the session may reveal through the API
    assert client.get(reverse("staff:accounts:home")).status_code == 200
    assert reveal_api(client, cast).status_code == 200


@mfa_required
def test_administrators_and_auditors_are_asked_too(cast):
    for name, page in (
        ("district_admin", "staff:accounts:home"),
        ("auditor", "staff:audit:events"),
    ):
        response = cast.client(name).get(reverse(page))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:mfa"))
