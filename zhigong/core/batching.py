"""Cutting a stream of items into lists, for queries and bulk writes that take them in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connection

T = TypeVar("T")

# Leaves room for the few other parameters a batched query binds besides the batch itself.
_SPARE_PARAMS = 10


def chunked(items: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """Lists of at most ``size`` items; by default as many as one query may bind."""
    size = size or min(connection.features.max_query_params or 10_000, 10_000) - _SPARE_PARAMS
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
