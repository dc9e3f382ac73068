"""Headers and public surfaces (issue 8, item 12): Content-Security-Policy, Permissions-Policy,
the session's idle timeout, the API docs behind a setting, and /healthz when the database is
down. (``Cache-Control: no-store`` is walked over every route in ``tests/test_routes.py``.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

import zhigong
from zhigong.core import middleware

TEMPLATES = Path(zhigong.__file__).parent


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_pages_and_api_carry_a_strict_script_policy(cast):
    for client, url in (
        (Client(), "/"),
        (cast.client("city_admin"), "/staff/unions/"),
        (cast.client("city_admin"), "/api/v1/me"),
    ):
        response = client.get(url)
        policy = _directives(response["Content-Security-Policy"])
        # scripts only from our own static files: no inline script, no eval
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        # nothing from elsewhere
        for sources in policy.values():
            assert not any(s.startswith(("http:", "https:", "*")) for s in sources), sources


def test_no_template_carries_inline_script():
    # an inline <script>, an on…= handler or htmx's hx-on would be refused by the policy
    offences = []
    every = [*TEMPLATES.rglob("templates/**/*.html"), *TEMPLATES.rglob("jinja2/**/*.jinja")]
    assert any(t.suffix == ".jinja" for t in every)
    for template in every:
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\bhx-on"):
            if re.search(pattern, text, re.I):
                offences.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert offences == []


def test_permissions_policy_everywhere(cast):
    for client, url in ((Client(), "/"), (cast.client("member"), "/api/v1/me/member")):
        header = client.get(url)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in header


# --- the session's idle timeout ------------------------------------------------------------


def _at(monkeypatch, seconds: int) -> None:
    monkeypatch.setattr(middleware, "_now", lambda: 1_800_000_000 + seconds)


def test_a_session_ends_after_thirty_idle_minutes(cast, monkeypatch):
    assert settings.SESSION_IDLE_MINUTES == 30
    client = cast.client("city_admin")
    _at(monkeypatch, 0)
    assert client.get("/staff/unions/").status_code == 200
    # 29 minutes later: still in, and that request counts as activity
    _at(monkeypatch, 29 * 60)
    assert client.get("/staff/unions/").status_code == 200
    _at(monkeypatch, 58 * 60)
    assert client.get("/staff/unions/").status_code == 200
    # then 31 minutes without a request: the session is over
    _at(monkeypatch, 89 * 60)
    response = client.get("/staff/unions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    # and the API, on the same (ended) session, answers 401
    assert client.get("/api/v1/me").status_code == 401


def test_a_busy_session_still_ends_after_eight_hours(cast, monkeypatch):
    client = cast.client("district_admin")
    for minutes in range(0, 8 * 60 + 1, 20):  # a request every 20 minutes, all day
        _at(monkeypatch, minutes * 60)
        assert client.get("/staff/unions/").status_code == 200, minutes
    _at(monkeypatch, 8 * 3600 + 20 * 60)
    assert client.get("/staff/unions/").status_code == 302


@override_settings(SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_a_setting(cast, monkeypatch):
    client = cast.client("member")
    _at(monkeypatch, 0)
    assert client.get("/me/").status_code == 200
    _at(monkeypatch, 6 * 60)
    assert client.get("/me/").status_code == 302


def test_bearer_tokens_are_not_sessions(cast, monkeypatch):
    # the API's bearer tokens have their own lifetime; the idle timeout is about sessions
    from zhigong.accounts.services import api_token_create
    from zhigong.core.actors import SYSTEM

    _, key = api_token_create(actor=SYSTEM, user=cast.users["city_admin"])
    headers = {"Authorization": f"Bearer {key}"}
    _at(monkeypatch, 0)
    assert Client().get("/api/v1/me", headers=headers).status_code == 200
    _at(monkeypatch, 3 * 3600)
    assert Client().get("/api/v1/me", headers=headers).status_code == 200


# --- the API's document and docs --------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_api_docs_only_where_the_setting_allows(db, url):
    with override_settings(API_DOCS_PUBLIC=True):
        assert Client().get(url).status_code == 200
    with override_settings(API_DOCS_PUBLIC=False):
        response = Client().get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def _prod_setting(expression: str, **env: str) -> str:
    """A value of the production settings, read in a fresh interpreter with dummy secrets."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "ZHIGONG_ENCRYPTION_KEYS": "k1:" + "A" * 43 + "=",
        "ZHIGONG_BLIND_INDEX_KEY": "blind",
        "ZHIGONG_AUDIT_KEY": "audit",
        **env,
    }
    environment.pop("API_DOCS_PUBLIC", None)
    environment.update(env)
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_production_keeps_the_api_docs_private_unless_told():
    assert _prod_setting("settings.API_DOCS_PUBLIC") == "False"
    assert _prod_setting("settings.API_DOCS_PUBLIC", API_DOCS_PUBLIC="true") == "True"
    assert settings.API_DOCS_PUBLIC is True  # tests and development


# --- /healthz --------------------------------------------------------------------------------


def test_healthz_answers_503_json_when_the_database_is_down(db, monkeypatch):
    assert Client().get("/healthz").json() == {"status": "ok"}

    def down(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:  # undone before the test database is torn down
        patched.setattr(BaseDatabaseWrapper, "cursor", down)
        response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "unavailable"}
    assert "no-store" in response["Cache-Control"]


def test_a_request_without_a_session_cookie_is_unauthenticated_not_a_csrf_refusal(cast):
    """A revoked or wrong bearer token on a POST, and no session: 401 in the error shape, as
    the document lists (the CSRF check is the session cookie's, and there is none)."""
    response = Client().post(
        "/api/v1/members/lookup",
        {"phone": "13800001234"},
        content_type="application/json",
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"


def test_a_session_without_its_csrf_token_gets_a_403_in_the_error_shape(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["city_org"])
    response = client.post(
        "/api/v1/members/lookup", {"phone": "13800001234"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf" and "CSRF" in response.json()["message"]
