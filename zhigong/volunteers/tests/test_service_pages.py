"""The project, hours and offer pages and API over the cast: what a published offer shows
(never an ID number, phone or address), another district's staff kept out (404), denied
writes changing nothing, and the page flows of signing up, logging and confirming hours."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from zhigong.members.models import Member
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import HelpRequestStatus, HoursStatus, ProjectStatus
from zhigong.volunteers.service_models import (
    HelpRequest,
    ProjectSignup,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)
from zhigong.volunteers.services.hours import hours_decide, hours_log
from zhigong.volunteers.services.projects import project_move, project_propose, project_sign_up
from zhigong.volunteers.tests.service_fixtures import (
    approved_volunteer,
    listed_offer,
    open_project,
    proposed_project,
)

pytestmark = pytest.mark.django_db
NAME, BODY, PHONE = CAST_MEMBERS["GA"]


def _secrets(volunteer: Volunteer) -> list[str]:
    """What must never be published of the volunteer: the ID number and phone, whole or in
    the usual spaced forms, and their full name (the portal shows it masked)."""
    id_number = cast_id_number(BODY)
    return [
        id_number,
        PHONE,
        f"{PHONE[:3]} {PHONE[3:7]} {PHONE[7:]}",
        f"{PHONE[:3]}-{PHONE[3:7]}-{PHONE[7:]}",
        volunteer.id_number_masked,
        volunteer.phone_masked,
        NAME,
    ]


def test_a_published_offer_never_shows_an_id_number_phone_or_full_name(cast: Cast):
    offer = listed_offer(cast)
    volunteer = offer.volunteer
    pages = [
        reverse("portal:volunteers:offers"),
        reverse("portal:volunteers:offer", args=[offer.pk]),
        "/api/v1/volunteers/offers",
        f"/api/v1/volunteers/offers/{offer.pk}",
    ]
    for who in ("anonymous", "outsider", "other_officer", "member"):
        client = cast.client(who)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            text = response.content.decode()
            if url.startswith("/api/"):
                text = json.dumps(response.json(), ensure_ascii=False)
            assert "电工维修" in text
            leaked = [s for s in _secrets(volunteer) if s and s in text]
            assert leaked == [], (who, url, leaked)
            assert "张*" in text  # the masked name


def test_public_project_pages_show_no_volunteer(cast: Cast):
    approved_volunteer(cast)
    project = open_project(cast)
    project_sign_up(actor=cast.users["member"], project=project)
    volunteer = Volunteer.objects.get()
    client = cast.client("anonymous")
    for url in (
        reverse("portal:volunteers:projects"),
        reverse("portal:volunteers:project", args=[project.pk]),
        "/api/v1/volunteers/projects/open",
    ):
        text = client.get(url).content.decode()
        assert project.title in text or "\\u" in text
        assert [s for s in _secrets(volunteer) if s and s in text] == []


def test_unlisted_projects_and_offers_are_unknown_on_the_portal(cast: Cast):
    project = proposed_project(cast)
    approved_volunteer(cast)
    from zhigong.volunteers.services.offers import offer_propose
    from zhigong.volunteers.tests.service_fixtures import offer_input

    offer = offer_propose(actor=cast.users["member"], data=offer_input())
    client = cast.client("outsider")
    assert client.get(reverse("portal:volunteers:project", args=[project.pk])).status_code == 404
    assert client.get(reverse("portal:volunteers:offer", args=[offer.pk])).status_code == 404
    assert client.get(f"/api/v1/volunteers/offers/{offer.pk}").status_code == 404


def test_another_districts_staff_get_404_and_their_writes_change_nothing(cast: Cast):
    offer = listed_offer(cast)
    project = proposed_project(cast)
    other = cast.client("other_admin")
    for url in (
        reverse("staff:volunteers:project", args=[project.pk]),
        reverse("staff:volunteers:offer", args=[offer.pk]),
        f"/api/v1/volunteers/projects/{project.pk}",
    ):
        assert other.get(url).status_code == 404, url
        assert other.post(url, {"action": "decide", "decision": "approve"}).status_code in (
            404,
            405,
        )
    assert ServiceProject.objects.get().status == ProjectStatus.PROPOSED
    assert (
        other.post(
            reverse("staff:volunteers:offer", args=[offer.pk]), {"action": "hide", "reason": "x"}
        ).status_code
        == 404
    )
    assert VolunteerOffer.objects.get().status == "listed"


def test_someone_who_sees_but_may_not_approve_changes_nothing(cast: Cast):
    project = proposed_project(cast)
    officer = cast.client("officer")  # GA's officer proposed it and may not approve
    url = reverse("staff:volunteers:project", args=[project.pk])
    assert officer.get(url).status_code == 200
    response = officer.post(url, {"action": "decide", "decision": "approve"})
    assert response.status_code == 302
    assert ServiceProject.objects.get().status == ProjectStatus.PROPOSED
    city = cast.client("city_admin")
    response = city.post(url, {"action": "decide", "decision": "approve"})
    assert response.status_code == 302
    assert ServiceProject.objects.get().status == ProjectStatus.APPROVED


def test_a_volunteer_signs_up_and_logs_hours_and_the_organiser_confirms_by_page(cast: Cast):
    approved_volunteer(cast)
    project = open_project(cast)
    member = cast.client("member")
    url = reverse("portal:volunteers:project", args=[project.pk])
    assert member.post(url, {"action": "signup"}).status_code == 302
    assert ProjectSignup.objects.filter(project=project).count() == 1
    served = (timezone.localdate() - timedelta(days=1)).isoformat()
    # a bad amount is shown on the form; nothing is written
    response = member.post(
        url, {"action": "hours", "served_on": served, "hours": "0.3", "what": "x"}
    )
    assert response.status_code == 200 and "半小时" in response.content.decode()
    assert not ServiceHours.objects.exists()
    response = member.post(
        url, {"action": "hours", "served_on": served, "hours": "3.5", "what": "辅导"}
    )
    assert response.status_code == 302
    entry = ServiceHours.objects.get()
    # the volunteer cannot confirm through the API; the organiser can on the page
    api = member.post(
        f"/api/v1/volunteers/projects/hours/{entry.pk}/decision",
        {"confirm": True},
        content_type="application/json",
    )
    assert api.status_code == 404
    staff = cast.client("officer")
    page = reverse("staff:volunteers:project", args=[project.pk])
    staff.post(page, {"action": "hours", "entry": entry.pk, "decision": "confirm"})
    entry.refresh_from_db()
    assert entry.status == HoursStatus.CONFIRMED
    # the totals show on the volunteer's own page and on the staff page
    assert "3.5" in member.get(reverse("portal:volunteers:mine")).content.decode()
    volunteer_page = reverse("staff:volunteers:detail", args=[entry.volunteer_id])
    assert "3.5" in staff.get(volunteer_page).content.decode()


def test_a_worker_asks_for_help_on_the_portal_and_the_centre_connects(cast: Cast):
    offer = listed_offer(cast)
    lina = get_user_model().objects.create_user("lina", password="x")
    Member.objects.filter(name="李娜").update(user=lina)
    from django.test import Client

    client = Client()
    client.force_login(lina)
    url = reverse("portal:volunteers:offer", args=[offer.pk])
    assert client.post(url, {"text": "家里电路老化"}).status_code == 302
    request = HelpRequest.objects.get()
    admin = cast.client("district_admin")
    page = reverse("staff:volunteers:help_request", args=[request.pk])
    assert "家里电路老化" in admin.get(page).content.decode()
    admin.post(page, {"action": "connect", "connect": "1", "note": "已电话联系双方"})
    request.refresh_from_db()
    assert request.status == HelpRequestStatus.CONNECTED
    mine = cast.client("member").get(reverse("portal:volunteers:mine")).content.decode()
    assert "家里电路老化" in mine


def test_an_anonymous_post_is_sent_to_log_in(cast: Cast):
    offer = listed_offer(cast)
    response = cast.client("anonymous").post(
        reverse("portal:volunteers:offer", args=[offer.pk]), {"text": "x"}
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert not HelpRequest.objects.exists()


def test_a_union_takes_on_the_citys_project_by_page(cast: Cast):
    from zhigong.volunteers.tests.service_fixtures import project_input

    project = project_propose(
        actor=cast.users["city_admin"], data=project_input(), union=cast.unions["CITY"]
    )
    url = reverse("staff:volunteers:project", args=[project.pk])
    officer = cast.client("officer")
    assert "承接项目" in officer.get(url).content.decode()
    assert cast.client("other_admin").get(url).status_code == 200  # DB may take it on too
    assert cast.client("dept_legal").get(url).status_code == 404
    officer.post(url, {"action": "take_on", "union": "GA"})
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED and project.union == cast.unions["GA"]
    assert cast.client("other_admin").get(url).status_code == 404  # GA's now


def test_a_completed_project_is_commended_by_page_and_shown_on_the_portal(cast: Cast):
    approved_volunteer(cast)
    project = open_project(cast)
    project_sign_up(actor=cast.users["member"], project=project)
    entry = hours_log(
        actor=cast.users["member"],
        project=project,
        served_on=timezone.localdate() - timedelta(days=1),
        hours="20",
        what="辅导",
    )
    hours_decide(actor=cast.users["officer"], entry=entry, confirm=True)
    project_move(actor=cast.users["officer"], project=project, to=ProjectStatus.UNDER_WAY)
    project_move(actor=cast.users["officer"], project=project, to=ProjectStatus.COMPLETED)
    city = cast.client("city_admin")
    year = entry.served_on.year
    page = city.get(reverse("staff:volunteers:candidates") + f"?year={year}").content.decode()
    assert project.title in page and NAME in page
    url = reverse("staff:volunteers:project", args=[project.pk])
    city.post(
        url,
        {
            "action": "commend",
            "union": "CITY",
            "year": year,
            "title": "优秀志愿服务项目",
            "citation": "辅导困难职工子女。",
            "published": "on",
        },
    )
    honours = cast.client("anonymous").get(reverse("portal:volunteers:honours")).content.decode()
    assert project.title in honours
