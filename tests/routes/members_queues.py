"""Route entries for the staff queues: applications, change requests, transfers."""

from __future__ import annotations

from django.urls import reverse

from tests.routes.base import Route
from zhigong.members.models import MemberChangeRequest, MembershipApplication
from zhigong.members.services.applications import application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.members.services.selfservice import change_request_create
from zhigong.members.services.transfers import transfer_request
from zhigong.testing.cast import Cast, cast_id_number

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
            None,
            person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
            union=cast.unions["GA"],
        )
    return reverse("staff:application_detail", args=[application.pk])


def _change_url(cast: Cast) -> str:
    change = MemberChangeRequest.objects.filter(member=cast.members["GA"]).first()
    if change is None:
        change = change_request_create(
            cast.users["member"], member=cast.members["GA"], changes={"job": "钳工"}
        )
    return reverse("staff:change_detail", args=[change.pk])


def _transfer_url(cast: Cast) -> str:
    transfer = transfer_request(
        None, member=cast.members["GA"], to_union=cast.unions["GB"], reason="调动"
    )
    return reverse("staff:transfer_detail", args=[transfer.pk])


ROUTES: list[Route] = [
    Route("staff:application_list", lambda c: reverse("staff:application_list"), MEMBER_STAFF),
    Route("staff:application_new", lambda c: reverse("staff:application_new"), MEMBER_STAFF),
    Route("staff:application_detail", _application_url, OVER_GA),
    Route("staff:change_list", lambda c: reverse("staff:change_list"), MEMBER_STAFF),
    Route("staff:change_detail", _change_url, OVER_GA),
    Route("staff:transfer_list", lambda c: reverse("staff:transfer_list"), MEMBER_STAFF),
    Route("staff:transfer_new", lambda c: reverse("staff:transfer_new"), MEMBER_STAFF),
    Route("staff:transfer_detail", _transfer_url, MEMBER_STAFF),
]
