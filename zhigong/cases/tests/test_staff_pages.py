"""The workbench's case pages: queues, the case page and its steps, the hotline form,
attachments, the logged reveal."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from zhigong.cases.choices import CaseStatus, Channel, StepKind
from zhigong.cases.models import Case, ReplyTemplate
from zhigong.cases.services.handling import case_accept, case_assign
from zhigong.cases.tests.conftest import submit
from zhigong.cases.tests.routes import PNG, cast_case
from zhigong.core.actors import SYSTEM
from zhigong.core.models import AccessLog
from zhigong.testing.cast import Cast


def _detail(case: Case) -> str:
    return reverse("staff:cases:detail", args=[case.pk])


def test_the_queue_shows_the_cases_of_the_users_scope(cast: Cast, case: Case):
    url = reverse("staff:cases:queue")
    assert case.reference in cast.client("dept_legal").get(url).content.decode()
    assert case.reference in cast.client("district_admin").get(url).content.decode()
    assert case.reference not in cast.client("other_admin").get(url).content.decode()
    # a volunteer's queue holds only what is assigned to them
    assert case.reference not in cast.client("volunteer").get(url).content.decode()
    case_accept(actor=SYSTEM, case=case)
    case_assign(actor=SYSTEM, case=case, handler=cast.users["volunteer"])
    assert case.reference in cast.client("volunteer").get(url).content.decode()


def test_queues_and_filters(cast: Cast, centres):
    legal = submit(cast, kind="legal", category="dismissal")
    rights = submit(cast)
    case_accept(actor=SYSTEM, case=rights)
    client = cast.client("dept_legal")
    url = reverse("staff:cases:queue")
    unassigned = client.get(url, {"queue": "unassigned"}).content.decode()
    assert legal.reference in unassigned and rights.reference in unassigned
    only_legal = client.get(url, {"queue": "open", "kind": "legal"}).content.decode()
    assert legal.reference in only_legal and rights.reference not in only_legal
    # a full reference number goes straight to the case
    found = client.get(url, {"q": rights.reference.lower()})
    assert found.status_code == 302 and found["Location"] == _detail(rights)


def test_accepting_on_the_case_page(cast: Cast, case: Case):
    client = cast.client("dept_legal")
    page = client.get(_detail(case)).content.decode()
    assert 'value="accept"' in page and "张*" in page and "张伟" not in page
    response = client.post(_detail(case), {"action": "accept", "complexity": "complex"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.complexity) == (CaseStatus.ACCEPTED, "complex")


def test_a_supervisor_sees_the_case_but_takes_no_step(cast: Cast, case: Case):
    client = cast.client("district_admin")
    page = client.get(_detail(case)).content.decode()
    assert 'value="accept"' not in page
    response = client.post(_detail(case), {"action": "accept", "complexity": "normal"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_closing_without_a_reply_on_the_page_says_why(cast: Cast, case: Case):
    case_accept(actor=SYSTEM, case=case)
    response = cast.client("dept_legal").post(_detail(case), {"action": "close", "note": ""})
    assert response.status_code == 200
    assert "还没有答复求助人，不能办结" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_the_reply_box_starts_from_a_template(cast: Cast, case: Case):
    case_accept(actor=SYSTEM, case=case)
    template = ReplyTemplate.objects.get(category="wages")
    page = cast.client("dept_legal").get(_detail(case), {"template": template.pk})
    assert "《劳动合同法》" in page.content.decode()
    response = cast.client("dept_legal").post(
        _detail(case), {"action": "reply", "body": "<script>alert(1)</script>已协调发放。"}
    )
    assert response.status_code == 302
    shown = cast.client("dept_legal").get(_detail(case)).content.decode()
    assert "<script>alert(1)</script>" not in shown and "&lt;script&gt;" in shown


def test_the_description_is_escaped(cast: Cast, centres):
    case = submit(cast, description='<img src=x onerror="alert(1)">工资')
    page = cast.client("dept_legal").get(_detail(case)).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_a_reveal_shows_the_full_name_and_phone_and_is_logged(cast: Cast, case: Case):
    client = cast.client("dept_legal")
    refused = client.post(_detail(case), {"action": "reveal", "reason": ""})
    assert "张伟" not in refused.content.decode() and AccessLog.objects.count() == 0
    response = client.post(_detail(case), {"action": "reveal", "reason": "回访求助人"})
    text = response.content.decode()
    assert "张伟" in text and "13800001234" in text
    assert "no-store" in response["Cache-Control"]
    log = AccessLog.objects.get()
    assert (log.actor, log.fields, log.reason) == (
        cast.users["dept_legal"],
        "name,phone",
        "回访求助人",
    )
    # the administrator supervises masked
    response = cast.client("district_admin").post(
        _detail(case), {"action": "reveal", "reason": "看看"}
    )
    assert response.status_code == 403


def test_the_volunteer_sees_only_their_case(cast: Cast, case: Case):
    assert cast.client("volunteer").get(_detail(case)).status_code == 404
    case_accept(actor=SYSTEM, case=case)
    case_assign(actor=SYSTEM, case=case, handler=cast.users["volunteer"])
    page = cast.client("volunteer").get(_detail(case)).content.decode()
    assert 'value="reply"' in page and 'value="assign"' not in page


def test_an_attachment_is_served_only_through_the_case(cast: Cast):
    case = cast_case(cast)
    attachment = case.attachments.get()
    url = reverse("staff:cases:attachment", args=[case.pk, attachment.pk])
    response = cast.client("dept_legal").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    assert cast.client("other_admin").get(url).status_code == 404
    mine = reverse("portal:cases:attachment", args=[case.pk, attachment.pk])
    assert cast.client("member").get(mine).status_code == 200
    assert cast.client("outsider").get(mine).status_code == 404


class _File(io.BytesIO):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name


def test_a_hotline_call_finds_the_member_by_phone(cast: Cast, centres):
    client = cast.client("dept_legal")
    url = reverse("staff:cases:call")
    found = client.post(url, {"phone": "138 0000 1234", "lookup": "1"}).content.decode()
    assert "张*" in found and "江岸区总工会" in found and "张伟" not in found
    response = client.post(
        url,
        {
            "channel": Channel.HOTLINE,
            "phone": "13800001234",
            "kind": "legal",
            "category": "work_injury",
            "description": "工作中受伤，单位不申报工伤。",
            "call_started_at": "2025-11-03T09:15",
            "call_minutes": "6",
            "call_seconds": "40",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(channel=Channel.HOTLINE)
    assert (case.member, case.requester, case.union, case.centre) == (
        cast.members["GA"],
        cast.users["member"],
        cast.unions["DA"],
        centres["DA"],
    )
    assert case.call_seconds == 400 and str(case.call_started_at).startswith("2025-11-03")
    assert case.steps.get().kind == StepKind.HOTLINE
    assert "6 分 40 秒" in case.steps.get().note


def test_a_caller_who_is_not_a_member_gives_name_and_district(cast: Cast, centres):
    client = cast.client("street_staff")
    data = {
        "channel": Channel.HOTLINE,
        "phone": "13700009999",
        "kind": "rights",
        "category": "wages",
        "description": "欠薪",
        "call_started_at": "2025-11-03T09:15",
        "call_minutes": "2",
    }
    refused = client.post(reverse("staff:cases:call"), data)
    assert refused.status_code == 200 and Case.objects.count() == 0
    response = client.post(
        reverse("staff:cases:call"), {**data, "name": "钱七", "district": cast.unions["DB"].pk}
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.member, case.union, case.name_masked) == (None, cast.unions["DB"], "钱*")
    # recorded by DA's street staff, held at DB: out of their sight, so back to the queue
    assert response["Location"] == reverse("staff:cases:queue")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.exe", b"MZ", "只能上传"),
        ("scan.png", b"%PDF-1.4", "内容不是"),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_is_written(
    cast: Cast, centres, name, data, message
):
    response = cast.client("dept_legal").post(
        reverse("staff:cases:call"),
        {
            "channel": Channel.LETTER,
            "name": "孙八",
            "district": cast.unions["DA"].pk,
            "kind": "rights",
            "category": "other",
            "description": "来信",
            "attachments": [_File(name, data)],
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert Case.objects.count() == 0


def test_a_filtered_queue_takes_at_most_ten_queries(
    cast: Cast, case: Case, django_assert_max_num_queries
):
    """DESIGN §6: a scoped list in at most ten queries (the scope's unions are read once for
    the queue and the tabs' counts)."""
    client = cast.client("dept_legal")
    client.get(reverse("staff:cases:queue"))  # the session's first request sets things up
    with django_assert_max_num_queries(10):
        response = client.get(reverse("staff:cases:queue"), {"kind": "rights", "queue": "all"})
    assert case.reference in response.content.decode()
