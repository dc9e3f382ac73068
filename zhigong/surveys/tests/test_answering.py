"""Answering: checked against the questions, one response per member and account, one per
one-time code; a card read at the desk; the satisfaction rate and the results."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.events.tests.conftest import card_number, make_member, user_of
from zhigong.surveys import results, satisfaction
from zhigong.surveys.exports import results_export
from zhigong.surveys.models import Response, SurveyCode
from zhigong.surveys.services.answering import answer_by_card, answer_by_code, answer_by_login
from zhigong.surveys.services.organise import codes_issue, survey_move, survey_update
from zhigong.surveys.tests.conftest import answers_for
from zhigong.surveys.tests.routes import survey_input

pytestmark = pytest.mark.django_db


def test_a_member_answers_once(cast, survey):
    member = cast.users["member"]
    response = answer_by_login(actor=member, survey=survey, raw=answers_for(survey))
    assert response.member == cast.members["GA"] and response.union == cast.unions["GA"]
    with pytest.raises(Conflict) as refused:
        answer_by_login(actor=member, survey=survey, raw=answers_for(survey, satisfied=3))
    assert "只能答一次" in str(refused.value.message)
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_database_holds_one_response_per_member(cast, survey):
    from django.db import IntegrityError, transaction

    Response.objects.create(
        survey=survey, union=survey.union, channel="login", member=cast.members["GA"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            survey=survey, union=survey.union, channel="card", member=cast.members["GA"]
        )


@pytest.mark.parametrize(
    ("raw_of", "words"),
    [
        (lambda s: {}, "必答"),
        (lambda s: answers_for(s, satisfied=9), "不在选项"),
        (lambda s: answers_for(s, rating="6"), "不在选项"),
        (lambda s: answers_for(s, rating="x"), "不在选项"),
        (
            lambda s: {**answers_for(s), str(s.questions.get(position=1).pk): ["0", "1"]},
            "只能选一项",
        ),
        (lambda s: answers_for(s, p3=["0", "0"]), "只能选一项"),
        (lambda s: answers_for(s, p4=["长" * 2001]), "不能超过"),
    ],
)
def test_answers_are_checked_against_the_questions(cast, survey, raw_of, words):
    with pytest.raises(DomainError) as refused:
        answer_by_login(actor=cast.users["member"], survey=survey, raw=raw_of(survey))
    assert words in str(refused.value.message)
    assert not Response.objects.exists()


def test_outside_the_period_or_closed_no_answer(cast, survey):
    survey.opens_at = timezone.now() + dt.timedelta(days=1)
    survey.closes_at = survey.opens_at + dt.timedelta(days=1)
    survey.save()
    with pytest.raises(DomainError, match="不接受答卷"):
        answer_by_login(actor=cast.users["member"], survey=survey, raw=answers_for(survey))


def test_only_a_member_answers_a_centre_survey(cast, survey):
    with pytest.raises(DomainError, match="不在该测评的范围内"):
        answer_by_login(actor=cast.users["outsider"], survey=survey, raw=answers_for(survey))


def test_a_one_time_code_is_used_once(cast, survey):
    token = codes_issue(actor=SYSTEM, survey=survey, count=3)[0]
    assert SurveyCode.objects.filter(survey=survey).count() == 3
    assert not SurveyCode.objects.filter(digest=token).exists()  # stored hashed only
    response = answer_by_code(actor=SYSTEM, token=token, raw=answers_for(survey))
    assert response.channel == "code" and response.union == survey.union
    with pytest.raises(Conflict, match="已使用过"):
        answer_by_code(actor=SYSTEM, token=token, raw=answers_for(survey))
    with pytest.raises(DomainError, match="测评码无效"):
        answer_by_code(actor=SYSTEM, token="nope", raw=answers_for(survey))
    assert Response.objects.count() == 1


def test_a_refused_answer_leaves_the_code_unused(cast, survey):
    token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
    with pytest.raises(DomainError):
        answer_by_code(actor=SYSTEM, token=token, raw={})
    assert SurveyCode.objects.get().used_at is None


def test_the_desk_reads_a_card(cast, survey):
    member = make_member(cast, "GA")
    staff = cast.users["street_staff"]
    response = answer_by_card(
        actor=staff, survey=survey, raw=answers_for(survey), number=card_number(member)
    )
    assert response.member == member and response.entered_by == staff
    with pytest.raises(Conflict):
        answer_by_card(
            actor=staff, survey=survey, raw=answers_for(survey), number=card_number(member)
        )
    with pytest.raises(DomainError, match="会员卡无效"):
        answer_by_card(actor=staff, survey=survey, raw=answers_for(survey), number="1234")
    # the member, having answered at the desk, cannot answer again online
    with pytest.raises(Conflict):
        answer_by_login(actor=user_of(member), survey=survey, raw=answers_for(survey))


def test_another_districts_staff_cannot_touch_a_survey(cast, survey):
    other = cast.users["other_admin"]
    member = make_member(cast, "GA")
    for call in (
        lambda: answer_by_card(
            actor=other, survey=survey, raw=answers_for(survey), number=card_number(member)
        ),
        lambda: codes_issue(actor=other, survey=survey, count=5),
        lambda: survey_move(actor=other, survey=survey, step="close"),
        lambda: results_export(actor=other, survey=survey, stream=io.BytesIO()),
    ):
        with pytest.raises(NotFound):
            call()
    assert not Response.objects.exists() and not SurveyCode.objects.exists()
    survey.refresh_from_db()
    assert survey.status == "open"


def test_an_open_survey_is_not_edited(cast, survey):
    with pytest.raises(DomainError, match="不能再修改"):
        survey_update(actor=cast.users["street_staff"], survey=survey, data=survey_input("新标题"))


def test_satisfaction_rate_is_exact():
    assert satisfaction.rate({}) is None
    assert satisfaction.rate({"0": 1, "1": 1, "2": 1}) == Decimal(200) / Decimal(3)
    assert satisfaction.rate({"0": 3, "1": 3, "2": 2, "3": 2}) == Decimal(60)
    assert satisfaction.rate({"2": 5}) == Decimal(0)


def test_results_per_subtree(cast, survey):
    answer_by_login(actor=cast.users["member"], survey=survey, raw=answers_for(survey, satisfied=0))
    for satisfied in (1, 2, 3):
        token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
        answer_by_code(
            actor=SYSTEM, token=token, raw=answers_for(survey, satisfied=satisfied, rating="3")
        )
    assert satisfaction.survey_rate(survey) == Decimal(50)
    assert satisfaction.survey_rate(survey, cast.unions["GA"]) == Decimal(100)
    summary = results.summary(survey, cast.unions["SA"])
    assert summary.responses == 4 and summary.satisfaction == Decimal(50)
    [ga] = summary.children
    assert (ga.union, ga.responses, ga.satisfaction) == (cast.unions["GA"], 1, Decimal(100))
    rating = next(avg for q, _c, avg in summary.questions if q.kind == "rating")
    assert rating == Decimal("3.50")
    # the counts kept as answers came equal a recount from the answers
    before = results.counts(survey, cast.unions["CITY"])
    results.rebuild(survey)
    assert results.counts(survey, cast.unions["CITY"]) == before


def test_the_summary_takes_a_fixed_few_queries(cast, survey):
    for _n in range(5):
        token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
        answer_by_code(actor=SYSTEM, token=token, raw=answers_for(survey))
    with CaptureQueriesContext(connection) as few:
        results.summary(survey, cast.unions["CITY"])
    for _n in range(5):
        answer_by_login(
            actor=user_of(make_member(cast, "GA")), survey=survey, raw=answers_for(survey)
        )
    with CaptureQueriesContext(connection) as more:
        results.summary(survey, cast.unions["CITY"])
    assert len(few) == len(more) <= 4


def test_the_export_never_writes_a_formula(cast, survey):
    evil = '=HYPERLINK("http://evil.example","点我")'
    token = codes_issue(actor=SYSTEM, survey=survey, count=1)[0]
    answer_by_code(actor=SYSTEM, token=token, raw=answers_for(survey, p4=[evil]))
    stream = io.BytesIO()
    assert results_export(actor=cast.users["district_admin"], survey=survey, stream=stream) == 1
    book = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    rows = CalamineWorkbook.from_filelike(io.BytesIO(stream.getvalue())).get_sheet_by_index(0)
    assert evil in rows.to_python()[1]  # the words, as text
