"""Cutting long sequences into batches a database query can take."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def chunked(items: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """Lists of at most ``size`` items; by default as many as one query may bind."""
    size = size or min(connection.features.max_query_params or 10_000, 10_000) - 10
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
