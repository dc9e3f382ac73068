"""Login by username or phone, lock-out after 5 failures, bearer tokens, second factor."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import PASSWORD


@pytest.fixture
def phone_user(db):
    return user_create(
        actor=SYSTEM, username="zhang", password=PASSWORD, phone="13800001111", check_password=False
    )


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_by_username_and_by_phone(phone_user):
    assert login(Client(), "zhang", PASSWORD).status_code == 302
    assert login(Client(), "13800001111", PASSWORD).status_code == 302


def test_bad_password_shows_chinese_message(phone_user):
    response = login(Client(), "zhang", "wrong")
    assert response.status_code == 200
    assert "密码不正确" in response.content.decode()


def test_five_failures_lock_the_account(phone_user):
    client = Client()
    for _ in range(5):
        login(client, "zhang", "wrong")
    response = login(client, "zhang", PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_api_token_and_bearer_auth(cast):
    client = Client()
    response = client.post(
        "/api/v1/auth/token",
        {"username": "district_admin", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["grants"][0]["union_code"] == "DA"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_api_token_bad_credentials_is_json_error(cast):
    response = Client().post(
        "/api/v1/auth/token", {"username": "x", "password": "y"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_credentials"


def test_api_token_locked_after_five_failures(cast):
    client = Client()
    for _ in range(5):
        client.post(
            "/api/v1/auth/token",
            {"username": "officer", "password": "bad"},
            content_type="application/json",
        )
    response = client.post(
        "/api/v1/auth/token",
        {"username": "officer", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code in (403, 429)


def test_api_errors_follow_the_language(cast):
    client = cast.client("district_admin")
    zh = client.get("/api/v1/unions/DB")
    en = client.get("/api/v1/unions/DB", headers={"Accept-Language": "en"})
    assert zh.status_code == en.status_code == 404
    assert zh.json()["code"] == en.json()["code"] == "not_found"
    assert "未找到" in zh.json()["message"]
    assert "not found" in en.json()["message"].lower()


@override_settings(STAFF_MFA_REQUIRED=True)
def test_federation_admin_must_pass_second_factor(cast):
    client = cast.client("district_admin")
    response = client.get(reverse("staff:accounts:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa") + "?next=%2Fstaff%2F"
    # setting up: the page shows a QR code; a right code verifies the session
    page = client.get(reverse("accounts:mfa"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=cast.users["district_admin"])
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    # the first right code switches it on and shows the recovery codes, once
    confirmed = client.post(reverse("accounts:mfa"), {"token": code})
    assert confirmed.status_code == 200 and "恢复码" in confirmed.content.decode()
    assert client.get(reverse("staff:accounts:home")).status_code == 200
    # others are not asked
    assert cast.client("officer").get(reverse("staff:accounts:home")).status_code == 200


def test_login_lands_staff_on_workbench_and_members_on_their_page(cast):
    assert cast.client("officer").get(reverse("accounts:landing"))["Location"] == reverse(
        "staff:accounts:home"
    )
    assert cast.client("member").get(reverse("accounts:landing"))["Location"] == reverse(
        "portal:members:me"
    )
