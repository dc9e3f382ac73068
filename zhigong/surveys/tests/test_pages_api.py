"""The survey pages and API: staff make, open and read a survey; respondents answer on the
page, the API and with a one-time code; another district's staff get 404 and change
nothing; free text is shown escaped."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.surveys.models import Response, Survey, SurveyCode
from zhigong.surveys.services.answering import answer_by_code
from zhigong.surveys.services.organise import codes_issue
from zhigong.surveys.tests.conftest import answers_for
from zhigong.surveys.tests.routes import cast_centre

pytestmark = pytest.mark.django_db
LOCAL = "%Y-%m-%dT%H:%M"


def test_staff_make_and_open_a_survey(cast):
    centre = cast_centre(cast)
    client = cast.client("street_staff")
    now = timezone.localtime()
    form = {
        "target": f"centre_visitors:{centre.pk}",
        "title": "服务中心满意度测评",
        "opens_at": (now - dt.timedelta(hours=1)).strftime(LOCAL),
        "closes_at": (now + dt.timedelta(days=7)).strftime(LOCAL),
        "with_satisfaction": "on",
        "questions": "评分* 服务态度\n多选 用过的服务 | 法律咨询 / 职业介绍\n文字 建议",
    }
    bad = client.post("/staff/surveys/new/", {**form, "questions": "问答 什么"})
    assert bad.status_code == 200 and "请以题型开头" in bad.content.decode()
    assert not Survey.objects.exists()
    made = client.post("/staff/surveys/new/", form)
    assert made.status_code == 302
    survey = Survey.objects.get()
    assert [q.kind for q in survey.questions.order_by("position")] == [
        "single",
        "rating",
        "multiple",
        "text",
    ]
    assert survey.union == cast.unions["SA"]
    client.post(f"/staff/surveys/{survey.pk}/", {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == "open"
    sheet = client.post(f"/staff/surveys/{survey.pk}/codes/", {"count": "3"})
    assert sheet.content.decode().count("<svg") >= 3
    assert SurveyCode.objects.filter(survey=survey).count() == 3


def test_another_districts_staff_get_404_and_change_nothing(cast, survey):
    client = cast.client("other_admin")
    base = f"/staff/surveys/{survey.pk}/"
    for url, data in [
        (base, {"action": "close"}),
        (base + "edit/", {"title": "x"}),
        (base + "codes/", {"count": "5"}),
        (base + "desk/", {"number": "1"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert client.get(f"/api/v1/surveys/{survey.pk}/results").status_code == 404
    assert client.get(f"/api/v1/surveys/{survey.pk}/results?union=GB").status_code == 404
    survey.refresh_from_db()
    assert survey.status == "open" and not SurveyCode.objects.exists()
    # and inside scope, a union outside the survey's subtree is no way in either
    mine = cast.client("city_admin")
    assert mine.get(f"/api/v1/surveys/{survey.pk}/results?union=DB").status_code == 404


def test_a_member_answers_on_the_page_and_the_api(cast, survey):
    client = cast.client("member")
    page = client.get(f"/me/surveys/{survey.pk}/")
    assert page.status_code == 200
    raw = answers_for(survey)
    posted = client.post(
        f"/me/surveys/{survey.pk}/", {f"q{pk}": values for pk, values in raw.items()}
    )
    assert posted.status_code == 302
    again = client.post(
        f"/api/v1/surveys/{survey.pk}/answer",
        json.dumps({"answers": raw}),
        content_type="application/json",
    )
    assert again.status_code == 409
    assert Response.objects.filter(survey=survey).count() == 1
    assert client.get("/api/v1/surveys/offered").json() == []


def test_the_api_answer_names_the_missing_question(cast, survey):
    client = cast.client("member")
    found = client.post(
        f"/api/v1/surveys/{survey.pk}/answer", "{}", content_type="application/json"
    )
    assert found.status_code == 400 and "必答" in found.json()["message"]


def test_a_code_page_refuses_a_used_code(cast, survey):
    token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
    raw = answers_for(survey)
    client = cast.client("anonymous")
    form = {f"q{pk}": values for pk, values in raw.items()}
    done = client.post(f"/s/{token}/", form)
    assert done.status_code == 200 and "感谢" in done.content.decode()
    again = client.get(f"/s/{token}/")
    assert again.status_code == 410 and "已使用过" in again.content.decode()
    assert client.post(f"/s/{token}/", form).status_code == 409
    assert client.get("/s/unknown/").status_code == 404
    api = client.post(
        "/api/v1/surveys/code-answer",
        json.dumps({"code": token, "answers": raw}),
        content_type="application/json",
    )
    assert api.status_code == 409
    assert Response.objects.count() == 1


def test_free_text_is_shown_escaped(cast, survey):
    token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
    answer_by_code(
        actor=SYSTEM, token=token, raw=answers_for(survey, p4=["<script>alert(1)</script>"])
    )
    page = cast.client("street_staff").get(f"/staff/surveys/{survey.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_results_per_union_on_the_page_and_api(cast, survey):
    answer_by_code(
        actor=SYSTEM,
        token=codes_issue(actor=SYSTEM, survey=survey, count=1)[0],
        raw=answers_for(survey),
    )
    client = cast.client("city_admin")
    found = client.get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert found["union"]["responses"] == 1 and found["union"]["satisfaction"] == "100.0"
    page = client.get(f"/staff/surveys/{survey.pk}/?union=GA")
    assert page.status_code == 200
