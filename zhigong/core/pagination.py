"""Pagination of large lists."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class KnownCountPaginator(Paginator[Any]):
    """A paginator told the number of objects when the caller knows it cheaply (from
    running totals), so that a page of a million-row list is not preceded by counting the
    million. ``count=None`` counts as usual."""

    def __init__(self, object_list: Any, per_page: int, *, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        if self._known_count is not None:
            return self._known_count
        return super().count
