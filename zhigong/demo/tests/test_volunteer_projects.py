"""Demo service projects, hours and offers: every state, once only."""

from __future__ import annotations

import pytest

from zhigong.accounts.services import role_grant, user_create
from zhigong.core.actors import SYSTEM
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.demo.volunteer_projects import seed_volunteer_projects
from zhigong.demo.volunteers import seed_volunteers
from zhigong.unions.models import Union
from zhigong.unions.roles import Role
from zhigong.volunteers.service_choices import (
    HelpRequestStatus,
    HoursStatus,
    OfferStatus,
    ProjectOrigin,
    ProjectStatus,
)
from zhigong.volunteers.service_models import (
    HelpRequest,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)


def _staff() -> None:
    """The demo logins the seed acts as, on the tiny tree."""
    for username, role, code in (
        ("city_admin", Role.FEDERATION_ADMIN, "WH"),
        ("jiangan_centre", Role.CENTRE_STAFF, "WH-420102"),
        ("dazhi_centre", Role.CENTRE_STAFF, "WH-420102-S01"),
        ("officer_jiangcheng", Role.GRASSROOTS_OFFICER, "WH-420102-S01-G001"),
    ):
        union = Union.objects.get(code=code)
        user = user_create(
            actor=SYSTEM, username=username, password="x", union=union, check_password=False
        )
        role_grant(actor=SYSTEM, user=user, union=union, role=role, reason="演示")


@pytest.mark.django_db
def test_seed_volunteer_projects_covers_every_state_and_runs_once() -> None:
    _tiny_tree()
    seed_members(seed=1, count=60)
    seed_volunteers()
    _staff()

    result = seed_volunteer_projects()

    assert not result.already_loaded
    assert set(ServiceProject.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert set(ServiceProject.objects.values_list("origin", flat=True)) == set(ProjectOrigin.values)
    assert set(ServiceHours.objects.values_list("status", flat=True)) == set(HoursStatus.values)
    assert set(VolunteerOffer.objects.values_list("status", flat=True)) == set(OfferStatus.values)
    assert set(HelpRequest.objects.values_list("status", flat=True)) == set(
        HelpRequestStatus.values
    )
    again = seed_volunteer_projects()
    assert again.already_loaded and ServiceProject.objects.count() == result.projects
