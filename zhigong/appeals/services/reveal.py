"""Showing the worker's full ID number, phone and address: with a reason, in the access log."""

from __future__ import annotations

from zhigong.appeals import permissions
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.personal import address_of
from zhigong.core.actors import Actor
from zhigong.core.audit import log_reveal
from zhigong.core.service import service
from zhigong.members.personal import id_number_of, phone_of


@service
def appeal_reveal(*, actor: Actor, appeal: HardshipAppeal, reason: str) -> tuple[str, str, str]:
    permissions.require(permissions.can_reveal(actor, appeal), user=actor, appeal=appeal)
    log_reveal(
        actor=actor,
        subject=appeal,
        fields="id_number,phone,address",
        reason=reason,
        union_path=appeal.union.path,
    )
    return id_number_of(appeal), phone_of(appeal), address_of(appeal)
