"""Fixtures shared by every test: the cast of DESIGN.md §4 (see zhigong/testing/cast.py)."""

from typing import Any

import pytest

from zhigong.testing.cast import Cast, build_cast


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()
