"""API: bearer tokens and the caller's own account (no future annotations: ninja reads them)."""

from datetime import datetime

from axes.helpers import get_lockout_message
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from zhigong.accounts import selectors
from zhigong.accounts.services import api_token_create
from zhigong.core.errors import DomainError
from zhigong.core.schemas import InputSchema, error_response_docs

router = Router(tags=["账号 accounts"])


class TokenIn(InputSchema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime


class GrantOut(Schema):
    union_code: str
    union_name: str
    role: str
    role_label: str
    department: str | None


class MeOut(Schema):
    username: str
    full_name: str
    phone: str  # masked
    grants: list[GrantOut]


class AccountLocked(DomainError):
    code = "locked"
    status = 429


@router.post(
    "/auth/token",
    auth=None,
    response=TokenOut,
    summary="用户名（或手机号）和密码换取令牌",
    openapi_extra={"responses": error_response_docs(429)},
)
def token_obtain(request: HttpRequest, payload: TokenIn) -> TokenOut:
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise AccountLocked(_("登录失败次数过多，账号已锁定 15 分钟。") or get_lockout_message())
    if user is None:
        raise DomainError(_("用户名或密码不正确。"), code="bad_credentials")
    token, key = api_token_create(user=user)
    return TokenOut(token=key, expires_at=token.expires_at)


@router.get("/me", response=MeOut, summary="当前用户与其角色")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    grants = [
        GrantOut(
            union_code=g.union.code,
            union_name=g.union.name,
            role=g.role,
            role_label=g.get_role_display(),
            department=g.department.name if g.department else None,
        )
        for g in selectors.grants_of(user)  # type: ignore[arg-type]
    ]
    return MeOut(
        username=user.username,
        full_name=user.full_name,  # type: ignore[union-attr]
        phone=user.phone_masked,  # type: ignore[union-attr]
        grants=grants,
    )
