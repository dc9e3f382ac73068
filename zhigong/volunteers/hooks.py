"""What other apps want to know of a volunteer's life, without the volunteers app knowing
them (the layers of docs/architecture.md: ``hardship`` imports ``volunteers``, never the
other way round).

An app that gives volunteers work registers a function in its ``AppConfig.ready``::

    hooks.on_leave(end_pairs_of_volunteer)

and ``volunteer_leave`` calls every one inside its transaction, with the same actor and
reason: the volunteer's leaving and what it ends are one write, or none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LeaveHook = Callable[..., Any]
_ON_LEAVE: list[LeaveHook] = []


def on_leave(hook: LeaveHook) -> LeaveHook:
    """Register ``hook(volunteer=, actor=, reason=)``, called when a volunteer leaves."""
    if hook not in _ON_LEAVE:
        _ON_LEAVE.append(hook)
    return hook


def leave_hooks() -> list[LeaveHook]:
    return list(_ON_LEAVE)
