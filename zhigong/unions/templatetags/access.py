"""Templates ask the policy too: ``{% load access %}``.

``user|holds:"member.view"``: does the user hold the permission anywhere (menus, links)?
What a page may offer for one object comes from the app's ``permissions.py`` predicates,
computed in the view.

The answer comes from the user's grants, read once per request (``policy.scopes_of``).
"""

from __future__ import annotations

from typing import Any

from django import template

from zhigong.unions import policy
from zhigong.unions.roles import Perm

register = template.Library()


@register.filter
def holds(user: Any, perm: str) -> bool:
    return policy.holds(user, Perm(perm))
