"""API: case figures of a union subtree (no future annotations: django-ninja reads them at run
time). Unknown and out-of-scope unions are both 404."""

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from zhigong.cases import figure_tables, figures
from zhigong.cases.api.common import router


class UnionRef(Schema):
    code: str
    name: str


class SummaryOut(Schema):
    received: int
    open: int
    replied: int
    closed: int
    replied_on_time: int
    replied_late: int
    on_time_share: float | None
    overdue: int
    escalated: int
    escalated_by_deadline: int
    median_reply_days: float | None
    rated: int
    rating_average: float | None
    satisfied_share: float | None


class CaseFiguresOut(Schema):
    union: UnionRef
    summary: SummaryOut
    counts: dict[str, dict[str, int]]


@router.get(
    "/figures",
    response=CaseFiguresOut,
    summary="维权与咨询统计（工会及其全部下级）",
    description="Cases counted under the requester's union (a worker who is not a member: "
    "the district they chose), for the union's whole subtree. `counts` holds every "
    "dimension by code: kind, category, channel, status, on_time (yes/no, the first answer "
    "within its deadline), overdue, escalated (handler/deadline), reply_days (working days "
    "to the first answer; 30 holds 30 and more), rating (1-5). Without `union`, the top of "
    "the caller's case.view scope.",
)
def case_figures(request: HttpRequest, union: str = "") -> dict[str, Any]:
    found = figure_tables.figures_union(user=request.user, code=union.strip())
    counts = figures.of_union(found)
    summary = figure_tables.summary(counts)
    return {
        "union": {"code": found.code, "name": found.name},
        "summary": {
            **summary.__dict__,
            "on_time_share": summary.on_time_share,
            "satisfied_share": summary.satisfied_share,
        },
        "counts": counts,
    }
