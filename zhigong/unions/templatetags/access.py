"""Templates ask the policy too: ``{% load access %}``.

``user|holds:"member.view"``: does the user hold the permission anywhere (menus, links)?
``user|holds_staff_role``: does the user hold a staff role anywhere (the link to the workbench)?
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


@register.filter
def holds_staff_role(user: Any) -> bool:
    return policy.holds_staff_role(user)
