"""Route entries for the staff member pages: search, detail, reveal, card and status actions,
card-verifier credentials."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.testing.cast import Cast
from zhigong.testing.routes import ADMINS_OVER_DA, Route

# member.view / member.manage over GA: the admins above, 组织部, the street centre, the officer.
OVER_GA = ADMINS_OVER_DA | {"city_org", "street_staff", "officer"}
# member.reveal over GA: the data operators (组织部 above, the street centre), not the admins.
REVEAL_OVER_GA = {"city_org", "street_staff"}
MEMBER_STAFF = OVER_GA | {"other_admin", "other_officer"}


def _ga(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[c.members["GA"].pk])


ROUTES: list[Route] = [
    Route(
        "staff:members:member_list", lambda c: reverse("staff:members:member_list"), MEMBER_STAFF
    ),
    Route(
        "staff:members:verifier_list",
        lambda c: reverse("staff:members:verifier_list"),
        MEMBER_STAFF,
    ),
    Route(
        "staff:members:member_detail",
        _ga("staff:members:member_detail"),
        OVER_GA,
        no_store=True,
    ),
    # Empty POSTs: allowed actors see the form again with its errors; nothing changes.
    Route(
        "staff:members:member_reveal",
        _ga("staff:members:member_reveal"),
        REVEAL_OVER_GA,
        method="post",
        no_store=True,
    ),
    Route("staff:members:member_card", _ga("staff:members:member_card"), OVER_GA, method="post"),
    Route(
        "staff:members:member_status", _ga("staff:members:member_status"), OVER_GA, method="post"
    ),
]
