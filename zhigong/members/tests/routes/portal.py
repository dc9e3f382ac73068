"""Route entries for the member's own pages at /me/."""

from __future__ import annotations

from django.urls import reverse

from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route

MEMBER_ONLY = {"member"}

ROUTES: list[Route] = [
    Route("portal:members:me", lambda c: reverse("portal:members:me"), LOGGED_IN, no_store=True),
    Route(
        "portal:members:apply",
        lambda c: reverse("portal:members:apply"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:members:claim",
        lambda c: reverse("portal:members:claim"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:members:apply_union_search",
        lambda c: reverse("portal:members:apply_union_search") + "?q=机械",
        LOGGED_IN,
    ),
    Route(
        "portal:members:my_application",
        lambda c: reverse("portal:members:my_application"),
        LOGGED_IN,
    ),
    Route(
        "portal:members:card",
        lambda c: reverse("portal:members:card"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route(
        "portal:members:card_qr",
        lambda c: reverse("portal:members:card_qr"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route(
        "portal:members:change",
        lambda c: reverse("portal:members:change"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route("portal:members:consents", lambda c: reverse("portal:members:consents"), MEMBER_ONLY),
    Route(
        "portal:members:access_log",
        lambda c: reverse("portal:members:access_log"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route(
        "portal:members:privacy_notice",
        lambda c: reverse("portal:members:privacy_notice"),
        EVERYONE,
        public=True,
    ),
    Route(
        "portal:members:export_json",
        lambda c: reverse("portal:members:export_json"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route(
        "portal:members:export_xlsx",
        lambda c: reverse("portal:members:export_xlsx"),
        MEMBER_ONLY,
        no_store=True,
    ),
    Route("portal:members:leave", lambda c: reverse("portal:members:leave"), MEMBER_ONLY),
]
