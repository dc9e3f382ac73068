"""Nothing of a case is public (CASE-1): another member, and staff outside the subtree of the
union that holds it, get 404 on every page and API route of the case, with real data in
every write, and nothing changes."""

from __future__ import annotations

import json

import pytest

from zhigong.accounts.services import user_create
from zhigong.cases.models import Case, CaseStep
from zhigong.cases.tests.routes import api, cast_case, portal, staff
from zhigong.core.actors import SYSTEM
from zhigong.core.models import AccessLog, AuditEvent
from zhigong.members.models import Member
from zhigong.testing.cast import PASSWORD, Cast
from zhigong.testing.routes import Route

# Staff outside DA's subtree (SA and GA are below DA: a case held at DA is above them), a
# user with no role, and another member (李娜 at GB, with her own login).
STRANGERS = ("other_admin", "other_officer", "street_staff", "officer", "outsider", "another")
ROUTES: list[Route] = [
    r
    for r in (*staff.ROUTES, *portal.ROUTES, *api.ROUTES)
    if r.name
    not in ("staff:cases:queue", "staff:cases:call", "staff:cases:figures", "staff:cases:routing")
    and r.name not in ("portal:cases:mine", "portal:cases:new", "api:case_create")
    and r.name not in ("api:case_queue", "api:my_cases", "api:case_figures")
]
# What each write would do with real data, were it allowed.
STAFF_STEPS = [
    {"action": "accept", "complexity": "complex"},
    {"action": "reply", "body": "答复"},
    {"action": "close", "note": "办结"},
    {"action": "escalate", "reason": "上报"},
    {"action": "refer", "department": "1", "due_on": "2099-01-01", "note": "x"},
    {"action": "reveal", "reason": "回访"},
]
PORTAL_STEPS = [
    {"action": "info", "text": "补充"},
    {"action": "rate", "rating": "1", "comment": "差"},
    {"action": "reopen", "reason": "不满意"},
]
API_BODIES = {
    "/info": {"text": "补充"},
    "/rating": {"rating": 1},
    "/reopen": {"reason": "不满意"},
    "/accept": {"complexity": "complex"},
    "/assign": {"handler": "other_officer"},
    "/reply": {"body": "答复"},
    "/close": {"note": "办结"},
    "/escalate": {"reason": "上报"},
}


@pytest.fixture
def another(cast: Cast) -> Cast:
    user = user_create(
        actor=SYSTEM, username="another", password=PASSWORD, full_name="李娜", check_password=False
    )
    Member.objects.filter(pk=cast.members["GB"].pk).update(user=user)
    cast.users["another"] = user
    return cast


def _state(case: Case) -> tuple[object, ...]:
    case.refresh_from_db()
    return (
        case.status,
        case.union_id,
        case.handler_id,
        case.rating,
        case.due_date,
        CaseStep.objects.filter(case=case).count(),
        AuditEvent.objects.count(),
        AccessLog.objects.count(),
    )


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_get_404_everywhere_and_change_nothing(another: Cast, who: str):
    case = cast_case(another)
    before = _state(case)
    client = another.client(who)
    for route in ROUTES:
        url = route.url(another)
        if route.method == "get":
            assert client.get(url).status_code == 404, (who, url)
    detail = f"/staff/cases/{case.pk}/"
    for data in STAFF_STEPS:
        assert client.post(detail, data).status_code == 404, (who, data)
    own = f"/me/cases/{case.pk}/"
    for data in PORTAL_STEPS:
        assert client.post(own, data).status_code == 404, (who, data)
    for path, body in API_BODIES.items():
        response = client.post(
            f"/api/v1/cases/{case.pk}{path}", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 404, (who, path, response.content)
    assert _state(case) == before
    # and their own lists do not show it
    assert case.reference not in client.get("/me/cases/").content.decode()
    listed = client.get("/api/v1/cases/mine").json()["items"]
    assert case.pk not in [c["id"] for c in listed]


def test_another_members_own_case_is_theirs_alone(another: Cast, centres):
    from zhigong.cases.tests.conftest import submit

    theirs = submit(another, who="another")
    assert theirs.origin == another.unions["GB"] and theirs.union == another.unions["DB"]
    assert another.client("member").get(f"/me/cases/{theirs.pk}/").status_code == 404
    assert another.client("another").get(f"/me/cases/{theirs.pk}/").status_code == 200
    assert another.client("dept_legal").get(f"/staff/cases/{theirs.pk}/").status_code == 404
    assert another.client("other_admin").get(f"/staff/cases/{theirs.pk}/").status_code == 200
