"""Registering with a mobile number and a forgotten password (``accounts.services.signup``):
the limits, expiry, wrong tries, what is stored, what a reset ends and lifts, and that no
answer tells an outsider whether a number has an account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhigong.accounts import lockout
from zhigong.accounts.models import ApiToken, PhoneCode, PhoneCodePurpose, TokenRevoked, User
from zhigong.accounts.services import (
    account_register,
    api_token_create,
    password_reset,
    phone_code_request,
    user_create,
)
from zhigong.accounts.services.signup import TooManyCodes
from zhigong.accounts.tests.test_second_factor import code as totp_code
from zhigong.accounts.tests.test_second_factor import enrol
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.models import AuditEvent
from zhigong.notifications.backends import MemorySmsBackend
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, cast_id_number

REGISTER, RESET = PhoneCodePurpose.REGISTER, PhoneCodePurpose.RESET
NEW = "13712345678"  # a number nobody has
MEMBER_PHONE = CAST_MEMBERS["GA"][2]  # the cast member's phone, on their member record
ADDRESS = "203.0.113.7"
NEW_PASSWORD = "Lathe-Turner-2026"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for a text as the pages do; the text is delivered (on commit) to the outbox."""
    MemorySmsBackend.outbox.clear()

    def request(purpose: str, phone: str, address: str = ADDRESS) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            return phone_code_request(actor=SYSTEM, purpose=purpose, phone=phone, address=address)

    yield request
    MemorySmsBackend.outbox.clear()


def texts(phone: str) -> list[str]:
    return MemorySmsBackend.texts_to(phone)


def code_in(text: str) -> str | None:
    found = re.search(r"验证码 (\d{6})", text)
    return found.group(1) if found else None


def last_code(phone: str) -> str:
    code = code_in(texts(phone)[-1])
    assert code is not None, texts(phone)[-1]
    return code


def age(minutes: float) -> None:
    """Move every code back in time by ``minutes``."""
    for row in PhoneCode.objects.all():
        row.created_at -= timedelta(minutes=minutes)
        row.expires_at -= timedelta(minutes=minutes)
        row.save()


def register(phone: str, code: str, password: str = NEW_PASSWORD, name: str = "赵师傅") -> User:
    return account_register(actor=SYSTEM, phone=phone, code=code, password=password, full_name=name)


def reset(phone: str, code: str, password: str = NEW_PASSWORD) -> User:
    return password_reset(actor=SYSTEM, phone=phone, code=code, new_password=password)


# --- registering ---------------------------------------------------------------------------


def test_a_worker_registers_with_the_code_sent_to_their_number(cast, ask):
    # given a code asked for a new number, typed the way people type it
    assert ask(REGISTER, "+86 137-1234-5678") == NEW
    assert len(texts(NEW)) == 1
    # when they register with it
    user = register(NEW, last_code(NEW))
    # then the account holds the name and the number and logs in with the number, and the
    # registration is audited
    assert user.phone == NEW and user.full_name == "赵师傅"
    assert authenticate(username=NEW, password=NEW_PASSWORD) == user
    event = AuditEvent.objects.get(action="user.register")
    assert event.actor_id == user.pk and event.target_id == str(user.pk)
    assert NEW not in str(event.changes) and "137****5678" in str(event.changes)
    # and the code cannot be used twice
    with pytest.raises(DomainError) as again:
        register(NEW, last_code(NEW))
    assert again.value.code == "code_spent"


def test_the_code_is_stored_only_as_a_keyed_hash(cast, ask):
    ask(REGISTER, NEW, address="198.51.100.23")
    code = last_code(NEW)
    row = PhoneCode.objects.get()
    stored = " ".join(
        str(v)
        for v in PhoneCode.objects.values_list(*[f.attname for f in PhoneCode._meta.fields])[0]
    )
    assert code not in stored and NEW not in stored and "198.51.100.23" not in stored
    assert len(row.code_hash) == 40 and row.salt
    # the same code for another row hashes differently (salted)
    ask(REGISTER, "13712345679")
    other = PhoneCode.objects.exclude(pk=row.pk).get()
    assert other.code_hash != row.code_hash


