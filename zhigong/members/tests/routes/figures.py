"""Route entries for member figures: the staff page and the API."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import Route

MEMBER_VIEW_OVER_DA = {"city_admin", "city_org", "district_admin"}
MEMBER_VIEW_ANYWHERE = MEMBER_VIEW_OVER_DA | {
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}

ROUTES: list[Route] = [
    # Whoever holds member.view somewhere gets the page; a union outside their scope is an
    # error beside the picker (and their own figures), never DA's (test_figures checks it).
    Route(
        "staff:members:member_figures",
        lambda c: reverse("staff:members:member_figures") + "?union=DA",
        MEMBER_VIEW_ANYWHERE,
    ),
    Route(
        "staff:members:member_figures",
        lambda c: reverse("staff:members:member_figures"),
        MEMBER_VIEW_ANYWHERE,
    ),
    Route(
        "staff:members:member_figures",
        lambda c: reverse("staff:members:member_figures") + "?union=GA",
        MEMBER_VIEW_ANYWHERE,
    ),
    Route(
        "api:member_figures",
        lambda c: "/api/v1/members/figures?union=DA",
        MEMBER_VIEW_OVER_DA,
        api=True,
    ),
    Route(
        "api:member_figures",
        lambda c: "/api/v1/members/figures",
        MEMBER_VIEW_ANYWHERE,
        api=True,
    ),
]
