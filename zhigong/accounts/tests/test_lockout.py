"""The lock-out belongs to the account (DESIGN §3.1): whichever identifier names it (username,
the account's phone, the member's ID number or phone) and whichever channel is used (the login
page, the API token), five failures lock it; identifiers are normalised for the lock-out as
for the login itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhigong.accounts.models import LoginThrottle
from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, cast_id_number

ID_GA = cast_id_number(CAST_MEMBERS["GA"][1])
PHONE_GA = CAST_MEMBERS["GA"][2]


def page_login(login: str, password: str):
    return Client().post(reverse("accounts:login"), {"username": login, "password": password})


def api_login(login: str, password: str):
    return Client().post(
        "/api/v1/auth/token",
        {"username": login, "password": password},
        content_type="application/json",
    )


def fail(login: str, times: int = 5, *, channel=api_login) -> None:
    for _ in range(times):
        response = channel(login, "wrong-password")
        assert response.status_code in (200, 400, 429), response.status_code


def assert_locked(response) -> None:
    assert response.status_code == 429
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert body["code"] == "locked"
        assert set(body) == {"code", "message", "fields"}
        assert "锁定" in body["message"]
    else:
        assert "锁定" in response.content.decode()


@pytest.mark.parametrize("padded", ["  officer", "officer\t", "officer\n", "\u3000officer "])
def test_padding_the_login_does_not_sidestep_the_lock(cast, padded):
    # given five wrong passwords for "officer"
    fail("officer")
    # when the same login, padded, comes with the right password
    response = api_login(padded, PASSWORD)
    # then it is locked all the same, as a JSON error
    assert_locked(response)


def test_padded_login_still_logs_in_when_not_locked(cast):
    assert api_login(" officer\t\n", PASSWORD).status_code == 200


def test_a_locked_member_is_locked_for_id_number_and_phone_on_every_channel(cast):
    # given the member's account locked through its username on the login page
    fail("member", channel=page_login)
    assert_locked(page_login("member", PASSWORD))
    # then the member's ID number and phone are locked too, on the page and on the API
    for login in (ID_GA, ID_GA.lower(), f" {ID_GA}\n", PHONE_GA, f"{PHONE_GA[:3]} {PHONE_GA[3:]}"):
        assert_locked(api_login(login, PASSWORD))
        assert_locked(page_login(login, PASSWORD))


def test_full_width_digits_name_the_same_account(cast):
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ID_GA)
    # unlocked, the full-width ID number logs in (the login normalises it)
    assert api_login(full_width, PASSWORD).status_code == 200
    fail(full_width)
    assert_locked(api_login("member", PASSWORD))


def test_failures_through_different_identifiers_add_up(cast):
    fail("member", 2, channel=page_login)
    fail(PHONE_GA, 2)
    fail(ID_GA, 1, channel=page_login)
    assert_locked(api_login("member", PASSWORD))


def test_the_account_phone_is_locked_with_the_username(db):
    user_create(
        actor=SYSTEM, username="zhang", password=PASSWORD, phone="13800001111", check_password=False
    )
    fail("zhang")
    assert_locked(api_login("138-0000-1111", PASSWORD))
    assert_locked(api_login("+86 13800001111", PASSWORD))


def test_an_unknown_login_locks_like_a_known_one(cast):
    # no existence oracle: an account that does not exist is "locked" after five failures too
    fail("nobody-here")
    assert_locked(api_login("nobody-here", "whatever"))


def test_a_success_clears_earlier_failures(cast):
    fail("officer", 4)
    assert api_login("officer", PASSWORD).status_code == 200
    fail("officer", 4)
    assert api_login("officer", PASSWORD).status_code == 200


def test_the_lock_ends_after_the_cool_off(cast):
    fail("officer")
    assert_locked(api_login("officer", PASSWORD))
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert api_login("officer", PASSWORD).status_code == 200


def test_the_lock_is_written_to_the_audit_chain(cast):
    from zhigong.core.models import AuditEvent

    fail("officer")
    event = AuditEvent.objects.filter(action="login.lock").get()
    assert event.target_id == str(cast.users["officer"].pk)


def test_login_strings_are_not_stored_in_plain(cast):
    # given failures with an ID number and a phone as the login
    fail(ID_GA, 2)
    fail("13912340000", 2)  # names nobody
    # then no table holds either string
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("accounts_"):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                text = repr(cursor.fetchall())
                assert ID_GA not in text and "13912340000" not in text, table


def test_an_operator_unlocks_a_login_from_the_command_line(cast):
    from io import StringIO

    from django.core.management import call_command

    for _ in range(5):
        Client().post(
            "/api/v1/auth/token",
            {"username": "officer", "password": "wrong"},
            content_type="application/json",
        )
    out = StringIO()
    call_command("unlock_login", "officer", reason="本人到场核实", stdout=out)
    assert "已解除锁定" in out.getvalue()
    ok = Client().post(
        "/api/v1/auth/token",
        {"username": "officer", "password": PASSWORD},
        content_type="application/json",
    )
    assert ok.status_code == 200
