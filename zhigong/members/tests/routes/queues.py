"""Route entries for the staff queues: applications, change requests, transfers."""

from __future__ import annotations

from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.members.models import MemberChangeRequest, MembershipApplication
from zhigong.members.services.applications import application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.members.services.selfservice import change_request_create
from zhigong.members.services.transfers import transfer_request
from zhigong.testing.cast import Cast, cast_id_number
from zhigong.testing.routes import Route

# Who holds member.manage (and review) somewhere: every applications/changes/transfers list.
MEMBER_STAFF = {
    "city_admin",
    "city_org",
    "district_admin",
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}
OVER_GA = {"city_admin", "city_org", "district_admin", "street_staff", "officer"}


def _application_url(cast: Cast) -> str:
    application = MembershipApplication.objects.filter(union=cast.unions["GA"]).first()
    if application is None:
        application = application_submit(
            actor=SYSTEM,
            person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
            union=cast.unions["GA"],
        )
    return reverse("staff:members:application_detail", args=[application.pk])


def _change_url(cast: Cast) -> str:
    change = MemberChangeRequest.objects.filter(member=cast.members["GA"]).first()
    if change is None:
        change = change_request_create(
            actor=cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
        )
    return reverse("staff:members:change_detail", args=[change.pk])


def _transfer_url(cast: Cast) -> str:
    transfer = transfer_request(
        actor=SYSTEM, member=cast.members["GA"], to_union=cast.unions["GB"], reason="调动"
    )
    return reverse("staff:members:transfer_detail", args=[transfer.pk])


ROUTES: list[Route] = [
    Route(
        "staff:members:application_list",
        lambda c: reverse("staff:members:application_list"),
        MEMBER_STAFF,
    ),
    Route(
        "staff:members:application_new",
        lambda c: reverse("staff:members:application_new"),
        MEMBER_STAFF,
        no_store=True,
    ),
    Route("staff:members:application_detail", _application_url, OVER_GA),
    Route(
        "staff:members:change_list", lambda c: reverse("staff:members:change_list"), MEMBER_STAFF
    ),
    Route("staff:members:change_detail", _change_url, OVER_GA),
    Route(
        "staff:members:transfer_list",
        lambda c: reverse("staff:members:transfer_list"),
        MEMBER_STAFF,
    ),
    Route(
        "staff:members:transfer_new",
        lambda c: reverse("staff:members:transfer_new"),
        MEMBER_STAFF,
        no_store=True,  # a look-up form shows back the ID number typed into it
    ),
    Route("staff:members:transfer_detail", _transfer_url, MEMBER_STAFF),
]
