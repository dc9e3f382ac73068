"""Showing one volunteer's full ID number and phone: with a reason, in the access log."""

from __future__ import annotations

from zhigong.core.actors import Actor
from zhigong.core.audit import log_reveal
from zhigong.core.service import service
from zhigong.members.personal import id_number_of, phone_of
from zhigong.volunteers import permissions
from zhigong.volunteers.models import Volunteer


@service
def volunteer_reveal(*, actor: Actor, volunteer: Volunteer, reason: str) -> tuple[str, str]:
    permissions.require(permissions.can_reveal(actor, volunteer), user=actor, volunteer=volunteer)
    log_reveal(
        actor=actor,
        subject=volunteer,
        fields="id_number,phone",
        reason=reason,
        union_path=volunteer.union.path,
    )
    return id_number_of(volunteer), phone_of(volunteer)
