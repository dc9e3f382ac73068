"""``Idempotency-Key`` (core.idempotency) on a route that creates something.

No route of the API creates anything yet (``/auth/token`` issues a credential and is left
out on purpose, see docs/api.md), so these tests mount a small API of their own whose one
route creates a holiday, with the platform's authentication and error handlers (no
``from __future__ import annotations``: ninja reads the annotations at run time).
"""

import datetime as dt
import json
import threading
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.responses import Status
from ninja.security import SessionAuth

from zhigong.accounts.services import api_token_create
from zhigong.core.actors import SYSTEM
from zhigong.core.api import BearerToken, api
from zhigong.core.errors import Conflict
from zhigong.core.idempotency import idempotent
from zhigong.core.models import Holiday, IdempotencyKey
from zhigong.core.schemas import InputSchema

test_api = NinjaAPI(urls_namespace="idempotency_test", auth=[BearerToken(), SessionAuth()])
for _exc, _handler in api._exception_handlers.items():
    test_api.add_exception_handler(_exc, _handler)


class HolidayIn(InputSchema):
    date: dt.date
    name: str


class HolidayOut(Schema):
    id: int
    date: dt.date
    name: str


@test_api.post("/holidays", response={201: HolidayOut})
@idempotent
def holiday_create(request, payload: HolidayIn):
    if Holiday.objects.filter(date=payload.date).exists():
        raise Conflict()
    holiday = Holiday.objects.create(date=payload.date, kind="holiday", name=payload.name)
    return Status(201, holiday)


@test_api.post("/strict", response={201: HolidayOut})
@idempotent(required=True)
def holiday_create_strict(request, payload: HolidayIn):
    return Status(201, Holiday.objects.create(date=payload.date, kind="holiday", name=payload.name))


urlpatterns = [path("t/", test_api.urls)]
pytestmark = pytest.mark.urls(__name__)

URL = "/t/holidays"
DAY = {"date": "2099-05-04", "name": "青年节"}


def _post(client: Client, body: dict, key: str | None = "k-1", url: str = URL):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_same_key_same_request_replays_the_first_answer(cast):
    client = cast.client("city_admin")
    first = _post(client, DAY)
    # the same request again, with its keys in another order and other spacing
    again = client.post(
        URL,
        '{ "name": "青年节",  "date": "2099-05-04" }',
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Holiday.objects.filter(date="2099-05-04").count() == 1


def test_same_key_different_request_is_refused(cast):
    client = cast.client("city_admin")
    assert _post(client, DAY).status_code == 201
    other = _post(client, {"date": "2099-05-05", "name": "另一天"})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert set(other.json()) == {"code", "message", "fields"}
    assert not Holiday.objects.filter(date="2099-05-05").exists()


def test_keys_belong_to_their_user_and_route(cast):
    assert _post(cast.client("city_admin"), DAY).status_code == 201
    # another user's same key is theirs: their request runs (and meets the first holiday)
    theirs = _post(cast.client("district_admin"), DAY)
    assert theirs.status_code == 409 and theirs.json()["code"] == "conflict"
    assert "Idempotent-Replayed" not in theirs


def test_a_failed_request_keeps_nothing_and_may_be_retried(cast):
    Holiday.objects.create(date="2099-05-04", kind="holiday", name="已有")
    client = cast.client("city_admin")
    failed = _post(client, DAY)
    assert failed.status_code == 409
    assert not IdempotencyKey.objects.exists()
    Holiday.objects.filter(date="2099-05-04").delete()
    assert _post(client, DAY).status_code == 201  # the same key, run for real this time


def test_a_key_still_in_use_is_a_conflict(cast):
    # given a request with the key that has not finished (a row without an answer)
    user = cast.users["city_admin"]
    client = cast.client("city_admin")
    assert _post(client, DAY, key="busy").status_code == 201
    IdempotencyKey.objects.filter(key="busy").update(response_status=None, body="")
    again = _post(client, DAY, key="busy")
    assert again.status_code == 409
    assert again.json()["code"] == "idempotency_in_progress"
    assert IdempotencyKey.objects.filter(user=user).count() == 1


def test_keys_expire_after_a_day(cast):
    client = cast.client("city_admin")
    assert _post(client, DAY).status_code == 201
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    Holiday.objects.filter(date="2099-05-04").delete()
    # past its lifetime the key is new again: the request runs
    assert _post(client, DAY).status_code == 201
    assert "Idempotent-Replayed" not in _post(client, {**DAY, "date": "2099-05-06"}, key="k-2")

    from zhigong.core.idempotency import purge_expired

    IdempotencyKey.objects.filter(key="k-2").update(created_at=timezone.now() - timedelta(hours=30))
    assert purge_expired() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["k-1"]


def test_without_a_key_the_route_runs_as_usual_unless_required(cast):
    client = cast.client("city_admin")
    assert _post(client, DAY, key=None).status_code == 201
    assert _post(client, DAY, key=None).status_code == 409  # ran again: no replay
    assert not IdempotencyKey.objects.exists()
    missing = _post(client, {**DAY, "date": "2099-06-01"}, key=None, url="/t/strict")
    assert missing.status_code == 400
    assert missing.json()["code"] == "idempotency_key_required"


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "中文"])
def test_a_malformed_key_is_refused(cast, key):
    response = _post(cast.client("city_admin"), DAY, key=key)
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"
    assert not Holiday.objects.filter(date="2099-05-04").exists()


def test_unauthenticated_requests_are_refused_before_the_key(db):
    response = _post(Client(), DAY)
    assert response.status_code == 401
    assert not IdempotencyKey.objects.exists()


def test_the_openapi_document_shows_the_header_and_the_409():
    schema = test_api.get_openapi_schema()
    operation = schema["paths"]["/t/holidays"]["post"]
    header = [p for p in operation["parameters"] if p["in"] == "header"]
    assert header[0]["name"] == "Idempotency-Key" and header[0]["required"] is False
    assert 409 in operation["responses"]
    strict = schema["paths"]["/t/strict"]["post"]
    assert [p["required"] for p in strict["parameters"] if p["in"] == "header"] == [True]


# Serialized rollback, as the browser journeys: the rows migrations wrote are put back, so
# the next transactional test in this process finds them as it expects.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself (BEGIN IMMEDIATE), and the live server shares "
    "the test's one in-memory connection between its threads",
)
def test_concurrent_requests_with_one_key_run_once(cast, live_server):
    # given one token and ten requests with the same key, sent at the same moment
    _, key = api_token_create(actor=SYSTEM, user=cast.users["city_admin"])
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "same"}
    start = threading.Barrier(10)
    answers: list[tuple[int, dict]] = []

    def send_http() -> None:
        request = urllib.request.Request(
            live_server.url + URL,
            data=json.dumps(DAY).encode(),
            headers={**headers, "Content-Type": "application/json"},
            method="POST",
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answers.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as error:
            answers.append((error.code, json.loads(error.read())))

    threads = [threading.Thread(target=send_http) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then the holiday exists once and every answer is the first one's (or "still running")
    assert Holiday.objects.filter(date="2099-05-04").count() == 1
    created = [body for status, body in answers if status == 201]
    assert len(answers) == 10
    assert created and all(body == created[0] for body in created)
    assert {status for status, _ in answers} <= {201, 409}
    assert IdempotencyKey.objects.count() == 1
