"""Route entries for the member API: search, detail, reveal, the caller's own record and
card, and card verification (which only a card-verifier key opens: everyone else gets 401)."""

from __future__ import annotations

from zhigong.testing.routes import ADMINS_OVER_DA, EVERYONE, Route

OVER_GA = ADMINS_OVER_DA | {"city_org", "street_staff", "officer"}
# member.reveal over GA: the data operators (组织部 above, the street centre), not the admins.
REVEAL_OVER_GA = {"city_org", "street_staff"}
MEMBER_STAFF = OVER_GA | {"other_admin", "other_officer"}

ROUTES: list[Route] = [
    Route("api:member_search", lambda c: "/api/v1/members", MEMBER_STAFF, api=True),
    # The number travels in the body. An empty body: allowed actors get 400 (give a number).
    Route(
        "api:member_lookup",
        lambda c: "/api/v1/members/lookup",
        MEMBER_STAFF,
        api=True,
        method="post",
        ok=400,
    ),
    Route(
        "api:member_detail",
        lambda c: f"/api/v1/members/{c.members['GA'].pk}",
        OVER_GA,
        api=True,
    ),
    # An empty body: allowed actors get 400 (choose fields, give a reason); nothing is logged.
    Route(
        "api:member_reveal_api",
        lambda c: f"/api/v1/members/{c.members['GA'].pk}/reveal",
        REVEAL_OVER_GA,
        api=True,
        method="post",
        ok=400,
    ),
    Route("api:my_member", lambda c: "/api/v1/me/member", {"member"}, api=True),
    Route("api:my_card", lambda c: "/api/v1/me/card", {"member"}, api=True),
    Route("api:card_verify", lambda c: "/api/v1/cards/verify?token=x", EVERYONE, api=True, ok=401),
]
