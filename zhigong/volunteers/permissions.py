"""Who may do what to a volunteer registration: instance predicates (services authorise with
them, pages ask them which buttons to show).

Staff see the registrations of the unions their ``volunteer.view`` covers; the applicant sees
their own. Each opinion is given by staff whose scope covers the union of its step
(``levels.step_union``): ``volunteer.review`` at the unit union, ``volunteer.approve`` at the
district/industry union and at the city. Whoever asks never approves: neither the applicant
nor the clerk who entered the form gives an opinion on it, and nobody gives two opinions on
the same submission."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import Actor, SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import Step, VolunteerStatus
from zhigong.volunteers.levels import step_union
from zhigong.volunteers.models import Volunteer

STEP_PERM: dict[str, Perm] = {
    Step.UNIT: Perm.VOLUNTEER_REVIEW,
    Step.DISTRICT: Perm.VOLUNTEER_APPROVE,
    Step.CITY: Perm.VOLUNTEER_APPROVE,
}


def is_applicant(user: Actor | Any, volunteer: Volunteer) -> bool:
    if isinstance(user, SystemActor):
        return True
    return volunteer.applicant_id is not None and same_person(user, volunteer.applicant_id)


def can_view_as_staff(user: Any, volunteer: Volunteer) -> bool:
    return policy.has_perm(user, Perm.VOLUNTEER_VIEW, volunteer.union)


def can_view(user: Any, volunteer: Volunteer) -> bool:
    return is_applicant(user, volunteer) or can_view_as_staff(user, volunteer)


def asked_for_it(user: Any, volunteer: Volunteer) -> bool:
    """The applicant, or the clerk who entered the form: they never decide on it."""
    if isinstance(user, SystemActor):
        return False
    return same_person(user, volunteer.applicant_id) or same_person(user, volunteer.entered_by_id)


def gave_opinion(user: Any, volunteer: Volunteer) -> bool:
    if isinstance(user, SystemActor):
        return False
    return volunteer.opinions.filter(attempt=volunteer.attempt, by_id=user.pk).exists()


def holds_step(user: Any, volunteer: Volunteer, step: str) -> bool:
    """Whether the user's scope covers the union of ``step`` with that step's permission."""
    return policy.has_perm(user, STEP_PERM[step], step_union(volunteer, step))


def can_decide(user: Any, volunteer: Volunteer) -> bool:
    """Give the opinion the registration is waiting for."""
    step = volunteer.waiting_step
    if step is None or not holds_step(user, volunteer, step):
        return False
    return not asked_for_it(user, volunteer) and not gave_opinion(user, volunteer)


def can_allow_over_quota(user: Any, volunteer: Volunteer) -> bool:
    """The city lets a district approve beyond its quota (with a reason)."""
    return policy.has_perm(user, Perm.VOLUNTEER_QUOTA, step_union(volunteer, Step.CITY))


def can_reveal(user: Any, volunteer: Volunteer) -> bool:
    return policy.has_perm(user, Perm.VOLUNTEER_REVEAL, volunteer.union)


def can_correct(user: Any, volunteer: Volunteer) -> bool:
    """Correct and submit again a returned form, or withdraw: the applicant, else the clerk
    who entered it (or staff who may register at its union)."""
    if volunteer.applicant_id is not None:
        return is_applicant(user, volunteer)
    return policy.has_perm(user, Perm.VOLUNTEER_REGISTER, volunteer.union)


def can_leave(user: Any, volunteer: Volunteer) -> bool:
    """End an approved volunteer's service: the volunteer themselves, or staff who approve
    volunteers over their union."""
    if volunteer.status != VolunteerStatus.APPROVED:
        return False
    if volunteer.applicant_id is not None and is_applicant(user, volunteer):
        return True
    return policy.has_perm(user, Perm.VOLUNTEER_APPROVE, volunteer.union)


def require(allowed: bool, *, user: Any, volunteer: Volunteer) -> None:
    """As unknown (404) to whoever may not see the registration, forbidden to whoever may."""
    if allowed:
        return
    if not can_view(user, volunteer):
        raise NotFound()
    raise PermissionDenied()
