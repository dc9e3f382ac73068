"""The large demo (20,000+ unions) loads in seconds, soundly, and only once.

Kept apart from ``test_seed.py``, whose module fixture holds the small demo for its tests.
"""

from __future__ import annotations

import pytest

from zhigong.accounts.models import User
from zhigong.core.models import AuditEvent
from zhigong.demo.plan import Scale, build_plan
from zhigong.demo.services import seed_demo
from zhigong.demo.tests.checks import counts, tree_problems
from zhigong.unions.models import RoleGrant, Union


@pytest.mark.django_db
def test_large_scale_loads_soundly_and_once() -> None:
    result = seed_demo(seed=1, scale=Scale.LARGE)
    before = counts()

    assert result.unions_created == len(build_plan(seed=1, scale=Scale.LARGE).unions)
    assert Union.objects.count() == result.unions_created >= 20_000
    assert tree_problems() == []
    assert AuditEvent.objects.filter(action="demo.seed").count() == 1
    assert RoleGrant.objects.count() == User.objects.count() == len(result.logins)
    assert seed_demo(seed=1, scale=Scale.LARGE).already_loaded
    assert seed_demo(seed=1, scale=Scale.SMALL).already_loaded  # small is part of large
    assert counts() == before