def test_a_wrong_code_counts_and_the_last_try_spends_the_code(cast, ask):
    ask(REGISTER, NEW)
    code = last_code(NEW)
    wrong = "000000" if code != "000000" else "111111"
    for left in range(settings.SMS_CODE_MAX_TRIES - 1, 0, -1):
        with pytest.raises(DomainError) as refused:
            register(NEW, wrong)
        assert refused.value.code == "bad_code"
        assert f"还可再试 {left} 次" in str(refused.value.message)
    with pytest.raises(DomainError) as last:
        register(NEW, wrong)
    # the tries were counted although each registration was refused
    assert PhoneCode.objects.get().failures == settings.SMS_CODE_MAX_TRIES
    assert "失效" in str(last.value.message)
    # then even the right code no longer works, and nobody was registered
    with pytest.raises(DomainError) as spent:
        register(NEW, code)
    assert spent.value.code == "code_spent"
    assert not User.objects.filter(phone_index__isnull=False, username__startswith="zg").exists()


def test_a_code_expires(cast, ask):
    ask(REGISTER, NEW)
    age(settings.SMS_CODE_MINUTES + 0.1)
    with pytest.raises(DomainError) as expired:
        register(NEW, last_code(NEW))
    assert expired.value.code == "code_spent"


def test_a_newer_code_replaces_the_older(cast, ask):
    ask(REGISTER, NEW)
    first = last_code(NEW)
    age(2)
    ask(REGISTER, NEW)
    second = last_code(NEW)
    if first != second:
        with pytest.raises(DomainError):
            register(NEW, first)
    assert register(NEW, second).phone == NEW


def test_a_weak_password_or_no_name_keeps_the_code_for_another_try(cast, ask):
    ask(REGISTER, NEW)
    with pytest.raises(DomainError) as weak:
        register(NEW, last_code(NEW), password="12345678")
    assert "password" in weak.value.fields
    with pytest.raises(DomainError) as nameless:
        register(NEW, last_code(NEW), name="  ")
    assert "full_name" in nameless.value.fields
    assert register(NEW, last_code(NEW)).phone == NEW


def test_registering_a_number_that_has_an_account_sends_no_code(cast, ask):
    # given numbers with an account: an account's own, and a member's on their record
    user_create(actor=SYSTEM, username="zhang", password=PASSWORD, phone="13800001111")
    for phone in ("13800001111", MEMBER_PHONE):
        # when someone asks to register with them
        assert ask(REGISTER, phone) == phone
        # then the holder gets a text saying so, with no code in it
        (text,) = texts(phone)
        assert code_in(text) is None and "已有账号" in text
        # and no code registers anything
        for guess in ("000000", "123456"):
            with pytest.raises(DomainError) as refused:
                register(phone, guess)
            assert refused.value.code == "bad_code"


def test_a_number_taken_meanwhile_is_refused_after_the_right_code(cast, ask):
    ask(REGISTER, NEW)
    user_create(actor=SYSTEM, username="quick", password=PASSWORD, phone=NEW)
    with pytest.raises(DomainError) as taken:
        register(NEW, last_code(NEW))
    assert taken.value.code == "registered"
    assert User.objects.filter(username__startswith="zg").count() == 0


def test_bad_numbers_are_refused_with_a_message(cast, ask):
    for raw in ("", "12345", "23812345678", "1381234567a"):
        with pytest.raises(DomainError) as refused:
            ask(REGISTER, raw)
        assert "phone" in refused.value.fields
    assert not PhoneCode.objects.exists() and texts(NEW) == []


def test_only_the_platform_registers_or_resets(cast, ask):
    for who in ("outsider", "city_admin"):
        actor = cast.users[who]
        with pytest.raises(NotFound):
            phone_code_request(actor=actor, purpose=REGISTER, phone=NEW, address=ADDRESS)
        with pytest.raises(NotFound):
            account_register(
                actor=actor, phone=NEW, code="123456", password=NEW_PASSWORD, full_name="赵"
            )
        with pytest.raises(NotFound):
            password_reset(actor=actor, phone=NEW, code="123456", new_password=NEW_PASSWORD)


# --- limits ----------------------------------------------------------------------------------


