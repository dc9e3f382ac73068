"""API: bearer tokens and the caller's own account (no future annotations: ninja reads them).

A token is issued for the username (or phone, or a member's ID number) and password, and,
when the account's roles need the second factor (``STAFF_MFA_REQUIRED``), a code of the
authenticator app or a recovery code in ``otp``: without it the answer is ``otp_required``.
The lock-out holds here as on the login page (429 ``locked``).
"""

from datetime import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from zhigong.accounts import lockout, selectors
from zhigong.accounts.models import ApiToken, User
from zhigong.accounts.services import api_token_create, api_token_revoke
from zhigong.accounts.services.second_factor import token_second_factor
from zhigong.core.errors import DomainError
from zhigong.core.schemas import InputSchema, error_response_docs
from zhigong.core.views import AuthenticatedRequest

router = Router(tags=["账号 accounts"])


class TokenIn(InputSchema):
    username: str
    password: str
    otp: str = Field("", description="身份验证器的 6 位数字或一个恢复码；角色要求两步验证时必填")
    name: str = Field("", max_length=64, description="令牌的名称，便于在令牌列表中辨认")


class TokenOut(Schema):
    id: int
    token: str
    token_type: str = "Bearer"
    expires_at: datetime
    second_factor: bool


class TokenInfoOut(Schema):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    second_factor: bool
    status: str = Field(description="live, revoked, expired, stale（此后改过密码）")
    revoked_at: datetime | None
    revoked_reason: str
    current: bool = Field(description="本次请求所用的令牌")


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


@router.post(
    "/auth/token",
    auth=None,
    response=TokenOut,
    summary="用户名（或手机号、身份证号）、密码（及两步验证码）换取令牌",
    openapi_extra={"responses": error_response_docs(429)},
)
def token_obtain(request: HttpRequest, payload: TokenIn) -> TokenOut:
    user = authenticate(request, username=payload.username, password=payload.password)
    if lockout.was_locked(request):
        raise lockout.AccountLocked()
    if not isinstance(user, User):
        raise DomainError(_("用户名或密码不正确。"), code="bad_credentials")
    second_factor = token_second_factor(user, payload.otp)
    token, key = api_token_create(
        actor=user, user=user, second_factor=second_factor, name=payload.name
    )
    return TokenOut(
        id=token.pk, token=key, expires_at=token.expires_at, second_factor=second_factor
    )


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


@router.get("/me/tokens", response=list[TokenInfoOut], summary="我的令牌（最近 50 个）")
def my_tokens(request: AuthenticatedRequest) -> list[TokenInfoOut]:
    current = getattr(request.user, "api_token", None)
    return [
        _token_info(token, current=current is not None and current.pk == token.pk)
        for token in selectors.tokens_of(request.user)
    ]


@router.delete("/me/tokens/{int:token_id}", response={204: None}, summary="撤销我的一个令牌")
def my_token_revoke(request: AuthenticatedRequest, token_id: int) -> Status[None]:
    token = selectors.token_get_own(request.user, token_id)
    api_token_revoke(actor=request.user, token=token)
    return Status(204, None)


def _token_info(token: ApiToken, *, current: bool) -> TokenInfoOut:
    return TokenInfoOut(
        id=token.pk,
        name=token.name,
        created_at=token.created_at,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        second_factor=token.second_factor,
        status=token.status,
        revoked_at=token.revoked_at,
        revoked_reason=token.revoked_reason,
        current=current,
    )
