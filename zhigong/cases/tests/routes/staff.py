"""Route entries for the workbench's case pages."""

from __future__ import annotations

from django.urls import reverse

from zhigong.cases.tests.routes import (
    CASE_MANAGERS,
    CASE_STAFF,
    CASE_VIEWERS,
    FEDERATION_ADMINS,
    OVER_DA_CASE,
    cast_case,
)
from zhigong.testing.cast import Cast
from zhigong.testing.routes import Route


def _attachment(cast: Cast) -> str:
    case = cast_case(cast)
    return reverse("staff:cases:attachment", args=[case.pk, case.attachments.get().pk])


ROUTES: list[Route] = [
    Route("staff:cases:queue", lambda c: reverse("staff:cases:queue"), CASE_STAFF),
    Route("staff:cases:call", lambda c: reverse("staff:cases:call"), CASE_MANAGERS, no_store=True),
    Route(
        "staff:cases:detail",
        lambda c: reverse("staff:cases:detail", args=[cast_case(c).pk]),
        OVER_DA_CASE,
        no_store=True,
    ),
    Route("staff:cases:attachment", _attachment, OVER_DA_CASE, no_store=True),
    Route("staff:cases:figures", lambda c: reverse("staff:cases:figures"), CASE_VIEWERS),
    Route("staff:cases:routing", lambda c: reverse("staff:cases:routing"), FEDERATION_ADMINS),
]
