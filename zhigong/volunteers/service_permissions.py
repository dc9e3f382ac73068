"""Who may do what to a service project, its hours, an offer and a request for help:
instance predicates (services authorise with them, pages ask them which buttons to show).

Staff see a project when their ``volunteer.view`` covers its organising union; a city's
project waiting for a union is seen by the city and by whoever may take it on (``volunteer_
project.manage`` somewhere under that city). The city approves (``volunteer_project.approve``
over the city federation) what a union or a volunteer proposed, never its proposer. The
organising union's staff (``volunteer_project.manage``) run the project and confirm the hours
logged on it, never their own. An offer is recommended by its volunteer's union
(``volunteer_offer.recommend``) and reviewed by the centre of the district above it or the
city (``volunteer_offer.review`` over its ``review_union``), by two different people."""

from __future__ import annotations

from typing import Any

from zhigong.core.actors import SystemActor, same_person
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import HoursStatus, OfferStatus, ProjectStatus
from zhigong.volunteers.service_models import (
    HelpRequest,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)

P = ProjectStatus


def _is(user: Any, user_id: int | None) -> bool:
    if isinstance(user, SystemActor):
        return False
    return user_id is not None and same_person(user, user_id)


def is_volunteer(user: Any, volunteer: Volunteer) -> bool:
    """The volunteer themselves (their portal account)."""
    return _is(user, volunteer.applicant_id)


def may_take_on_somewhere(user: Any, project: ServiceProject) -> bool:
    city = project.city_union.path
    return any(p.startswith(city) for p in policy.scope_paths(user, Perm.VOLUNTEER_PROJECT_MANAGE))


def can_view_project(user: Any, project: ServiceProject) -> bool:
    if project.union is not None and policy.has_perm(user, Perm.VOLUNTEER_VIEW, project.union):
        return True
    if project.status == P.AWAITING_UNION:
        return policy.has_perm(user, Perm.VOLUNTEER_VIEW, project.city_union) or (
            may_take_on_somewhere(user, project)
        )
    return False


def proposed_it(user: Any, project: ServiceProject) -> bool:
    volunteer = project.proposing_volunteer
    return _is(user, project.proposed_by_id) or (
        volunteer is not None and is_volunteer(user, volunteer)
    )


def can_decide_project(user: Any, project: ServiceProject) -> bool:
    return (
        project.status == P.PROPOSED
        and policy.has_perm(user, Perm.VOLUNTEER_PROJECT_APPROVE, project.city_union)
        and not proposed_it(user, project)
    )


def can_manage_project(user: Any, project: ServiceProject) -> bool:
    return project.union is not None and policy.has_perm(
        user, Perm.VOLUNTEER_PROJECT_MANAGE, project.union
    )


def can_take_on(user: Any, project: ServiceProject) -> bool:
    return project.status == P.AWAITING_UNION and may_take_on_somewhere(user, project)


def can_correct_project(user: Any, project: ServiceProject) -> bool:
    """Correct a returned proposal and propose it again, or drop it: its proposer, or staff
    who may propose at its union."""
    if project.status not in (P.RETURNED, P.PROPOSED):
        return False
    if proposed_it(user, project):
        return True
    return project.union is not None and policy.has_perm(
        user, Perm.VOLUNTEER_PROJECT_PROPOSE, project.union
    )


def can_cancel_project(user: Any, project: ServiceProject) -> bool:
    if project.status in (P.PROPOSED, P.RETURNED):
        return can_correct_project(user, project)
    if project.status == P.AWAITING_UNION:
        return policy.has_perm(user, Perm.VOLUNTEER_PROJECT_PROPOSE, project.city_union)
    return project.status in (P.APPROVED, P.OPEN, P.UNDER_WAY) and can_manage_project(user, project)


def can_decide_hours(user: Any, entry: ServiceHours) -> bool:
    """The organiser confirms: never the volunteer, nor whoever logged the hours."""
    return (
        entry.status == HoursStatus.PENDING
        and can_manage_project(user, entry.project)
        and not is_volunteer(user, entry.volunteer)
        and not _is(user, entry.logged_by_id)
    )


def can_view_offer(user: Any, offer: VolunteerOffer) -> bool:
    return policy.has_perm(user, Perm.VOLUNTEER_VIEW, offer.volunteer.union) or policy.has_perm(
        user, Perm.VOLUNTEER_OFFER_REVIEW, offer.review_union
    )


def can_recommend(user: Any, offer: VolunteerOffer) -> bool:
    return (
        offer.status == OfferStatus.SUBMITTED
        and policy.has_perm(user, Perm.VOLUNTEER_OFFER_RECOMMEND, offer.volunteer.union)
        and not is_volunteer(user, offer.volunteer)
    )


def can_review(user: Any, offer: VolunteerOffer) -> bool:
    return (
        offer.status == OfferStatus.RECOMMENDED
        and policy.has_perm(user, Perm.VOLUNTEER_OFFER_REVIEW, offer.review_union)
        and not is_volunteer(user, offer.volunteer)
        and not _is(user, offer.recommended_by_id)
    )


def can_hide(user: Any, offer: VolunteerOffer) -> bool:
    return offer.status in (OfferStatus.LISTED, OfferStatus.HIDDEN) and policy.has_perm(
        user, Perm.VOLUNTEER_OFFER_REVIEW, offer.review_union
    )


def can_connect(user: Any, request: HelpRequest) -> bool:
    return policy.has_perm(user, Perm.VOLUNTEER_OFFER_REVIEW, request.offer.review_union)


def require(allowed: bool, *, visible: bool) -> None:
    """As unknown (404) to whoever may not see the thing, forbidden to whoever may."""
    if allowed:
        return
    if not visible:
        raise NotFound()
    raise PermissionDenied()
