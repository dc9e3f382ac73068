"""Who may do what to a hardship file or a pair: instance predicates (services authorise with
them, pages ask them which buttons to show).

Files are scoped like members: staff whose ``hardship.view`` covers the file's union see it
(everyone else: 404); ``hardship.manage`` edits it and records help; ``hardship.reveal``
shows the household's health and income (logged); ``hardship.pair`` pairs volunteers and
confirms a volunteer's choice. The volunteer of a pair sees their pair (without the worker's
ID number or phone) and logs visits. Whoever asks never approves: a volunteer's choice is
confirmed by someone else."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.hardship.choices import FileStatus, PairingStatus
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def can_view(user: Any, file: HardshipFile) -> bool:
    return policy.has_perm(user, Perm.HARDSHIP_VIEW, file.union)


def can_manage(user: Any, file: HardshipFile) -> bool:
    return policy.has_perm(user, Perm.HARDSHIP_MANAGE, file.union)


def can_edit(user: Any, file: HardshipFile) -> bool:
    return file.status == FileStatus.OPEN and can_manage(user, file)


def can_reveal(user: Any, file: HardshipFile) -> bool:
    return policy.has_perm(user, Perm.HARDSHIP_REVEAL, file.union)


def can_pair(user: Any, file: HardshipFile) -> bool:
    return file.status == FileStatus.OPEN and policy.has_perm(user, Perm.HARDSHIP_PAIR, file.union)


def is_pair_volunteer(user: Any, pairing: Pairing) -> bool:
    if isinstance(user, SystemActor):
        return True
    applicant = pairing.volunteer.applicant_id
    return applicant is not None and same_person(user, applicant)


def can_view_pairing(user: Any, pairing: Pairing) -> bool:
    return is_pair_volunteer(user, pairing) or can_view(user, pairing.file)


def can_decide_request(user: Any, pairing: Pairing) -> bool:
    """Confirm or decline a volunteer's choice: staff with ``hardship.pair``, never the
    volunteer who asked."""
    if pairing.status != PairingStatus.REQUESTED:
        return False
    if not isinstance(user, SystemActor) and same_person(user, pairing.requested_by_id):
        return False
    return policy.has_perm(user, Perm.HARDSHIP_PAIR, pairing.file.union)


def can_log_visit(user: Any, pairing: Pairing) -> bool:
    if pairing.status != PairingStatus.ACTIVE:
        return False
    return is_pair_volunteer(user, pairing) or policy.has_perm(
        user, Perm.HARDSHIP_MANAGE, pairing.file.union
    )


def can_end(user: Any, pairing: Pairing) -> bool:
    """End or hand over an active pair: staff with ``hardship.pair``."""
    return pairing.status == PairingStatus.ACTIVE and policy.has_perm(
        user, Perm.HARDSHIP_PAIR, pairing.file.union
    )


def require(allowed: bool, *, user: Any, file: HardshipFile) -> None:
    """As unknown (404) to whoever may not see the file, forbidden to whoever may."""
    if allowed:
        return
    if not can_view(user, file):
        raise NotFound()
    raise PermissionDenied()


def require_on_pairing(allowed: bool, *, user: Any, pairing: Pairing) -> None:
    if allowed:
        return
    if not can_view_pairing(user, pairing):
        raise NotFound()
    raise PermissionDenied()
