"""What every API schema shares: inputs refuse fields they do not know, and every error has
one documented shape.

- ``InputSchema``: the base of every request body (and filter) schema. An unknown field is a
  422 ``validation`` error naming it, never silently dropped: a client that misspells
  ``reason`` learns so instead of seeing its value ignored.
- ``ErrorOut``: ``{"code", "message", "fields"}``, the body of every 4xx answer (DESIGN §3.1;
  ``core/api.py`` writes it and lists it under each operation's responses).

No ``from __future__ import annotations``: django-ninja and pydantic read these at run time.
"""

from typing import Any

from ninja import Schema
from pydantic import ConfigDict

# Why each error status is answered, as the OpenAPI document says it.
ERROR_STATUSES: dict[int, str] = {
    400: "Bad request: a rule of the service refused it (see `code`), or the request holds a "
    "NUL character.",
    401: "Not authenticated: no valid bearer token or session.",
    403: "Forbidden: the object is visible but this action is not allowed.",
    404: "Not found, or outside the caller's scope (the two look the same on purpose).",
    409: "Conflict: a request with the same Idempotency-Key is still running.",
    422: "Validation failed: a field is missing, malformed or unknown, or an Idempotency-Key "
    "was reused with a different request.",
    429: "Too many attempts: the account is locked for a while.",
}


class InputSchema(Schema):
    """Base of every API input: unknown fields are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """The one error shape of the API."""

    code: str
    message: str
    fields: dict[str, str]


def error_response_docs(*statuses: int) -> dict[int, Any]:
    """OpenAPI ``responses`` entries for these error statuses, each with ``ErrorOut`` (for an
    operation's ``openapi_extra``; ``core/api.py`` adds the ones every operation has)."""
    return {
        status: {
            "description": ERROR_STATUSES[status],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for status in statuses
    }
