"""The requester's pages: submit (a member, and a worker who is not one), follow the answer,
add information and files, rate, reopen; nobody else sees any of it."""

from __future__ import annotations

import io

from django.urls import reverse

from zhigong.cases.choices import CaseStatus, StepKind
from zhigong.cases.models import Case
from zhigong.cases.services.handling import case_accept, case_assign, case_reply
from zhigong.cases.tests.routes import PNG
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast


class _File(io.BytesIO):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name


def test_a_member_submits_with_a_file(cast: Cast, centres):
    client = cast.client("member")
    form = client.get(reverse("portal:cases:new")).content.decode()
    assert 'name="district"' not in form  # a member's district comes from their union
    response = client.post(
        reverse("portal:cases:new"),
        {
            "kind": "rights",
            "category": "wages",
            "description": "公司拖欠三个月工资。",
            "employer": "江城机械",
            "attachments": [_File("工资条.png", PNG)],
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:cases:detail", args=[case.pk])
    assert (case.union, case.centre, case.requester) == (
        cast.unions["DA"],
        centres["DA"],
        cast.users["member"],
    )
    assert case.attachments.get().name == "工资条.png"
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page and "工资条.png" in page


def test_a_worker_who_is_not_a_member_chooses_the_district(cast: Cast, centres):
    client = cast.client("outsider")
    form = client.get(reverse("portal:cases:new")).content.decode()
    assert 'name="district"' in form and "江岸区总工会" in form
    missing = client.post(
        reverse("portal:cases:new"),
        {"kind": "legal", "category": "dismissal", "description": "被辞退"},
    )
    assert missing.status_code == 200 and Case.objects.count() == 0
    client.post(
        reverse("portal:cases:new"),
        {
            "kind": "legal",
            "category": "dismissal",
            "description": "被辞退",
            "name": "赵六",
            "phone": "13900001111",
            "district": cast.unions["DB"].pk,
        },
    )
    case = Case.objects.get()
    assert (case.union, case.member, case.phone_masked) == (
        cast.unions["DB"],
        None,
        "139****1111",
    )


def test_the_requester_follows_the_answer_rates_and_reopens(cast: Cast, case: Case):
    case_accept(actor=SYSTEM, case=case)
    case_assign(actor=SYSTEM, case=case, handler=cast.users["volunteer"])
    case_reply(actor=cast.users["volunteer"], case=case, body="单位已答应本周发放。")
    client = cast.client("member")
    url = reverse("portal:cases:detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "单位已答应本周发放。" in page
    assert "交办" not in page  # who handles it inside the union is not the requester's page
    assert 'value="rate"' in page and 'value="reopen"' in page
    client.post(url, {"action": "rate", "rating": "4", "comment": "及时"})
    case.refresh_from_db()
    assert (case.rating, case.rating_comment) == (4, "及时")
    client.post(url, {"action": "reopen", "reason": "工资还没到账"})
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED
    client.post(
        url,
        {
            "action": "info",
            "text": "附上银行流水",
            "attachments": [_File("流水.pdf", b"%PDF-1.7 x")],
        },
    )
    info = case.steps.get(kind=StepKind.INFO_ADDED)
    assert info.note == "附上银行流水" and info.attachments.get().content_type == "application/pdf"


def test_nobody_else_sees_the_case_or_changes_it(cast: Cast, case: Case):
    url = reverse("portal:cases:detail", args=[case.pk])
    for who in ("outsider", "other_officer", "dept_legal"):
        client = cast.client(who)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "info", "text": "x"}).status_code == 404
    assert case.steps.count() == 1
    assert (
        case.reference
        not in cast.client("outsider").get(reverse("portal:cases:mine")).content.decode()
    )
