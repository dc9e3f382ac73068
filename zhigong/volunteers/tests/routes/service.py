"""Route entries of the project, hours and offer pages and API (VOL-5, VOL-6).

The cast's project is GA's, proposed by GA's officer, approved by the city and open for
sign-up; the cast's member (张伟) is an approved volunteer signed up to it with hours waiting,
and has a listed offer through which a member asked for help. Its staff pages are for those
whose ``volunteer.view`` covers GA; the help queue is the centres' (``volunteer_offer.review``)
and one request is for those whose review covers DA, the union that reviewed the offer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from zhigong.members.models import Member
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route
from zhigong.volunteers.service_models import (
    HelpRequest,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)
from zhigong.volunteers.services.hours import hours_log
from zhigong.volunteers.services.offers import help_request
from zhigong.volunteers.services.projects import project_sign_up
from zhigong.volunteers.tests.routes import OVER_GA, VIEWERS
from zhigong.volunteers.tests.service_fixtures import listed_offer, open_project

# volunteer_project.approve somewhere: the year's candidates.
APPROVERS = {"city_admin", "district_admin", "other_admin"}
# volunteer_offer.review somewhere: the help queue.
REVIEWERS = {"city_admin", "district_admin", "other_admin", "street_staff"}
# volunteer_offer.review over DA: the cast's request for help.
OVER_DA = {"city_admin", "district_admin"}


def cast_project(cast: Cast) -> ServiceProject:
    found = ServiceProject.objects.order_by("id").first()
    if found is not None:
        return found
    listed_offer(cast)  # makes the member an approved volunteer
    project = open_project(cast)
    project_sign_up(actor=cast.users["member"], project=project)
    hours_log(
        actor=cast.users["member"],
        project=project,
        served_on=timezone.localdate() - timedelta(days=1),
        hours="2",
        what="辅导功课",
    )
    return project


def cast_hours(cast: Cast) -> ServiceHours:
    cast_project(cast)
    return ServiceHours.objects.get()


def cast_help(cast: Cast) -> HelpRequest:
    found = HelpRequest.objects.first()
    if found is not None:
        return found
    cast_project(cast)
    offer = listed_offer_of(cast)
    # the cast's other member (李娜, GB) asks, with an account of her own
    lina = get_user_model().objects.create_user("lina_help", password="x")
    Member.objects.filter(name="李娜").update(user=lina)
    return help_request(actor=lina, offer=offer, text="家里电路老化")


def listed_offer_of(cast: Cast) -> VolunteerOffer:
    found = VolunteerOffer.objects.order_by("id").first()
    return found if found is not None else listed_offer(cast)


def _project(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_project(c).pk])


def _offer(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_project(cast)
        return reverse(name, args=[listed_offer_of(cast).pk])

    return url


def _plain(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_project(cast)
        return reverse(name)

    return url


def _api(path: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        project = cast_project(cast)
        offer = listed_offer_of(cast)
        hours = cast_hours(cast)
        return "/api/v1/volunteers" + path.format(p=project.pk, o=offer.pk, h=hours.pk)

    return url


ROUTES: list[Route] = [
    # the workbench
    Route("staff:volunteers:projects", _plain("staff:volunteers:projects"), VIEWERS),
    Route("staff:volunteers:project_new", _plain("staff:volunteers:project_new"), VIEWERS),
    Route("staff:volunteers:project", _project("staff:volunteers:project"), OVER_GA),
    Route("staff:volunteers:hours", _plain("staff:volunteers:hours"), VIEWERS),
    Route("staff:volunteers:candidates", _plain("staff:volunteers:candidates"), APPROVERS),
    Route("staff:volunteers:offers", _plain("staff:volunteers:offers"), VIEWERS),
    Route("staff:volunteers:offer", _offer("staff:volunteers:offer"), OVER_GA),
    Route("staff:volunteers:help_requests", _plain("staff:volunteers:help_requests"), REVIEWERS),
    Route(
        "staff:volunteers:help_request",
        lambda c: reverse("staff:volunteers:help_request", args=[cast_help(c).pk]),
        OVER_DA,
        no_store=True,
    ),
    # the portal
    Route(
        "portal:volunteers:projects", _plain("portal:volunteers:projects"), EVERYONE, public=True
    ),
    Route(
        "portal:volunteers:project", _project("portal:volunteers:project"), EVERYONE, public=True
    ),
    Route(
        "portal:volunteers:propose", _plain("portal:volunteers:propose"), LOGGED_IN, no_store=True
    ),
    Route("portal:volunteers:offers", _plain("portal:volunteers:offers"), EVERYONE, public=True),
    Route("portal:volunteers:offer", _offer("portal:volunteers:offer"), EVERYONE, public=True),
    Route(
        "portal:volunteers:offer_new",
        _plain("portal:volunteers:offer_new"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:volunteers:offer_withdraw",
        _offer("portal:volunteers:offer_withdraw"),
        {"member"},
        method="post",
        ok=302,
    ),
    # the API
    Route("api:listed_projects_api", _api("/projects/open"), EVERYONE, api=True, public=True),
    Route("api:project_list_api", _api("/projects"), VIEWERS, api=True),
    Route("api:hours_waiting_api", _api("/projects/hours/waiting"), VIEWERS, api=True),
    Route("api:my_hours_api", _api("/projects/hours/mine"), {"member"}, api=True),
    # an empty decision is a rejection without a reason: refused (400), nothing changes
    Route(
        "api:hours_decision_api",
        _api("/projects/hours/{h}/decision"),
        OVER_GA,
        api=True,
        method="post",
        ok=400,
    ),
    Route("api:project_detail_api", _api("/projects/{p}"), OVER_GA, api=True),
    # the member is signed up already: 409; everyone else is no volunteer (404)
    Route(
        "api:project_signup_api",
        _api("/projects/{p}/signup"),
        {"member"},
        api=True,
        method="post",
        ok=409,
    ),
    Route(
        "api:hours_log_api",
        _api("/projects/{p}/hours"),
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
    Route("api:listed_offers_api", _api("/offers"), EVERYONE, api=True, public=True),
    Route("api:listed_offer_api", _api("/offers/{o}"), EVERYONE, api=True, public=True),
    Route(
        "api:help_request_api",
        _api("/offers/{o}/help"),
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
]
