"""The surveys API: for staff, the surveys of their scope and a survey's results per union
(``?union=`` a union of the survey's subtree: its counts, and each union directly below with
its satisfaction); for respondents, the surveys I may answer and answering one; for a
walk-in visitor's phone, answering with a one-time code (no login; the code in the body).

Rates are percentages as strings with one decimal (``"85.3"``), rounded only for showing."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from zhigong.core.actors import SYSTEM
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.surveys import results, selectors, targets
from zhigong.surveys.models import Question, Survey
from zhigong.surveys.services.answering import already_answered, answer_by_code, answer_by_login
from zhigong.unions import policy
from zhigong.unions.roles import Perm

router = Router(tags=["满意度测评 surveys"])


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: str
    required: bool
    choices: list[str]
    is_satisfaction: bool


class SurveyOut(Schema):
    id: int
    title: str
    intro: str
    union: str
    target_kind: str
    target_label: str
    opens_at: datetime
    closes_at: datetime
    status: str
    questions: list[QuestionOut]

    @staticmethod
    def resolve_union(obj: Survey) -> str:
        return obj.union.name

    @staticmethod
    def resolve_target_label(obj: Survey) -> str:
        return targets.label_of(obj.target_kind)

    @staticmethod
    def resolve_questions(obj: Survey) -> list[Question]:
        return list(obj.questions.order_by("position"))


class UnionResultOut(Schema):
    code: str
    name: str
    responses: int
    satisfaction: str | None


class QuestionResultOut(Schema):
    id: int
    counts: dict[str, int]
    average: str | None


class ResultsOut(Schema):
    survey: int
    union: UnionResultOut
    questions: list[QuestionResultOut]
    children: list[UnionResultOut]


class AnswerIn(InputSchema):
    # Missing answers are the service's to name (a 400 per question), not a 422.
    answers: dict[str, list[str]] = {}


class CodeAnswerIn(AnswerIn):
    code: str = ""


class AnsweredOut(Schema):
    id: int
    survey: int


def _rate(value: Any) -> str | None:
    shown = results.shown(value)
    return str(shown) if shown is not None else None


@router.get("", response=list[SurveyOut], summary="本人范围内的测评（工作人员）")
@paginate(PageNumberPagination, page_size=20)
def surveys_list(request: HttpRequest) -> Any:
    if not policy.holds(request.user, Perm.SURVEY_VIEW):
        return Survey.objects.none()
    return selectors.staff_surveys(request.user)


@router.get("/offered", response=list[SurveyOut], summary="我可以参加的测评")
def surveys_offered(request: HttpRequest) -> Any:
    return [s for s in selectors.offered(request.user) if not already_answered(s, request.user)]


@router.get(
    "/{int:survey_id}/results",
    response=ResultsOut,
    summary="测评结果（按工会及其直属下级）",
    description="Counts per question (ratings '1'–'5', choice indexes '0'…, 'text' for the "
    "written answers) at the union (`union`: a code in the survey's subtree; default the "
    "survey's own), and each union directly below with its responses and satisfaction rate.",
)
def surveys_results(request: HttpRequest, survey_id: int, union: str = "") -> Any:
    survey = selectors.staff_survey(request.user, survey_id)
    found = selectors.results_union(request.user, survey, union)
    summary = results.summary(survey, found)
    return {
        "survey": survey.pk,
        "union": {
            "code": found.code,
            "name": found.name,
            "responses": summary.responses,
            "satisfaction": _rate(summary.satisfaction),
        },
        "questions": [
            {"id": q.pk, "counts": counts, "average": str(avg) if avg is not None else None}
            for q, counts, avg in summary.questions
        ],
        "children": [
            {
                "code": row.union.code,
                "name": row.union.name,
                "responses": row.responses,
                "satisfaction": _rate(row.satisfaction),
            }
            for row in summary.children
        ],
    }


@router.get("/{int:survey_id}", response=SurveyOut, summary="测评详情（工作人员，或可参加的人）")
def surveys_detail(request: HttpRequest, survey_id: int) -> Any:
    if policy.holds(request.user, Perm.SURVEY_VIEW):
        found = selectors.staff_surveys(request.user).filter(pk=survey_id).first()
        if found is not None:
            return found
    return selectors.offered_survey(request.user, survey_id)


@router.post(
    "/{int:survey_id}/answer",
    response={201: AnsweredOut},
    summary="提交答卷（每人一次）",
    description="`answers`: per question id, a list of values (a rating '1'–'5', the "
    "indexes of the chosen choices) or of one text. A second answer is a 409.",
)
def surveys_answer(request: AuthenticatedRequest, survey_id: int, payload: AnswerIn) -> Any:
    survey = selectors.offered_survey(request.user, survey_id)
    response = answer_by_login(actor=request.user, survey=survey, raw=payload.answers)
    return Status(201, {"id": response.pk, "survey": survey.pk})


@router.post(
    "/code-answer",
    response={201: AnsweredOut},
    auth=None,
    summary="凭一次性测评码提交答卷（无需登录）",
    description="The one-time code printed on the centre's sheet (in the body, never in the "
    "address); a used code is a 409, an unknown one a 400.",
)
def surveys_code_answer(request: HttpRequest, payload: CodeAnswerIn) -> Any:
    response = answer_by_code(actor=SYSTEM, token=payload.code, raw=payload.answers)
    return Status(201, {"id": response.pk, "survey": response.survey_id})
