"""Fixtures of the appeal tests: private files under a temporary folder, a second officer at
GA (maker-checker needs two people there) and a help-centre worker at DA."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.accounts.models import User
from zhigong.accounts.services import role_grant, user_create
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import PASSWORD, Cast
from zhigong.unions.roles import Role


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def staff(cast: Cast, name: str, code: str, role: str) -> User:
    user = user_create(
        actor=SYSTEM, username=name, password=PASSWORD, full_name=name, check_password=False
    )
    role_grant(actor=SYSTEM, user=user, union=cast.unions[code], role=role)
    cast.users[name] = user
    return user


@pytest.fixture
def officer2(cast: Cast) -> User:
    return staff(cast, "officer2", "GA", Role.GRASSROOTS_OFFICER)


@pytest.fixture
def centre(cast: Cast) -> User:
    """Centre staff of the district's help centre (帮扶中心) at DA."""
    return staff(cast, "centre", "DA", Role.CENTRE_STAFF)