def test_one_text_a_minute_per_number_whatever_the_purpose(cast, ask):
    ask(REGISTER, NEW)
    with pytest.raises(TooManyCodes) as soon:
        ask(RESET, NEW)
    assert soon.value.status == 429 and "秒后" in str(soon.value.message)
    assert len(texts(NEW)) == 1 and PhoneCode.objects.count() == 1
    age(1.01)
    ask(RESET, NEW)
    assert len(texts(NEW)) == 2


@override_settings(SMS_CODES_PER_NUMBER_HOUR=3, SMS_CODES_PER_NUMBER_DAY=4)
def test_so_many_texts_an_hour_and_a_day_per_number(cast, ask):
    for _i in range(3):
        ask(REGISTER, NEW)
        age(2)
    with pytest.raises(TooManyCodes):
        ask(REGISTER, NEW)
    age(60)  # the first three are more than an hour old: the hour allows more, the day one
    ask(REGISTER, NEW)
    age(2)
    with pytest.raises(TooManyCodes):
        ask(REGISTER, NEW)
    assert len(texts(NEW)) == 4
    age(24 * 60)
    ask(REGISTER, NEW)
    assert len(texts(NEW)) == 5


@override_settings(SMS_CODES_PER_ADDRESS_HOUR=3)
def test_so_many_texts_an_hour_per_client_address(cast, ask):
    for i in range(3):
        ask(REGISTER, f"1371234500{i}")
    with pytest.raises(TooManyCodes) as refused:
        ask(REGISTER, "13712345009")
    assert "网络" in str(refused.value.message)
    ask(REGISTER, "13712345009", address="198.51.100.1")  # another address is not held up
    age(61)
    ask(REGISTER, "13712345008")


def test_old_rows_are_removed(cast, ask):
    ask(REGISTER, NEW)
    age(3 * 24 * 60)
    ask(REGISTER, "13712345679")
    assert PhoneCode.objects.count() == 1


# --- no enumeration ----------------------------------------------------------------------------


@override_settings(SMS_CODES_PER_NUMBER_HOUR=2)
@pytest.mark.parametrize("purpose", [REGISTER, RESET])
def test_answers_are_the_same_whether_or_not_a_number_has_an_account(cast, ask, purpose):
    """What an outsider sees (the answer, the limits, a guessed code's answer) is the same for
    a number with an account and one without; only the text to the number differs."""

    def outsider_view(phone: str) -> list[object]:
        seen: list[object] = [ask(purpose, phone)]
        age(2)
        seen.append(ask(purpose, phone))
        age(2)
        with pytest.raises(TooManyCodes) as limited:
            ask(purpose, phone)
        seen.append(str(limited.value.message))
        with pytest.raises(DomainError) as guessed:
            finish = register if purpose == REGISTER else reset
            finish(phone, "999999" if code_in(texts(phone)[-1]) != "999999" else "888888")
        seen.append((guessed.value.code, str(guessed.value.message)))
        return [str(s).replace(phone, "PHONE") for s in seen]

    assert outsider_view(MEMBER_PHONE) == outsider_view(NEW)
    # one text each time, to both
    assert len(texts(MEMBER_PHONE)) == len(texts(NEW)) == 2


# --- password reset ----------------------------------------------------------------------------


def test_a_member_resets_the_password_with_the_phone_on_their_member_record(cast, ask):
    member = cast.users["member"]
    assert member.phone == ""  # the number is only on the member record
    ask(RESET, MEMBER_PHONE)
    user = reset(MEMBER_PHONE, last_code(MEMBER_PHONE))
    assert user == member
    assert authenticate(username=MEMBER_PHONE, password=NEW_PASSWORD) == member
    id_number = cast_id_number(CAST_MEMBERS["GA"][1])
    assert authenticate(username=id_number, password=NEW_PASSWORD) == member
    assert authenticate(username="member", password=PASSWORD) is None
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.actor_id == member.pk and event.target_id == str(member.pk)


