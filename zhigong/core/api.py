"""The one NinjaAPI at /api/v1/: authentication, and errors as JSON with a code and a message.

Each app's routers are mounted on it by the composition root, ``config/api.py``.

Errors always have the shape ``{"code": ..., "message": ..., "fields": {...}}``; the message
follows the request's language (Accept-Language, or the language cookie). The OpenAPI
document lists that shape (``ErrorOut``) under every operation for the errors every operation
can give (400, 404, 422, and 401 where a credential is needed); an operation adds its own
(``core.schemas.error_response_docs``), and gives every string input the no-NUL pattern. The
document and the interactive docs are public only when ``settings.API_DOCS_PUBLIC`` says so
(off in production): otherwise they are a 404. An address under /api/ that no route takes is
a JSON 404 too (``not_found``, mounted last by ``config/urls.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, SessionAuth

from zhigong.core.errors import DomainError
from zhigong.core.schemas import ErrorOut, error_response_docs


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>``. Which account a key belongs to is the accounts app's
    business: ``settings.API_TOKEN_RESOLVER`` names the function (``core`` imports no domain
    app)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = _token_resolver()(token)
        if user is not None:
            request.user = user
        return user


class SessionCookie(SessionAuth):
    """The browser's own session (pages calling the API). Django's CSRF check applies to it,
    and only to it: a request that carries no session cookie (a bearer token that failed, or
    nothing at all) is "not authenticated" (401), not a CSRF refusal (403)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        key: str | None = super()._get_key(request)
        return key


@functools.cache
def _token_resolver() -> Callable[[str], Any]:
    resolver: Callable[[str], Any] = import_string(settings.API_TOKEN_RESOLVER)
    return resolver


class PlatformAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document lists the error answers of every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = (
            ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        components = schema["components"]["schemas"]
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                statuses = [400, 404, 422]
                if operation.get("security"):
                    statuses.append(401)
                    if method != "get":  # a session cookie without its CSRF token
                        statuses.append(403)
                responses = operation["responses"]
                for status, entry in error_response_docs(*statuses).items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = entry
                for parameter in operation.get("parameters", []):
                    _no_nul(parameter.get("schema", {}), components)
                for content in operation.get("requestBody", {}).get("content", {}).values():
                    _no_nul(content.get("schema", {}), components)
        return schema


# Text inputs never hold a NUL (``core.middleware.RefuseNulMiddleware`` answers 400): the
# document says so on every string a client sends.
NO_NUL = "^[^\\x00]*$"


def _no_nul(node: Any, components: dict[str, Any], seen: set[str] | None = None) -> None:
    """Give every string of an input schema (following references) the no-NUL pattern."""
    seen = set() if seen is None else seen
    if isinstance(node, list):
        for item in node:
            _no_nul(item, components, seen)
        return
    if not isinstance(node, dict):
        return
    if ref := node.get("$ref"):
        name = ref.rsplit("/", 1)[-1]
        if name not in seen and name in components:
            seen.add(name)
            _no_nul(components[name], components, seen)
        return
    if node.get("type") == "string" and "pattern" not in node and "format" not in node:
        node["pattern"] = NO_NUL
    for key in ("properties", "items", "anyOf", "oneOf", "allOf", "additionalProperties"):
        child = node.get(key)
        if isinstance(child, dict) and key == "properties":
            for value in child.values():
                _no_nul(value, components, seen)
        elif child is not None:
            _no_nul(child, components, seen)


@csrf_exempt  # like every API route: a POST to an unknown address is a 404, not a CSRF 403
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under /api/ that no route takes: a JSON 404 in the error shape (the site's
    404 page is for people)."""
    return error_response(request, 404, "not_found", _("未找到该对象，或您无权查看。"))


def _docs_gate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the interactive docs only where ``API_DOCS_PUBLIC`` is on."""

    @functools.wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.API_DOCS_PUBLIC:
            return error_response(request, 404, "not_found", _("未找到该对象，或您无权查看。"))
        return view(request, *args, **kwargs)

    return gated


api = PlatformAPI(
    title="职工服务平台 API",
    version="1",
    description="Worker-service platform API. Errors: {code, message, fields}.",
    urls_namespace="api",
    auth=[BearerToken(), SessionCookie()],
    # Swagger UI from ninja's own static files; no validator badge fetched from elsewhere.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=_docs_gate,
)


def answered_as_built(view: Callable[..., Any]) -> Callable[..., Any]:
    """For a hot list whose operation builds its answer already in the declared schema's
    shape (plain dicts of JSON values; a test holds them equal to what the schema gives for
    the same rows): render that answer with the API's own renderer, as ninja would after
    validating it, without validating every field of every row again through ninja's
    ``DjangoGetter`` (2.5 ms of a 50-row page). The operation keeps its ``response=``, so
    the OpenAPI document is unchanged; ninja passes an ``HttpResponse`` through as it is.

    Put it between ``@router.get`` and ``@paginate``: ``functools.wraps`` carries what
    ``paginate`` told ninja (its query parameters, the paged schema)."""

    @functools.wraps(view)
    def render(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        answer = view(request, *args, **kwargs)
        if isinstance(answer, HttpResponseBase):
            return answer
        return api.create_response(request, answer, status=200)

    return render


def error_response(
    request: HttpRequest, status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    fields = {k: str(v) for k, v in exc.fields.items()}
    return error_response(request, exc.status, exc.code, str(exc.message), fields)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("未找到该对象，或您无权查看。"))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthenticated", _("请先登录或提供有效的令牌。"))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc[:1] == ["body"]:
            loc = loc[2:]  # ("body", <the body parameter's name>, field, ...): the field
        loc = [part for part in loc if part not in ("query", "path", "header")]
        fields[".".join(loc) or "request"] = str(error.get("msg", ""))
    return error_response(request, 422, "validation", _("请求数据格式不正确。"), fields)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403:  # ninja's CSRF check of a session cookie
        message = _("请求缺少有效的 CSRF 令牌：请刷新页面后重试，或使用 API 令牌。")
        return error_response(request, 403, "csrf", message)
    return error_response(request, exc.status_code, "error", str(exc))
