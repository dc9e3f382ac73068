"""Service projects (VOL-5): both directions, every move and refusal, sign-up capacity (also
under two sign-ups at the same moment, on PostgreSQL)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.models import AuditEvent
from zhigong.testing.cast import Cast
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import ProjectOrigin, ProjectStatus, SignupStatus
from zhigong.volunteers.service_models import ProjectSignup, ServiceProject
from zhigong.volunteers.services import projects
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.projects import (
    project_correct,
    project_decide,
    project_move,
    project_propose,
    project_propose_as_volunteer,
    project_sign_up,
    project_take_on,
    project_withdraw,
)
from zhigong.volunteers.services.registration import volunteer_register
from zhigong.volunteers.tests.conftest import form, give_quota
from zhigong.volunteers.tests.service_fixtures import (
    approved_volunteer,
    open_project,
    project_input,
    proposed_project,
)

P = ProjectStatus
pytestmark = pytest.mark.django_db


def test_a_unions_proposal_goes_to_the_city_which_approves_it(cast: Cast):
    project = proposed_project(cast)
    assert project.origin == ProjectOrigin.UNION
    assert project.status == P.PROPOSED
    assert project.union == cast.unions["GA"] and project.city_union == cast.unions["CITY"]
    # the district may not approve (the city does), nor the proposer
    with pytest.raises(DomainError):
        project_decide(actor=cast.users["district_admin"], project=project, approve=True)
    with pytest.raises(NotFound):
        project_decide(actor=cast.users["other_admin"], project=project, approve=True)
    project = project_decide(actor=cast.users["city_admin"], project=project, approve=True)
    assert project.status == P.APPROVED
    assert AuditEvent.objects.filter(action="volunteer_project.approved").exists()


def test_the_proposer_never_approves(cast: Cast):
    project = project_propose(
        actor=cast.users["city_admin"], data=project_input(), union=cast.unions["GA"]
    )
    with pytest.raises(DomainError) as refused:
        project_decide(actor=cast.users["city_admin"], project=project, approve=True)
    assert refused.value.code == "asked_for_it"
    assert ServiceProject.objects.get().status == P.PROPOSED


def test_a_returned_proposal_is_corrected_and_proposed_again(cast: Cast):
    project = proposed_project(cast)
    with pytest.raises(DomainError):  # a return needs reasons
        project_decide(actor=cast.users["city_admin"], project=project, approve=False)
    project = project_decide(
        actor=cast.users["city_admin"], project=project, approve=False, reason="预算过高"
    )
    assert project.status == P.RETURNED
    with pytest.raises(NotFound):
        project_correct(actor=cast.users["other_officer"], project=project, data=project_input())
    project = project_correct(
        actor=cast.users["officer"], project=project, data=project_input(budget="3000")
    )
    assert project.status == P.PROPOSED and str(project.budget) == "3000.00"


def test_the_citys_project_is_taken_on_by_a_union(cast: Cast):
    project = project_propose(
        actor=cast.users["city_admin"], data=project_input(), union=cast.unions["CITY"]
    )
    assert project.origin == ProjectOrigin.CITY
    assert project.status == P.AWAITING_UNION and project.union is None
    with pytest.raises(NotFound):  # GA's officer may not take it on for GB
        project_take_on(actor=cast.users["officer"], project=project, union=cast.unions["GB"])
    project = project_take_on(actor=cast.users["officer"], project=project, union=cast.unions["GA"])
    assert project.status == P.APPROVED and project.union == cast.unions["GA"]
    assert project.organiser == cast.users["officer"]
    with pytest.raises(DomainError) as taken:
        project_take_on(actor=cast.users["other_officer"], project=project, union=cast.unions["GB"])
    assert taken.value.code in ("taken", "not_found")


def test_a_volunteer_proposes_a_project_on_the_portal(cast: Cast):
    with pytest.raises(DomainError) as refused:
        project_propose_as_volunteer(actor=cast.users["member"], data=project_input())
    assert refused.value.code == "not_a_volunteer"
    approved_volunteer(cast)
    project = project_propose_as_volunteer(actor=cast.users["member"], data=project_input())
    assert project.origin == ProjectOrigin.VOLUNTEER and project.union == cast.unions["GA"]
    project = project_decide(actor=cast.users["city_admin"], project=project, approve=True)
    assert project.status == P.APPROVED


def test_bad_input_is_refused_field_by_field(cast: Cast):
    today = timezone.localdate()
    with pytest.raises(DomainError) as refused:
        project_propose(
            actor=cast.users["officer"],
            data=project_input(
                title=" ",
                ends_on=today - timedelta(days=60),
                volunteers_needed=0,
                budget="-1",
                service_area="nope",
            ),
            union=cast.unions["GA"],
        )
    assert set(refused.value.fields) == {
        "title",
        "ends_on",
        "volunteers_needed",
        "budget",
        "service_area",
    }
    assert not ServiceProject.objects.exists()


def test_proposing_outside_scope_is_refused(cast: Cast):
    with pytest.raises(NotFound):
        project_propose(actor=cast.users["officer"], data=project_input(), union=cast.unions["GB"])
    with pytest.raises(NotFound):
        project_propose(actor=cast.users["member"], data=project_input(), union=cast.unions["GA"])


def test_the_organiser_opens_starts_and_completes(cast: Cast):
    project = open_project(cast)
    assert project.status == P.OPEN
    with pytest.raises(DomainError):  # completing skips "under way"
        project_move(actor=cast.users["officer"], project=project, to=P.COMPLETED)
    with pytest.raises(NotFound):
        project_move(actor=cast.users["other_officer"], project=project, to=P.UNDER_WAY)
    project = project_move(actor=cast.users["officer"], project=project, to=P.UNDER_WAY)
    project = project_move(
        actor=cast.users["officer"], project=project, to=P.COMPLETED, summary="辅导 30 人次"
    )
    assert project.status == P.COMPLETED and project.completed_on == timezone.localdate()
    with pytest.raises(DomainError):
        project_move(actor=cast.users["officer"], project=project, to=P.CANCELLED, reason="x")


def test_cancelling_needs_a_reason(cast: Cast):
    project = open_project(cast)
    with pytest.raises(DomainError):
        project_move(actor=cast.users["officer"], project=project, to=P.CANCELLED)
    project = project_move(
        actor=cast.users["officer"], project=project, to=P.CANCELLED, reason="场地取消"
    )
    assert project.status == P.CANCELLED


def test_sign_up_and_withdraw(cast: Cast):
    volunteer = approved_volunteer(cast)
    project = proposed_project(cast)
    with pytest.raises(NotFound):  # not open: unknown to a volunteer
        project_sign_up(actor=cast.users["member"], project=project)
    project = open_project(cast)
    signup = project_sign_up(actor=cast.users["member"], project=project)
    assert signup.volunteer == volunteer
    with pytest.raises(Conflict):
        project_sign_up(actor=cast.users["member"], project=project)
    with pytest.raises(NotFound):
        project_withdraw(actor=cast.users["other_officer"], signup=signup)
    signup = project_withdraw(actor=cast.users["member"], signup=signup)
    assert signup.status == SignupStatus.WITHDRAWN
    # signing up again after withdrawing is allowed
    project_sign_up(actor=cast.users["member"], project=project)


def test_someone_who_is_not_an_approved_volunteer_cannot_sign_up(cast: Cast):
    project = open_project(cast)
    with pytest.raises(DomainError) as refused:
        project_sign_up(actor=cast.users["outsider"], project=project)
    assert refused.value.code == "not_a_volunteer"


def _paper_volunteer(cast: Cast, number: str) -> Volunteer:
    from zhigong.testing.cast import cast_id_number

    volunteer = volunteer_register(
        actor=SYSTEM,
        data=form(name="王芳" + number, id_number=cast_id_number("4201021970010100" + number)),
        union=cast.unions["SA"],
    )
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


def test_staff_sign_volunteers_up_until_the_project_is_full(cast: Cast):
    approved_volunteer(cast)
    project = open_project(cast, volunteers_needed=1)
    project_sign_up(actor=cast.users["member"], project=project)
    other = _paper_volunteer(cast, "3")
    with pytest.raises(DomainError) as full:
        project_sign_up(actor=cast.users["street_staff"], project=project, volunteer=other)
    assert full.value.code == "project_full"
    assert ProjectSignup.objects.filter(status=SignupStatus.SIGNED_UP).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sign_ups_at_the_same_moment_never_over_fill(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
):
    counted = projects.signed_up

    def slow_count(project: ServiceProject) -> int:
        found = counted(project)
        time.sleep(0.5)  # both have counted before either writes, unless locked
        return found

    monkeypatch.setattr(projects, "signed_up", slow_count)
    give_quota(cast, 10)
    project = open_project(cast, volunteers_needed=1)
    volunteers = [_paper_volunteer(cast, "3"), _paper_volunteer(cast, "4")]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def sign_up(volunteer: Volunteer) -> None:
        try:
            start.wait()
            project_sign_up(actor=cast.users["street_staff"], project=project, volunteer=volunteer)
            outcomes.append("signed_up")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["project_full", "signed_up"]
    assert ProjectSignup.objects.filter(status=SignupStatus.SIGNED_UP).count() == 1
