"""``Idempotency-Key`` for the API routes that create things (anchors AV-4; the IETF draft
"The Idempotency-Key HTTP Header Field").

A route opts in under its router decorator::

    @router.post("/cases", response={201: CaseOut})
    @idempotent
    def case_create(request, payload: CaseIn) -> ...: ...

A client sends ``Idempotency-Key: <a unique string>`` with the POST and may send the same
request again (a retry after a timeout, a double tap) with the same key:

- the first request runs, in one transaction with the row that holds its key
  (``IdempotencyKey``: user, route, key, a hash of the request) and, when it succeeds (2xx),
  its answer;
- the same key and the same request within ``IDEMPOTENCY_KEY_HOURS`` (24) gets that answer
  again, status and body, with ``Idempotent-Replayed: true``, and nothing runs twice;
- the same key with a different request (another body, path or query) is a 422
  ``idempotency_key_reused``;
- two requests with the same key at the same moment cannot both run: the database's unique
  constraint makes the second wait for the first one's transaction, and then it gets the
  replay; a key held by a request that is still running in another transaction is a 409
  ``idempotency_in_progress``;
- an answer that is not a success is not kept (the whole transaction rolls back), so the
  client may correct the request and retry with the same key;
- without the header the route runs as usual, unless it says ``@idempotent(required=True)``
  (then 400 ``idempotency_key_required``). A malformed key (not 1-255 visible ASCII
  characters) is a 400 ``idempotency_key_invalid``.

Keys belong to a user, so only routes that need a credential can use them. The route runs in
one transaction: services that commit in batches (streaming imports) should queue a job
from an idempotent route, not run inside it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar, overload

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.decorators import decorate_view
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

from zhigong.core.errors import Conflict, DomainError
from zhigong.core.models import IdempotencyKey
from zhigong.core.schemas import error_response_docs

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = r"^[!-~]{1,255}$"  # visible ASCII, no spaces
_KEY = re.compile(r"[!-~]{1,255}")
_CLAIM_ATTR = "_zhigong_idempotency_claim"

F = TypeVar("F", bound=Callable[..., Any])


class IdempotencyKeyInvalid(DomainError):
    code = "idempotency_key_invalid"
    default_message = _("Idempotency-Key 须为 1 至 255 个可见的 ASCII 字符。")


class IdempotencyKeyRequired(DomainError):
    code = "idempotency_key_required"
    default_message = _("此操作须带 Idempotency-Key 请求头。")


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status = 422
    default_message = _("该 Idempotency-Key 已用于另一个不同的请求，请换一个新的键。")


class IdempotencyInProgress(Conflict):
    code = "idempotency_in_progress"
    default_message = _("使用该 Idempotency-Key 的请求正在处理中，请稍后再试。")


def _fingerprint(request: HttpRequest) -> str:
    """The request as a hash: method, path, query and body (JSON compared by value, so the
    order of keys and the spacing do not matter)."""
    digest = hashlib.sha256()
    query = sorted(request.GET.lists())
    digest.update(f"{request.method}\n{request.path}\n{json.dumps(query)}\n".encode())
    try:
        raw = request.body
    except RawPostDataException:  # a form already read from the stream
        form = sorted(request.POST.lists())
        files = sorted(
            (name, f.name, f.size) for name, found in request.FILES.lists() for f in found
        )
        raw = json.dumps([form, files], default=str).encode()
    else:
        with contextlib.suppress(ValueError):  # not JSON: the bytes as they came
            raw = json.dumps(
                json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode()
    digest.update(raw)
    return digest.hexdigest()


def _replay(found: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        found.body, status=found.response_status, content_type=found.content_type
    )
    response[REPLAYED_HEADER] = "true"
    return response


def _claim_or_replay(request: HttpRequest, key: str) -> HttpResponse | None:
    """Take the key for this request (None: go on and run the route), or answer from the
    request that took it before."""
    user: Any = request.user
    match = request.resolver_match
    route = f"{request.method} {match.route if match else request.path}"[:255]
    fingerprint = _fingerprint(request)
    now = timezone.now()
    expired = now - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    mine = IdempotencyKey.objects.filter(user=user, route=route, key=key)
    mine.filter(created_at__lt=expired).delete()
    try:
        with transaction.atomic():
            claim = IdempotencyKey.objects.create(
                user=user, route=route, key=key, request_hash=fingerprint, created_at=now
            )
    except IntegrityError:
        # Taken: on PostgreSQL the insert waited for the other transaction to finish.
        found = mine.get()
        if found.request_hash != fingerprint:
            raise IdempotencyKeyReused() from None
        if found.response_status is None:
            raise IdempotencyInProgress() from None
        return _replay(found)
    setattr(request, _CLAIM_ATTR, claim)
    return None


def _run_in_one_transaction(
    run: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Wrap an operation's ``run`` (authentication, validation, the route, the answer): with
    a key, all of it in one transaction with the key's row, and the answer kept on success."""

    @functools.wraps(run)
    def run_once(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        if HEADER not in request.headers:
            return run(request, **kwargs)
        with transaction.atomic():
            response = run(request, **kwargs)
            claim: IdempotencyKey | None = getattr(request, _CLAIM_ATTR, None)
            if claim is None:
                return response  # a replay, or refused before the route ran
            if 200 <= response.status_code < 300 and isinstance(response, HttpResponse):
                claim.response_status = response.status_code
                claim.content_type = response.get("Content-Type", "")
                claim.body = response.content.decode(response.charset or "utf-8")
                claim.save(update_fields=["response_status", "content_type", "body"])
            else:
                transaction.set_rollback(True)  # nothing kept: the client may retry
            return response

    return run_once


def _document(operation: Operation, *, required: bool) -> None:
    """The header and the 409 in the operation's OpenAPI entry."""
    parameter = {
        "in": "header",
        "name": HEADER,
        "required": required,
        "description": "A unique string per intended request: a repeat with the same key "
        "within 24 h gets the first answer instead of running again.",
        "schema": {"type": "string", "pattern": KEY_PATTERN, "maxLength": 255},
    }
    extra = operation.openapi_extra or {}
    extra.setdefault("parameters", []).append(parameter)
    extra.setdefault("responses", {}).update(error_response_docs(409))
    operation.openapi_extra = extra


@overload
def idempotent(func: F, /) -> F: ...


@overload
def idempotent(*, required: bool = False) -> Callable[[F], F]: ...


def idempotent(func: F | None = None, /, *, required: bool = False) -> F | Callable[[F], F]:
    """Make an API operation honour ``Idempotency-Key`` (see the module's docstring)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def once(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            raw = request.headers.get(HEADER)
            if raw is None:
                if required:
                    raise IdempotencyKeyRequired(fields={HEADER: _("请提供。")})
                return view(request, *args, **kwargs)
            if not _KEY.fullmatch(raw):
                raise IdempotencyKeyInvalid(fields={HEADER: _("格式不正确。")})
            if not request.user.is_authenticated:
                raise ImproperlyConfigured(
                    "an idempotent route needs a credential: keys are per user"
                )
            replay = _claim_or_replay(request, raw)
            if replay is not None:
                return replay
            return view(request, *args, **kwargs)

        contribute_operation_callback(once, functools.partial(_document, required=required))
        decorate_view(_run_in_one_transaction)(once)
        return once  # type: ignore[return-value]

    if func is not None:
        return decorate(func)
    return decorate


def purge_expired() -> int:
    """Remove keys past their lifetime (the periodic job calls this)."""
    expired = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=expired).delete()
    return deleted
