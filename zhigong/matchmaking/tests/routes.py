"""Route entries of the matchmaking service (``tests/test_routes.py`` walks them).

The cast's profiles: the cast member 张伟 (GA, male, registered through the portal,
reviewed, entered, public) and 李娜 (GB, female, active, public). 张伟 was offered 李娜 and
chose her. Staff pages: GA's officer reviews and the street centre (SA) serves GA's profile;
GB's officer reviews GB only; nobody in the cast serves GB."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.services.serving import candidate_choose, candidates_offer, identity_check
from zhigong.matchmaking.testing import active_profile, register_through
from zhigong.members.models import ConsentPurpose
from zhigong.members.services.cards import current_card
from zhigong.members.services.selfservice import consent_grant
from zhigong.testing.cast import Cast
from zhigong.testing.routes import LOGGED_IN, Route

REVIEW_OR_SERVE = {"officer", "other_officer", "street_staff"}
OVER_GA = {"officer", "street_staff"}
SERVES_GA = {"street_staff"}


def cast_profiles(cast: Cast) -> tuple[Profile, Profile]:
    mine = Profile.objects.filter(member=cast.members["GA"]).first()
    if mine is not None:
        return mine, Profile.objects.get(member=cast.members["GB"])
    mine = register_through(cast.users["member"], age_min=20, age_max=60)
    consent_grant(
        actor=SYSTEM, member=cast.members["GA"], purpose=ConsentPurpose.MATCHMAKING_PUBLIC
    )
    theirs = active_profile(cast.members["GB"], age_min=20, age_max=60)
    consent_grant(
        actor=SYSTEM, member=cast.members["GB"], purpose=ConsentPurpose.MATCHMAKING_PUBLIC
    )
    return mine, theirs


def cast_introduction(cast: Cast) -> Introduction:
    mine, theirs = cast_profiles(cast)
    found = Introduction.objects.filter(member=mine).first()
    if found is not None:
        return found
    card = current_card(cast.members["GA"])
    assert card is not None
    identity_check(actor=SYSTEM, profile=mine, card_number=card.number)
    intro = candidates_offer(actor=SYSTEM, profile=mine, candidate_ids=[theirs.pk])[0]
    return candidate_choose(actor=SYSTEM, introduction=intro)


def _mine(name: str, *args: object) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_profiles(c)[0].pk, *args])


def _document(cast: Cast) -> str:
    mine = cast_profiles(cast)[0]
    return reverse("staff:matchmaking:document", args=[mine.pk, mine.documents.get().pk])


def _own_document(cast: Cast) -> str:
    return reverse("portal:matchmaking:document", args=[cast_profiles(cast)[0].documents.get().pk])


def _portal(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_profiles(cast)
        return reverse(name)

    return url


ROUTES: list[Route] = [
    Route("staff:matchmaking:queue", lambda c: reverse("staff:matchmaking:queue"), REVIEW_OR_SERVE),
    Route("staff:matchmaking:figures", lambda c: reverse("staff:matchmaking:figures"), SERVES_GA),
    Route("staff:matchmaking:profile", _mine("staff:matchmaking:profile"), OVER_GA, no_store=True),
    Route("staff:matchmaking:screen", _mine("staff:matchmaking:screen"), SERVES_GA, no_store=True),
    Route("staff:matchmaking:document", _document, OVER_GA, no_store=True),
    Route(
        "staff:matchmaking:introduction",
        lambda c: reverse("staff:matchmaking:introduction", args=[cast_introduction(c).pk]),
        SERVES_GA,
        no_store=True,
    ),
    Route("portal:matchmaking:home", _portal("portal:matchmaking:home"), LOGGED_IN, no_store=True),
    Route(
        "portal:matchmaking:register",
        lambda c: reverse("portal:matchmaking:register"),
        LOGGED_IN,
        no_store=True,
    ),
    Route(
        "portal:matchmaking:public",
        _portal("portal:matchmaking:public"),
        {"member"},
        method="post",
        ok=302,
    ),
    Route(
        "portal:matchmaking:request",
        _portal("portal:matchmaking:request"),
        {"member"},
        method="post",
        ok=302,
    ),
    Route("portal:matchmaking:pool", _portal("portal:matchmaking:pool"), {"member"}, no_store=True),
    Route(
        "portal:matchmaking:pool_profile",
        lambda c: reverse("portal:matchmaking:pool_profile", args=[cast_profiles(c)[1].pk]),
        {"member"},
        no_store=True,
    ),
    Route(
        "portal:matchmaking:introduction",
        lambda c: reverse("portal:matchmaking:introduction", args=[cast_introduction(c).pk]),
        {"member"},
        no_store=True,
    ),
    Route("portal:matchmaking:document", _own_document, {"member"}, no_store=True),
    # Chosen but not yet answered: the other side's photo is nobody's yet.
    Route(
        "portal:matchmaking:introduction_photo",
        lambda c: reverse("portal:matchmaking:introduction_photo", args=[cast_introduction(c).pk]),
        set(),
    ),
]


def _api(path: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        cast_profiles(cast)
        return f"/api/v1/matchmaking{path}"

    return url


def _intro_api(path: str = "") -> Callable[[Cast], str]:
    return lambda c: f"/api/v1/matchmaking/introductions/{cast_introduction(c).pk}{path}"


# The cast's introduction is 张伟's (the member's) own, already chosen: choosing again and
# answering (he is not the candidate) are refused; everyone else gets 404.
ROUTES += [
    Route("api:my_profile", _api("/me"), {"member"}, api=True),
    Route("api:figures_api", lambda c: "/api/v1/matchmaking/figures", SERVES_GA, api=True),
    Route("api:my_profile_public", _api("/me/public"), {"member"}, api=True, method="post", ok=400),
    Route("api:my_introductions", _api("/introductions"), {"member"}, api=True),
    Route("api:my_introduction", _intro_api(), {"member"}, api=True),
    Route("api:other_side_photo_api", _intro_api("/photo"), set(), api=True),
    Route("api:choose_api", _intro_api("/choose"), {"member"}, api=True, method="post", ok=400),
    Route("api:answer_api", _intro_api("/answer"), set(), api=True, method="post"),
]
