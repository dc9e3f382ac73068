"""Pagination of large lists, for pages (Django's paginator) and the API (ninja's).

Page numbers come from the address, so anything can arrive. Django's ``get_page`` already
turns nonsense and out-of-range numbers into the first or last page. The API's page numbers
are bounded in the schema (``MAX_PAGE``), so a number such as 2^63 is a documented 422 and
never reaches the database as an offset it cannot hold.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

# Far beyond any list (10^8 members at 50 a page is 2 * 10^6 pages); times the largest page
# size it still fits the 64-bit offsets both databases take.
MAX_PAGE = 2**31 - 1
MAX_PAGE_SIZE = 100


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


class PageNumberPagination(NinjaPageNumberPagination):
    """ninja's page-number pagination with bounded numbers: every API list uses this one."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, page_size: int = 50, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)
