"""Route entries for the staff member pages: search, detail, reveal, card and status actions,
card-verifier credentials."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from tests.routes.base import ADMINS_OVER_DA, Route
from zhigong.testing.cast import Cast

# member.view / member.manage over GA: the admins above, 组织部, the street centre, the officer.
OVER_GA = ADMINS_OVER_DA | {"city_org", "street_staff", "officer"}
REVEAL_OVER_GA = ADMINS_OVER_DA | {"city_org", "street_staff"}
MEMBER_STAFF = OVER_GA | {"other_admin", "other_officer"}


def _ga(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[c.members["GA"].pk])


ROUTES: list[Route] = [
    Route("staff:member_list", lambda c: reverse("staff:member_list"), MEMBER_STAFF),
    Route("staff:verifier_list", lambda c: reverse("staff:verifier_list"), MEMBER_STAFF),
    Route("staff:member_detail", _ga("staff:member_detail"), OVER_GA),
    # Empty POSTs: allowed actors see the form again with its errors; nothing changes.
    Route(
        "staff:member_reveal",
        _ga("staff:member_reveal"),
        REVEAL_OVER_GA,
        method="post",
    ),
    Route("staff:member_card", _ga("staff:member_card"), OVER_GA, method="post"),
    Route("staff:member_status", _ga("staff:member_status"), OVER_GA, method="post"),
]