def test_a_reset_ends_every_session_and_every_token(cast, ask):
    member = cast.users["member"]
    browser = Client()
    assert (
        browser.post(
            reverse("accounts:login"), {"username": "member", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert browser.get(reverse("portal:members:me")).status_code == 200
    token, key = api_token_create(actor=SYSTEM, user=member)
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200

    ask(RESET, MEMBER_PHONE)
    reset(MEMBER_PHONE, last_code(MEMBER_PHONE))

    # the session that was logged in is sent to log in again
    response = browser.get(reverse("portal:members:me"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    # the token is revoked, and says why
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_reason == TokenRevoked.PASSWORD
    assert AuditEvent.objects.filter(action="token.revoke", actor=member).exists()
    assert ApiToken.objects.live().filter(user=member, revoked_at__isnull=True).count() == 0


def test_a_reset_lifts_the_lockout_and_nothing_else(cast, ask):
    # given centre staff with a number and an authenticator app, locked out by wrong passwords
    staff = cast.users["street_staff"]
    staff.set_phone("13612345678")
    staff.save()
    device, _codes = enrol(staff)
    for _i in range(settings.LOGIN_FAILURE_LIMIT):
        authenticate(username="street_staff", password="wrong")
    assert lockout.is_user_locked(staff)
    # when they reset the password with a code sent to their number
    ask(RESET, "13612345678")
    reset("13612345678", last_code("13612345678"))
    # then the lock is lifted (audited), and the new password logs in
    assert not lockout.is_user_locked(staff)
    assert AuditEvent.objects.filter(action="login.unlock", target_id=str(staff.pk)).exists()
    assert authenticate(username="street_staff", password=NEW_PASSWORD) == staff
    # but the authenticator app stays, and the next login still has to pass it
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
    with override_settings(STAFF_MFA_REQUIRED=True):
        client = Client()
        client.post(
            reverse("accounts:login"), {"username": "street_staff", "password": NEW_PASSWORD}
        )
        response = client.get("/staff/members/")
        assert response.status_code == 302 and reverse("accounts:mfa") in response["Location"]
        passed = client.post(reverse("accounts:mfa"), {"token": totp_code(device, ahead=1)})
        assert passed.status_code == 302
        assert client.get("/staff/members/").status_code == 200


def test_a_reset_leaves_a_deactivated_account_off(cast, ask):
    staff = cast.users["street_staff"]
    staff.set_phone("13612345678")
    staff.is_active = False
    staff.save()
    ask(RESET, "13612345678")
    (text,) = texts("13612345678")
    assert code_in(text) is None and "联系所在工会" in text
    with pytest.raises(DomainError):
        reset("13612345678", "123456")
    staff.refresh_from_db()
    assert not staff.check_password(NEW_PASSWORD)


def test_a_number_that_names_two_accounts_is_not_reset_by_text(cast, ask):
    # given the member's number is also another account's own number
    user_create(actor=SYSTEM, username="twin", password=PASSWORD, phone=MEMBER_PHONE)
    ask(RESET, MEMBER_PHONE)
    (text,) = texts(MEMBER_PHONE)
    assert code_in(text) is None and "联系所在工会" in text


def test_a_reset_of_a_number_without_an_account_sends_no_code(cast, ask):
    ask(RESET, NEW)
    (text,) = texts(NEW)
    assert code_in(text) is None and "还没有账号" in text
    with pytest.raises(DomainError) as refused:
        reset(NEW, "123456")
    assert refused.value.code == "bad_code"


def test_a_reset_code_does_not_register_and_a_registration_code_does_not_reset(cast, ask):
    ask(RESET, MEMBER_PHONE)
    with pytest.raises(DomainError):
        register(MEMBER_PHONE, last_code(MEMBER_PHONE))
    age(2)
    ask(REGISTER, NEW)
    with pytest.raises(DomainError):
        reset(NEW, last_code(NEW))


def test_the_texts_are_delivered_after_commit_and_sealed_in_the_queue(cast):
    from zhigong.notifications import tasks

    MemorySmsBackend.outbox.clear()
    sealed = tasks.seal_sms(NEW, "验证码 123456")
    assert "123456" not in sealed and NEW not in sealed
    tasks.sms_deliver(sealed)
    assert texts(NEW) == ["验证码 123456"]
    # nothing is sent for a request whose transaction did not commit
    MemorySmsBackend.outbox.clear()
    phone_code_request(actor=SYSTEM, purpose=REGISTER, phone=NEW, address=ADDRESS)
    assert texts(NEW) == []  # (``ask`` runs the commit's callbacks: then it is sent)
