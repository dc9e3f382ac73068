"""Route entries for the member's own pages at /me/ (and their notices)."""

from __future__ import annotations

from django.urls import reverse

from tests.routes.base import LOGGED_IN, Route

MEMBER_ONLY = {"member"}

ROUTES: list[Route] = [
    Route("portal:me", lambda c: reverse("portal:me"), LOGGED_IN),
    Route("portal:apply", lambda c: reverse("portal:apply"), LOGGED_IN),
    Route(
        "portal:apply_union_search",
        lambda c: reverse("portal:apply_union_search") + "?q=机械",
        LOGGED_IN,
    ),
    Route("portal:my_application", lambda c: reverse("portal:my_application"), LOGGED_IN),
    Route("portal:notices", lambda c: reverse("portal:notices"), LOGGED_IN),
    Route("portal:card", lambda c: reverse("portal:card"), MEMBER_ONLY),
    Route("portal:card_qr", lambda c: reverse("portal:card_qr"), MEMBER_ONLY),
    Route("portal:change", lambda c: reverse("portal:change"), MEMBER_ONLY),
    Route("portal:consents", lambda c: reverse("portal:consents"), MEMBER_ONLY),
    Route("portal:export_json", lambda c: reverse("portal:export_json"), MEMBER_ONLY),
    Route("portal:export_xlsx", lambda c: reverse("portal:export_xlsx"), MEMBER_ONLY),
    Route("portal:leave", lambda c: reverse("portal:leave"), MEMBER_ONLY),
]
