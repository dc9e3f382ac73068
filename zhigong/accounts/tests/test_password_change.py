"""Changing one's password (``/accounts/password/``) ends the account's other sessions and
every API token, and keeps the session it was changed in; a member who logs in with their
ID number or phone uses it like anyone else."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from zhigong.accounts.models import ApiToken, TokenRevoked
from zhigong.accounts.services import api_token_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, cast_id_number

NEW_PASSWORD = "Lathe-Turner-2026"
ID_NUMBER = cast_id_number(CAST_MEMBERS["GA"][1])
PHONE = CAST_MEMBERS["GA"][2]


def logged_in(login: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": login, "password": password})
    assert response.status_code == 302, f"{login} should log in"
    return client


def test_a_member_who_logs_in_with_the_id_number_changes_the_password(cast):
    # given the member logged in with the ID number here and with the phone on another device,
    # and an API token of the mini-program
    here, elsewhere = logged_in(ID_NUMBER), logged_in(PHONE)
    _token, key = api_token_create(actor=SYSTEM, user=cast.users["member"], name="小程序")
    # when they change the password here
    page = here.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    changed = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    # then this session goes on, the other device is logged out, the token is revoked
    assert here.get(reverse("portal:members:me")).status_code == 200
    gone = elsewhere.get(reverse("portal:members:me"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("accounts:login"))
    bearer = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/v1/me", headers=bearer).status_code == 401
    assert ApiToken.objects.get(user=cast.users["member"]).revoked_reason == TokenRevoked.PASSWORD
    # and every login name takes the new password, none the old one
    for login in (ID_NUMBER, PHONE, "member"):
        logged_in(login, NEW_PASSWORD)
        refused = Client().post(
            reverse("accounts:login"), {"username": login, "password": PASSWORD}
        )
        assert refused.status_code == 200


def test_the_member_finds_the_password_page_from_their_menu(cast):
    client = logged_in(PHONE)
    me = client.get(reverse("portal:members:me")).content.decode()
    assert f'href="{reverse("accounts:tokens")}"' in me
    tokens = client.get(reverse("accounts:tokens")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in tokens
