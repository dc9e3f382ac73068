"""Route entries for the events pages: the workbench's (/staff/events/) and the member's
(/me/events/)."""

from __future__ import annotations

from zhigong.events.tests.routes import (
    COUNSEL_OVER_SA,
    EVENT_STAFF,
    OVER_SA,
    cast_counselling,
    cast_event,
)
from zhigong.testing.routes import LOGGED_IN, Route


def _event(path: str = "") -> object:
    return lambda c: f"/staff/events/{cast_event(c).pk}/{path}"


ROUTES: list[Route] = [
    Route("staff:events:list", lambda c: "/staff/events/", EVENT_STAFF),
    Route("staff:events:new", lambda c: "/staff/events/new/", EVENT_STAFF),
    Route("staff:events:figures", lambda c: "/staff/events/figures/", EVENT_STAFF),
    Route("staff:events:detail", _event(), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("staff:events:edit", _event("edit/"), OVER_SA),  # type: ignore[arg-type]
    Route("staff:events:check_in", _event("check-in/"), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route("staff:events:export", _event("export/"), OVER_SA, no_store=True),  # type: ignore[arg-type]
    Route(
        "staff:events:counselling",
        lambda c: f"/staff/events/{cast_counselling(c).pk}/counselling/",
        COUNSEL_OVER_SA,
        no_store=True,
    ),
    Route("portal:events:list", lambda c: "/me/events/", LOGGED_IN),
    Route("portal:events:detail", lambda c: f"/me/events/{cast_event(c).pk}/", {"member"}),
]
