"""The cases API: submit with Idempotency-Key, follow, rate, attach; the workbench's queue and
steps; nobody sees another's case."""

from __future__ import annotations

import base64
import json

from django.test import Client

from zhigong.cases.choices import CaseStatus
from zhigong.cases.models import Case
from zhigong.cases.services.handling import case_accept, case_assign, case_reply
from zhigong.cases.tests.routes import PNG
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast

NEW = {"kind": "rights", "category": "wages", "description": "拖欠工资", "employer": "江城机械"}


def _post(client: Client, url: str, body: dict, **headers: str):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_submitting_twice_with_one_key_makes_one_case(cast: Cast, centres):
    client = cast.client("member")
    first = _post(client, "/api/v1/cases", NEW, **{"Idempotency-Key": "app-1"})
    again = _post(client, "/api/v1/cases", NEW, **{"Idempotency-Key": "app-1"})
    assert first.status_code == 201 and again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert first.json()["id"] == again.json()["id"] and Case.objects.count() == 1
    body = first.json()
    assert body["channel"] == "app" and body["status"] == "submitted"
    assert body["holder"] == "江岸区职工服务中心" and body["requester_name"] == "张*"
    other = _post(
        client, "/api/v1/cases", {**NEW, "description": "另一件"}, **{"Idempotency-Key": "app-1"}
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_a_worker_who_is_not_a_member_names_the_district_by_code(cast: Cast, centres):
    client = cast.client("outsider")
    bad = _post(
        client, "/api/v1/cases", {**NEW, "name": "赵六", "phone": "13900001111", "district": "SB"}
    )
    assert bad.status_code == 400 and "district" in bad.json()["fields"]
    ok = _post(
        client, "/api/v1/cases", {**NEW, "name": "赵六", "phone": "13900001111", "district": "DB"}
    )
    assert ok.status_code == 201 and ok.json()["holder"] == "武昌区职工服务中心"
    assert ok.json()["requester_phone"] == "139****1111"


def test_the_requester_follows_rates_and_attaches(cast: Cast, case: Case):
    case_accept(actor=SYSTEM, case=case)
    case_assign(actor=SYSTEM, case=case, handler=cast.users["volunteer"])
    case_reply(actor=cast.users["volunteer"], case=case, body="已协调。")
    client = cast.client("member")
    seen = client.get(f"/api/v1/cases/{case.pk}").json()
    kinds = [s["kind"] for s in seen["steps"]]
    assert kinds == ["submitted", "accepted", "replied"]  # not the internal assignment
    assert seen["steps"][-1]["note"] == "已协调。"
    staff = cast.client("dept_legal").get(f"/api/v1/cases/{case.pk}").json()
    assert "assigned" in [s["kind"] for s in staff["steps"]]
    bad = _post(client, f"/api/v1/cases/{case.pk}/rating", {"rating": 0})
    assert bad.status_code == 400
    rated = _post(client, f"/api/v1/cases/{case.pk}/rating", {"rating": 5, "comment": "好"})
    assert rated.status_code == 200 and rated.json()["rating"] == 5
    upload = _post(
        client,
        f"/api/v1/cases/{case.pk}/attachments",
        {"name": "a.png", "content_base64": base64.b64encode(PNG).decode()},
    )
    assert upload.status_code == 201
    wrong = _post(
        client,
        f"/api/v1/cases/{case.pk}/attachments",
        {"name": "b.png", "content_base64": base64.b64encode(b"%PDF-1.4").decode()},
    )
    assert wrong.status_code == 400 and "content_base64" not in wrong.json()["fields"]
    file_id = upload.json()["id"]
    got = client.get(f"/api/v1/cases/{case.pk}/attachments/{file_id}")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG  # type: ignore[attr-defined]
    assert [c["reference"] for c in client.get("/api/v1/cases/mine").json()["items"]] == [
        case.reference
    ]


def test_another_member_and_staff_out_of_scope_get_404_and_change_nothing(cast: Cast, case: Case):
    for who in ("outsider", "other_admin", "other_officer"):
        client = cast.client(who)
        assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
        assert _post(client, f"/api/v1/cases/{case.pk}/info", {"text": "x"}).status_code == 404
        assert _post(client, f"/api/v1/cases/{case.pk}/accept", {}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and case.steps.count() == 1


def test_the_workbench_through_the_api(cast: Cast, case: Case):
    client = cast.client("dept_legal")
    queue = client.get("/api/v1/cases", {"queue": "unassigned"}).json()
    assert [c["reference"] for c in queue["items"]] == [case.reference]
    assert (
        _post(client, f"/api/v1/cases/{case.pk}/accept", {"complexity": "normal"}).status_code
        == 200
    )
    refused = _post(client, f"/api/v1/cases/{case.pk}/close", {})
    assert refused.status_code == 400 and refused.json()["code"] == "reply_required"
    assign = _post(client, f"/api/v1/cases/{case.pk}/assign", {"handler": "volunteer"})
    assert assign.json()["status"] == "assigned"
    volunteer = cast.client("volunteer")
    assert [c["id"] for c in volunteer.get("/api/v1/cases", {"queue": "mine"}).json()["items"]] == [
        case.pk
    ]
    replied = _post(volunteer, f"/api/v1/cases/{case.pk}/reply", {"body": "可以申请仲裁。"})
    assert replied.json()["status"] == "replied"
    assert _post(client, f"/api/v1/cases/{case.pk}/close", {}).json()["status"] == "closed"
    assert client.get("/api/v1/cases", {"queue": "nonsense"}).status_code == 400


def test_the_figures_through_the_api(cast: Cast, case: Case):
    case_accept(actor=SYSTEM, case=case)
    case_reply(actor=SYSTEM, case=case, body="答复")
    body = cast.client("district_admin").get("/api/v1/cases/figures", {"union": "DA"}).json()
    assert body["union"]["code"] == "DA"
    assert body["summary"]["received"] == 1 and body["summary"]["replied_on_time"] == 1
    assert body["counts"]["kind"] == {"rights": 1}
    assert (
        cast.client("other_admin").get("/api/v1/cases/figures", {"union": "DA"}).status_code == 404
    )
    assert cast.client("volunteer").get("/api/v1/cases/figures").status_code == 404
