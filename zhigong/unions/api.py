"""API: the union tree, scoped. Unknown and out-of-scope codes are both 404.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from zhigong.core.pagination import PageNumberPagination
from zhigong.core.schemas import InputSchema
from zhigong.unions import selectors
from zhigong.unions.models import Union

router = Router(tags=["工会组织 unions"])


class UnionOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    region_code: str
    is_active: bool
    parent_code: str | None
    depth: int
    child_count: int

    @staticmethod
    def resolve_kind_label(obj: Union) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_child_count(obj: Union) -> int:
        return int(obj.numchild)

    @staticmethod
    def resolve_parent_code(obj: Union) -> str | None:
        return getattr(obj, "parent_code", None)


class CrumbOut(Schema):
    code: str
    name: str
    visible: bool


class UnionDetailOut(UnionOut):
    breadcrumbs: list[CrumbOut]


class UnionFilter(InputSchema):
    q: str = ""
    kind: str = ""


@router.get("", response=list[UnionOut], summary="在权限范围内搜索工会")
@paginate(PageNumberPagination, page_size=50)
def union_search(request: HttpRequest, filters: Query[UnionFilter]) -> list[Union]:
    return selectors.union_list(user=request.user, query=filters.q, kind=filters.kind)  # type: ignore[return-value]


@router.get("/{code}", response=UnionDetailOut, summary="工会详情")
def union_detail(request: HttpRequest, code: str) -> Union:
    union = selectors.union_get(user=request.user, code=code)
    crumbs = selectors.union_breadcrumbs(user=request.user, union=union)
    union.parent_code = crumbs[-2].code if len(crumbs) > 1 else None
    union.breadcrumbs = crumbs
    return union


@router.get("/{code}/children", response=list[UnionOut], summary="直接下级工会")
@paginate(PageNumberPagination, page_size=100)
def union_children(request: HttpRequest, code: str) -> list[Union]:
    union = selectors.union_get(user=request.user, code=code)
    return selectors.union_children(user=request.user, union=union)  # type: ignore[return-value]
