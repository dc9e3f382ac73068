"""The pages of registering with a mobile number and of a forgotten password, and the ways to
them (the login page, the top bar, the portal home)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from zhigong.accounts.models import PhoneCode, User
from zhigong.core.views import client_address
from zhigong.notifications.backends import MemorySmsBackend
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, cast_id_number

NEW = "13712345678"
MEMBER_PHONE = CAST_MEMBERS["GA"][2]
NEW_PASSWORD = "Lathe-Turner-2026"


@pytest.fixture
def outbox(django_capture_on_commit_callbacks):
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST "获取验证码" as a page does, with the commit's callbacks (the text) run."""

    def post(client: Client, url: str, data: dict[str, str]):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"action": "send", **data})

    return post


def last_code(phone: str) -> str:
    found = re.search(r"验证码 (\d{6})", MemorySmsBackend.texts_to(phone)[-1])
    assert found is not None
    return found.group(1)


def text(response) -> str:
    return response.content.decode()


def test_registering_step_by_step(cast, outbox, send):
    client = Client()
    url = reverse("accounts:register")
    # step 1: the number
    first = client.get(url)
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    assert 'name="phone"' in text(first) and "获取验证码" in text(first)
    sent = send(client, url, {"phone": "137 1234 5678"})
    assert sent.status_code == 302 and sent["Location"] == url
    # step 2: the code and a password; the number is shown masked, and kept only encrypted
    second = client.get(url)
    assert "137****5678" in text(second) and NEW not in text(second)
    for field in ("code", "full_name", "password", "password2"):
        assert f'name="{field}"' in text(second)
    assert NEW not in str(client.session.items())
    done = client.post(
        url,
        {
            "action": "confirm",
            "code": last_code(NEW),
            "full_name": "赵师傅",
            "password": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    # then they are logged in and on their way to apply for membership
    assert done.status_code == 302 and done["Location"] == reverse("portal:members:apply")
    apply = client.get(done["Location"])
    assert apply.status_code == 200 and "注册成功" in text(apply)
    user = User.objects.get(username=apply.wsgi_request.user.username)
    assert (user.phone, user.full_name) == (NEW, "赵师傅")
    assert "赵师傅" in text(apply)  # the top bar greets them by name


def test_registering_with_mistakes_shows_them_and_writes_nothing(cast, outbox, send):
    client = Client()
    url = reverse("accounts:register")
    bad = send(client, url, {"phone": "12345"})
    assert bad.status_code == 200 and "11 位中国大陆手机号码" in text(bad)
    assert not PhoneCode.objects.exists()
    send(client, url, {"phone": NEW})
    wrong = client.post(
        url, {"action": "confirm", "code": "12a", "password": "x", "password2": "y"}
    )
    assert wrong.status_code == 200
    assert "请输入短信里的 6 位数字验证码" in text(wrong) and "两次输入的密码不一致" in text(wrong)
    code = last_code(NEW)
    guess = "000000" if code != "000000" else "111111"
    wrong_code = client.post(
        url,
        {
            "action": "confirm",
            "code": guess,
            "full_name": "赵师傅",
            "password": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert "验证码不正确，还可再试 4 次" in text(wrong_code)
    assert not User.objects.filter(username__startswith="zg").exists()


def test_asking_again_too_soon_says_when(cast, outbox, send):
    client = Client()
    url = reverse("accounts:register")
    send(client, url, {"phone": NEW})
    again = send(client, url, {})  # "重新获取验证码" on step 2
    assert again.status_code == 302
    assert "秒后再获取" in text(client.get(url))
    assert len(MemorySmsBackend.texts_to(NEW)) == 1
    # a new number typed on step 1 of another visitor from the same place is limited too
    limited = send(Client(), url, {"phone": NEW})
    assert limited.status_code == 429 and "秒后再获取" in text(limited)


def test_another_number_goes_back_to_step_one(cast, outbox, send):
    client = Client()
    url = reverse("accounts:register")
    send(client, url, {"phone": NEW})
    back = client.post(url, {"action": "restart"})
    assert back.status_code == 302
    assert 'name="phone"' in text(client.get(url))


def test_logged_in_users_are_sent_on(cast):
    for name in ("accounts:register", "accounts:password_reset"):
        response = cast.client("member").get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:landing")


def _seen_by_an_outsider(client: Client, url: str, phone: str, send) -> str:
    send(client, url, {"phone": phone})
    page = client.get(url)
    without_tokens = re.sub(r'(value="|"X-CSRFToken": ")[^"]+"', "", text(page))
    return without_tokens.replace(phone[:3] + "****" + phone[-4:], "P")


@pytest.mark.parametrize("name", ["accounts:register", "accounts:password_reset"])
def test_the_pages_say_the_same_whether_or_not_a_number_has_an_account(cast, outbox, send, name):
    url = reverse(name)
    registered = _seen_by_an_outsider(Client(), url, MEMBER_PHONE, send)
    unknown = _seen_by_an_outsider(Client(), url, NEW, send)
    assert registered == unknown
    if name == "accounts:password_reset":
        assert "如果这个号码已注册，验证码已发送至" in registered


def test_a_forgotten_password_reset_by_text_ends_the_old_session(cast, outbox, send):
    # given the member logged in on another device with their ID number
    elsewhere = Client()
    id_number = cast_id_number(CAST_MEMBERS["GA"][1])
    logged_in = elsewhere.post(
        reverse("accounts:login"), {"username": id_number, "password": PASSWORD}
    )
    assert logged_in.status_code == 302
    # when they reset the password with the number on their member record
    client = Client()
    url = reverse("accounts:password_reset")
    send(client, url, {"phone": MEMBER_PHONE})
    done = client.post(
        url,
        {
            "action": "confirm",
            "code": last_code(MEMBER_PHONE),
            "new_password": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    # then they are sent to log in, with the new password, and the other device is logged out
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    assert "密码已重置" in text(client.get(done["Location"]))
    gone = elsewhere.get(reverse("portal:members:me"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("accounts:login"))
    again = client.post(
        reverse("accounts:login"), {"username": MEMBER_PHONE, "password": NEW_PASSWORD}
    )
    assert again.status_code == 302


def test_the_login_page_leads_to_registering_and_to_a_forgotten_password(db):
    page = text(Client().get(reverse("accounts:login")))
    assert f'href="{reverse("accounts:register")}"' in page
    assert f'href="{reverse("accounts:password_reset")}"' in page
    assert ">忘记密码<" in page and ">注册<" in page


def test_the_home_page_shows_visitors_the_way_in(cast):
    home = text(Client().get("/"))
    main = home.split('<main id="main">')[1]
    assert f'href="{reverse("accounts:register")}"' in main
    assert f'href="{reverse("accounts:login")}"' in main
    member_home = text(cast.client("member").get("/"))
    assert f'href="{reverse("accounts:register")}"' not in member_home


def test_the_client_address_behind_a_proxy():
    factory = RequestFactory()
    plain = factory.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="203.0.113.9")
    assert client_address(plain) == "10.1.1.1"
    with override_settings(CLIENT_ADDRESS_HEADER="HTTP_X_REAL_IP"):
        assert client_address(plain) == "203.0.113.9"
    with override_settings(CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR"):
        forwarded = factory.get(
            "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
        )
        assert client_address(forwarded) == "203.0.113.9"  # the proxy's own entry
        assert client_address(factory.get("/", REMOTE_ADDR="10.1.1.1")) == "10.1.1.1"
