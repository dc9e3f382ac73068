"""API routes for members (no future annotations: django-ninja reads them at run time).

Every output schema carries masked ID numbers and phones only; the one exception is the
reveal response, which is a deliberate, permission-checked and logged act. Personal data
never travel in an address (DESIGN §3.2): an exact look-up by ID number or phone is POSTed
to ``/members/lookup``, and the list refuses them as query parameters. Card verification is
answered only to a card-verifier credential (header ``X-Verifier-Key``): bearer tokens and
sessions of people cannot use it.
"""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import APIKeyHeader

from zhigong.core.api import answered_as_built
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.idnumber import normalise as normalise_id_number
from zhigong.core.labels import choice_label
from zhigong.core.pagination import PageNumberPagination
from zhigong.core.phones import normalise_mobile
from zhigong.core.schemas import InputSchema
from zhigong.core.views import AuthenticatedRequest
from zhigong.members import selectors
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.models import Member, MemberCard
from zhigong.members.services import cards
from zhigong.members.services.reveal import member_reveal
from zhigong.unions import policy
from zhigong.unions.roles import Perm

router = Router(tags=["会员 members"])


class MemberOut(Schema):
    # The lists (``GET /members``, ``POST /members/lookup``) answer through ``member_out``
    # below, made to give exactly this schema's JSON: a field changed here changes there.
    id: int
    name: str
    gender: str
    id_number: str  # masked
    phone: str  # masked
    ethnicity: str
    political_status: str
    education: str
    job: str
    union_code: str
    union_name: str
    status: str
    status_label: str
    joined_on: date

    @staticmethod
    def resolve_id_number(obj: Member) -> str:
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj: Member) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_union_code(obj: Member) -> str:
        return obj.union.code

    @staticmethod
    def resolve_union_name(obj: Member) -> str:
        return obj.union.name

    @staticmethod
    def resolve_status_label(obj: Member) -> str:
        return choice_label(MemberStatus, obj.status)


# What a list row of ``MemberOut`` reads, in the schema's order (``status_label`` is made from
# ``status``): the lists read these values only, not 50 model instances and their unions.
_ROW_COLUMNS = (
    "id",
    "name",
    "gender",
    "id_number_masked",
    "phone_masked",
    "ethnicity",
    "political_status",
    "education",
    "job",
    "union__code",
    "union__name",
    "status",
    "joined_on",
)


def member_rows(members: QuerySet[Member]) -> QuerySet[Any]:
    """The members of a list as tuples of ``_ROW_COLUMNS`` (``member_out`` makes each a row
    of the answer); slicing and counting work on it as on ``members``."""
    return members.values_list(*_ROW_COLUMNS)


def member_out(row: tuple[Any, ...]) -> dict[str, Any]:
    """One row of ``list[MemberOut]`` as the JSON values ``MemberOut`` gives for the same
    member (the lists' one path from a row to the answer; ``tests/test_fast_api.py`` holds
    the answers byte for byte equal, in both languages): the masked numbers only, the label
    in the request's language, the date as ISO."""
    (
        pk,
        name,
        gender,
        id_number,
        phone,
        ethnicity,
        political,
        education,
        job,
        union_code,
        union_name,
        status,
        joined_on,
    ) = row
    return {
        "id": pk,
        "name": name,
        "gender": gender,
        "id_number": id_number,
        "phone": phone,
        "ethnicity": ethnicity,
        "political_status": political,
        "education": education,
        "job": job,
        "union_code": union_code,
        "union_name": union_name,
        "status": status,
        "status_label": choice_label(MemberStatus, status),
        "joined_on": joined_on.isoformat(),
    }


class CardOut(Schema):
    number: str
    status: str
    status_label: str

    @staticmethod
    def resolve_status_label(obj: MemberCard) -> str:
        return str(obj.get_status_display())


class MemberDetailOut(MemberOut):
    card: CardOut | None = None

    @staticmethod
    def resolve_card(obj: Member) -> MemberCard | None:
        return selectors.member_current_card(obj)


class MemberFilter(InputSchema):
    name: str = Field("", max_length=150)
    union: str = Field("", max_length=64)
    status: str = Field("", max_length=16)
    card_number: str = Field("", max_length=32)


class LookupIn(InputSchema):
    """An exact look-up: an ID number (spaces and a lower-case x tolerated) or a phone
    (+86, spaces and dashes tolerated); both given means both must match."""

    id_number: str = Field("", max_length=32)
    phone: str = Field("", max_length=32)


class RevealIn(InputSchema):
    fields: list[str] = Field([], max_length=2)
    reason: str = Field("", max_length=500)


class RevealOut(Schema):
    id_number: str | None = None
    phone: str | None = None


class MyCardOut(Schema):
    number: str
    status: str
    status_label: str
    token: str | None  # the QR token, only while the card is active
    expires_in: int | None  # seconds the token stays valid


class VerifyOut(Schema):
    valid: bool
    name: str  # masked
    union: str


