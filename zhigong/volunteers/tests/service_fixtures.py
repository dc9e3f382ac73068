"""What the project, hours and offer tests share: the cast's member (张伟, GA) approved as a
volunteer, a project organised by GA and open for sign-up, a listed offer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_models import ServiceProject, VolunteerOffer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.offers import (
    OfferInput,
    offer_propose,
    offer_recommend,
    offer_review,
)
from zhigong.volunteers.services.projects import (
    ProjectInput,
    project_decide,
    project_move,
    project_propose,
)
from zhigong.volunteers.tests.conftest import apply, give_quota


def approved_volunteer(cast: Cast) -> Volunteer:
    found = Volunteer.objects.filter(applicant=cast.users["member"], status="approved").first()
    if found is not None:
        return found
    give_quota(cast, 10)
    volunteer = apply(cast)
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


def project_input(**changes: Any) -> ProjectInput:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "title": "金秋助学进社区",
        "content": "为困难职工子女辅导功课。",
        "service_area": "study",
        "starts_on": today - timedelta(days=30),
        "ends_on": today + timedelta(days=30),
        "volunteers_needed": 2,
        "budget": Decimal("5000.00"),
    }
    return ProjectInput(**{**data, **changes})


def proposed_project(cast: Cast, **changes: Any) -> ServiceProject:
    """GA's officer proposes a project for the city to approve."""
    return project_propose(
        actor=cast.users["officer"], data=project_input(**changes), union=cast.unions["GA"]
    )


def open_project(cast: Cast, **changes: Any) -> ServiceProject:
    """A GA project, approved by the city and open for sign-up."""
    project = proposed_project(cast, **changes)
    project = project_decide(actor=cast.users["city_admin"], project=project, approve=True)
    return project_move(actor=cast.users["officer"], project=project, to="open")


def offer_input(**changes: Any) -> OfferInput:
    data: dict[str, Any] = {
        "specialty": "电工维修",
        "service_area": "relief",
        "area_served": "江岸区大智街道",
        "description": "周末上门帮困难职工修理家电线路。",
        "availability": ["weekend"],
    }
    return OfferInput(**{**data, **changes})


def listed_offer(cast: Cast) -> VolunteerOffer:
    approved_volunteer(cast)
    offer = offer_propose(actor=cast.users["member"], data=offer_input())
    offer = offer_recommend(actor=cast.users["officer"], offer=offer, approve=True)
    return offer_review(actor=cast.users["district_admin"], offer=offer, approve=True)
