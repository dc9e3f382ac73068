"""Fixtures of the matchmaking tests: the cast's two profiles (张伟 at GA, 李娜 at GB)."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.matchmaking.models import Profile
from zhigong.matchmaking.tests.routes import cast_profiles
from zhigong.testing.cast import Cast


@pytest.fixture
def pair(cast: Cast, settings: Any, tmp_path: Any) -> tuple[Profile, Profile]:
    settings.MEDIA_ROOT = str(tmp_path)
    return cast_profiles(cast)