class MemberPagination(PageNumberPagination):
    """Page numbers as elsewhere, with the count found cheaply: a short first page is its own
    count (an exact look-up answers with one query for the rows instead of two), and with
    no filter but union and status the figures know it (``selectors.member_total``). It
    pages ``member_rows`` and gives the page's rows as ``member_out`` makes them (the
    routes answer them as built: ``core.api.answered_as_built``)."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        items = [member_out(row) for row in queryset[offset : offset + page_size]]
        filters = params.get("filters")
        if offset == 0 and len(items) < page_size:
            count = len(items)
        elif isinstance(filters, MemberFilter) and not (filters.name or filters.card_number):
            count = selectors.member_total(
                request.user, union_code=filters.union, status=filters.status
            )
        else:
            count = self._items_count(queryset)
        return {self.items_attribute: items, "count": count}


class VerifierKey(APIKeyHeader):
    """A merchant's or event desk's credential; people's tokens and sessions do not count."""

    param_name = "X-Verifier-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key:
            return None
        return cards.card_verifier_for_key(key)


# Query parameters that would put personal data into addresses (and so into access logs).
PERSONAL_QUERY_PARAMETERS = ("id_number", "phone")


class UseLookup(DomainError):
    code = "use_lookup"


@router.get(
    "/members",
    response=list[MemberOut],
    summary="在权限范围内查找会员（脱敏）",
    description="Filters: name (contains), union (a code: that union and below), status, "
    "card_number (exact). Look-ups by ID number or phone: `POST /members/lookup`; the query "
    "parameters `id_number` and `phone` are refused (400 `use_lookup`).",
)
@answered_as_built
@paginate(MemberPagination, page_size=50)
def member_search(request: HttpRequest, filters: Query[MemberFilter]) -> Any:
    if given := [p for p in PERSONAL_QUERY_PARAMETERS if p in request.GET]:
        raise UseLookup(
            _(
                "身份证号、手机号不能放在网址里（会被记入访问日志）："
                "请用 POST /api/v1/members/lookup，在请求正文中提交 "
                '{"id_number": …} 或 {"phone": …}。'
            ),
            fields={p: _("请改用 POST /api/v1/members/lookup。") for p in given},
        )
    if not policy.holds(request.user, Perm.MEMBER_VIEW):
        raise NotFound()
    return member_rows(
        selectors.member_list(
            request.user,
            name=filters.name,
            card_number=filters.card_number,
            union_code=filters.union,
            status=filters.status,
        )
    )


@router.post(
    "/members/lookup",
    response=list[MemberOut],
    summary="按身份证号或手机号精确查找会员（脱敏，号码在请求正文中）",
    description="The body holds the number, so it never lands in an address or an access "
    "log. Answers like `GET /members`, in the same scope (`member.view`; others get 404).",
)
@answered_as_built
@paginate(MemberPagination, page_size=50)
def member_lookup(request: HttpRequest, payload: LookupIn) -> Any:
    if not policy.holds(request.user, Perm.MEMBER_VIEW):
        raise NotFound()
    id_number = normalise_id_number(payload.id_number)
    phone = normalise_mobile(payload.phone)
    if not (id_number or phone):
        raise DomainError(
            _("请提供身份证号或手机号。"),
            code="lookup_empty",
            fields={"id_number": _("请填写身份证号或手机号。")},
        )
    return member_rows(selectors.member_list(request.user, id_number=id_number, phone=phone))


@router.get("/members/{int:member_id}", response=MemberDetailOut, summary="会员详情（脱敏）")
def member_detail(request: HttpRequest, member_id: int) -> Member:
    return selectors.member_get(request.user, member_id)


@router.post(
    "/members/{int:member_id}/reveal",
    response=RevealOut,
    summary="查看完整身份证号或手机号（须有权限和理由，记入查看记录）",
)
def member_reveal_api(
    request: AuthenticatedRequest, member_id: int, payload: RevealIn
) -> RevealOut:
    # Held but not yet verified: say so (the policy would otherwise answer 404 below).
    policy.require_second_factor(request.user, Perm.MEMBER_REVEAL)
    member = selectors.member_get(request.user, member_id, perm=Perm.MEMBER_REVEAL)
    values = member_reveal(
        actor=request.user,
        member=member,
        fields=payload.fields,
        reason=payload.reason,
        channel="api",
    )
    return RevealOut(**values)


@router.get("/me/member", response=MemberOut, summary="本人的会员资料（脱敏）")
def my_member(request: HttpRequest) -> Member:
    return selectors.member_of_user(request.user)


@router.get("/me/card", response=MyCardOut, summary="本人的会员卡与当前二维码令牌")
def my_card(request: HttpRequest) -> MyCardOut:
    member = selectors.member_of_user(request.user)
    card = selectors.member_current_card(member)
    if card is None:
        raise NotFound()
    active = card.status == CardStatus.ACTIVE and member.status == MemberStatus.ACTIVE
    return MyCardOut(
        number=card.number,
        status=card.status,
        status_label=str(card.get_status_display()),
        token=cards.card_token(card) if active else None,
        expires_in=cards.card_token_expires_in() if active else None,
    )


@router.get(
    "/cards/verify",
    auth=VerifierKey(),
    response=VerifyOut,
    summary="验卡：仅回答是否有效、脱敏姓名和所属工会（验卡终端密钥）",
)
def card_verify(request: HttpRequest, token: str = "") -> VerifyOut:
    result = cards.card_verify(token)
    if not result.valid:
        return VerifyOut(valid=False, name="", union="")
    return VerifyOut(valid=True, name=result.name, union=result.union)
