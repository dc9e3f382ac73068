"""Route entries for the workbench's hardship pages."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.hardship.tests.routes import (
    MANAGE_GA,
    MANAGERS,
    OVER_GA,
    PAIRERS,
    VIEWERS,
    cast_file,
    cast_pair,
)
from zhigong.testing.cast import Cast
from zhigong.testing.routes import Route


def _of(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_file(c).pk])


def _listed(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_pair(cast)
        return reverse(name)

    return url


def _document(cast: Cast) -> str:
    file = cast_file(cast)
    return reverse("staff:hardship:document", args=[file.pk, file.documents.get().pk])


ROUTES: list[Route] = [
    Route("staff:hardship:list", _listed("staff:hardship:list"), VIEWERS),
    Route("staff:hardship:export", _listed("staff:hardship:export"), VIEWERS),
    Route("staff:hardship:unpaired", _listed("staff:hardship:unpaired"), VIEWERS),
    Route("staff:hardship:figures", _listed("staff:hardship:figures"), VIEWERS),
    # The figures of GA's subtree: only those whose hardship.view covers GA (404 otherwise).
    Route(
        "staff:hardship:figures",
        lambda c: reverse("staff:hardship:figures") + f"?union={c.unions['GA'].code}",
        OVER_GA,
    ),
    Route(
        "staff:hardship:create", lambda c: reverse("staff:hardship:create"), MANAGERS, no_store=True
    ),
    Route("staff:hardship:detail", _of("staff:hardship:detail"), OVER_GA, no_store=True),
    Route("staff:hardship:edit", _of("staff:hardship:edit"), MANAGE_GA, no_store=True),
    Route("staff:hardship:document", _document, OVER_GA, no_store=True),
    Route("staff:hardship:pair", _of("staff:hardship:pair"), OVER_GA),
    Route("staff:hardship:requests", _listed("staff:hardship:requests"), PAIRERS),
    Route("staff:hardship:overdue", _listed("staff:hardship:overdue"), VIEWERS),
    Route(
        "staff:hardship:pairing",
        lambda c: reverse("staff:hardship:pairing", args=[cast_pair(c).pk]),
        OVER_GA,
    ),
]
