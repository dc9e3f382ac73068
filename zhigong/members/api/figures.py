"""API: member figures of a union subtree (no future annotations: django-ninja reads them at
run time). Unknown and out-of-scope unions are both 404."""

from django.http import HttpRequest
from ninja import Router, Schema

from zhigong.members.figures import tables as figures

router = Router(tags=["会员 members"])


class UnionRef(Schema):
    code: str
    name: str


class FiguresOut(Schema):
    union: UnionRef
    status: dict[str, int]
    gender: dict[str, int]
    age_band: dict[str, int]
    political_status: dict[str, int]
    education: dict[str, int]


@router.get(
    "/members/figures",
    response=FiguresOut,
    summary="会员统计（工会及其全部下级）",
    description=(
        "Counts for the union's whole subtree. `status` counts every member; the other "
        "dimensions count active members only. Keys are codes (e.g. `male`, `under_25`, "
        "`unknown` for a blank field). Without `union`, the top of the caller's member.view "
        "scope."
    ),
)
def member_figures(request: HttpRequest, union: str = "") -> dict[str, object]:
    found = figures.figures_union(user=request.user, code=union.strip())
    return {"union": {"code": found.code, "name": found.name}, **figures.figures_full(found)}
