"""Route entries for the requester's own pages (/me/cases/): every logged-in person may ask
for help; a case's page is its requester's only (everyone else: 404)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.cases.tests.routes import cast_case
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route


def _attachment(cast: Cast) -> str:
    case = cast_case(cast)
    return reverse("portal:cases:attachment", args=[case.pk, case.attachments.get().pk])


ROUTES: list[Route] = [
    Route("portal:cases:mine", lambda c: reverse("portal:cases:mine"), LOGGED_IN),
    Route("portal:cases:new", lambda c: reverse("portal:cases:new"), LOGGED_IN, no_store=True),
    Route(
        "portal:cases:detail",
        lambda c: reverse("portal:cases:detail", args=[cast_case(c).pk]),
        {"member"},
        no_store=True,
    ),
    Route("portal:cases:attachment", _attachment, {"member"}, no_store=True),
]
