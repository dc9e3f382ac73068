"""Revealing a requester's full name and phone (to call them back): a deliberate act, with a
reason, always in the access log."""

from __future__ import annotations

from zhigong.cases import permissions
from zhigong.cases.models import Case
from zhigong.cases.personal import name_of, phone_of
from zhigong.core.actors import Actor
from zhigong.core.audit import log_reveal
from zhigong.core.service import service


@service
def case_reveal_requester(
    *, actor: Actor, case: Case, reason: str, channel: str = "case-page"
) -> dict[str, str]:
    """The requester's full name and phone, after checking and logging."""
    permissions.require(permissions.can_reveal_requester(actor, case), user=actor, case=case)
    log_reveal(
        actor=actor,
        subject=case,
        fields="name,phone",
        reason=(reason or "")[:500],
        union_path=case.union.path,
        channel=channel,
    )
    return {"name": name_of(case), "phone": phone_of(case)}
