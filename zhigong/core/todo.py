"""The workbench's to-do list: what waits for this person, gathered from every app.

Each app that gives staff things to do keeps a ``todo.py`` with one function::

    def staff_todo(user) -> Iterable[TodoItem]: ...

answering with an item per kind of work waiting for ``user`` in their scope (applications to
review, transfers to decide, imports that finished…), each with a count and a link, and
nothing when there is nothing to do. ``staff_todo_items(user)`` asks every app (found like
the menus, ``core.discovery``) and keeps the items with something in them, so the workbench
home (``accounts``) shows a new service's work without knowing the service. Counts must be
cheap: at most one indexed query over the user's scope per item, better one for all of an
app's items (the home page is what every clerk opens every morning; a test holds it to four
queries of its own and one per item, whatever waits).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import Promise

from zhigong.core.discovery import app_modules


@dataclass(frozen=True)
class TodoItem:
    """One kind of work waiting: "3 applications to review", with where to do it."""

    label: str | Promise  # what waits, in a few words: 入会申请待审核
    count: int
    url: str  # the list (or the one record) where it is done
    hint: str | Promise = ""  # one line more, shown muted: 由您所在的基层工会审核
    urgent: bool = False  # failed, or waiting too long: shown first and marked
    order: int = 100  # lower comes first within the same urgency


class TodoProvider(Protocol):
    def __call__(self, user: Any) -> Iterable[TodoItem]: ...


def providers() -> list[TodoProvider]:
    """The ``staff_todo`` function of every app that has a ``todo`` module."""
    return [module.staff_todo for module in app_modules("todo") if hasattr(module, "staff_todo")]


def staff_todo_items(user: Any) -> list[TodoItem]:
    """Everything waiting for ``user``, urgent first, without the empty items."""
    items = [item for provider in providers() for item in provider(user) if item.count > 0]
    return sorted(items, key=lambda item: (not item.urgent, item.order))


def count_each(querysets: Mapping[str, QuerySet[Any]]) -> dict[str, int]:
    """The row count of each queryset, all in one query (``SELECT (SELECT COUNT(*) …), …``):
    an app with several counts adds one query to the home page, not one per count."""
    if not querysets:
        return {}
    parts: list[str] = []
    params: list[Any] = []
    for qs in querysets.values():
        try:
            sql, qs_params = qs.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a filter that matches nothing (no scope for it)
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {name: int(count) for name, count in zip(querysets, row, strict=True)}
