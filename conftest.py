"""Fixtures shared by every test: the cast of DESIGN.md §4 (see zhigong/testing/cast.py)."""

from collections.abc import Iterator
from typing import Any

import pytest

from zhigong.testing import jinja_signals
from zhigong.testing.cast import Cast, build_cast


@pytest.fixture(autouse=True, scope="session")
def _jinja_templates_report_their_context() -> Iterator[None]:
    with jinja_signals.instrument():
        yield


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()
