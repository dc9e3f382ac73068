"""A profile's status move: ``transition()`` (the workflow table, the audit event), then
the figures' count of profiles by status (``figures.moved``). Every service that moves a
profile calls it, never ``transition`` directly."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import Actor
from zhigong.core.workflow import transition
from zhigong.matchmaking import figures
from zhigong.matchmaking.models import PROFILE_FLOW, Profile


def move_profile(profile: Profile, to: str, *, actor: Actor, **kwargs: Any) -> str:
    old = transition(profile, PROFILE_FLOW, to, actor=actor, **kwargs)
    figures.moved(profile, old)
    return old
