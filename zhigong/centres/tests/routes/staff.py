"""Route entries for the workbench's centre pages and the portal's finder."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.centres.models import CentreRule
from zhigong.centres.tests.routes import (
    CITY,
    MANAGERS,
    OVER_SA,
    VIEWERS,
    cast_standard,
    cast_station,
)
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, Route


def _of(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_station(c).pk])


def _rule(cast: Cast) -> str:
    station = cast_station(cast)
    rule = CentreRule.objects.filter(centre=station).first()
    assert rule is not None
    return reverse("staff:centres:rule_file", args=[station.pk, rule.pk])


ROUTES: list[Route] = [
    Route("staff:centres:list", lambda c: reverse("staff:centres:list"), VIEWERS),
    Route("staff:centres:register", lambda c: reverse("staff:centres:register"), MANAGERS),
    Route("staff:centres:standards", lambda c: reverse("staff:centres:standards"), VIEWERS),
    Route(
        "staff:centres:standard_edit",
        lambda c: reverse("staff:centres:standard_edit", args=[cast_standard(c).pk]),
        CITY,
    ),
    Route("staff:centres:coverage", lambda c: reverse("staff:centres:coverage"), VIEWERS),
    Route("staff:centres:models", lambda c: reverse("staff:centres:models"), VIEWERS),
    Route("staff:centres:detail", _of("staff:centres:detail"), OVER_SA),
    Route("staff:centres:edit", _of("staff:centres:edit"), OVER_SA),
    Route(
        "staff:centres:essential_photo",
        lambda c: reverse("staff:centres:essential_photo", args=[cast_station(c).pk, "hall"]),
        OVER_SA,
    ),
    Route("staff:centres:rule_file", _rule, OVER_SA),
    Route(
        "portal:centres:finder",
        lambda c: (cast_station(c), reverse("portal:centres:finder"))[1],
        EVERYONE,
        public=True,
    ),
]
