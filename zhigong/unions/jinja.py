"""What the Jinja2 templates get from the policy (``core.jinja`` gathers each app's
``GLOBALS``): who sees the workbench link, and every app's menus as this user sees them."""

from __future__ import annotations

from typing import Any

from zhigong.unions import policy
from zhigong.unions.templatetags.menus import menus_html

GLOBALS: dict[str, Any] = {
    "menus": menus_html,
    "holds_staff_role": policy.holds_staff_role,
}
