"""Route entries for the workbench's volunteer pages."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.testing.cast import Cast
from zhigong.testing.routes import Route
from zhigong.volunteers.tests.routes import (
    DECIDERS,
    OVER_GA,
    REGISTRARS,
    VIEWERS,
    cast_volunteer,
    returned_paper_form,
)


def _of(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_volunteer(c).pk])


ROUTES: list[Route] = [
    Route("staff:volunteers:list", lambda c: reverse("staff:volunteers:list"), VIEWERS),
    Route("staff:volunteers:waiting", lambda c: reverse("staff:volunteers:waiting"), DECIDERS),
    Route(
        "staff:volunteers:register",
        lambda c: reverse("staff:volunteers:register"),
        REGISTRARS,
        no_store=True,
    ),
    Route("staff:volunteers:quotas", lambda c: reverse("staff:volunteers:quotas"), VIEWERS),
    Route(
        "staff:volunteers:roster",
        lambda c: reverse("staff:volunteers:roster"),
        VIEWERS,
        no_store=True,
    ),
    Route("staff:volunteers:detail", _of("staff:volunteers:detail"), OVER_GA, no_store=True),
    Route("staff:volunteers:form", _of("staff:volunteers:form"), OVER_GA, no_store=True),
    Route(
        "staff:volunteers:correct",
        lambda c: reverse("staff:volunteers:correct", args=[returned_paper_form(c).pk]),
        {"street_staff"},  # volunteer.register over SA
        no_store=True,
    ),
    Route("staff:volunteers:photo", _of("staff:volunteers:photo"), OVER_GA, no_store=True),
]
