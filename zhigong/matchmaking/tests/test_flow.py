"""The service end to end through the services and pages: who may register, review and
entry, the pool's privacy, introductions and contacts, refusals, the end of the service."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.matchmaking.choices import (
    EndReason,
    IntroductionStatus,
    MaritalStatus,
    ProfileStatus,
)
from zhigong.matchmaking.documents import save_documents
from zhigong.matchmaking.models import FollowUp, Profile
from zhigong.matchmaking.rules import current_rules
from zhigong.matchmaking.services.ending import complaint_decide, complaint_file, profile_end
from zhigong.matchmaking.services.registration import profile_register, profile_review
from zhigong.matchmaking.services.serving import (
    candidates_offer,
    identity_check,
    introduction_answer,
    offers_pass,
    suspension_lift,
)
from zhigong.matchmaking.testing import Upload, active_profile, form_input
from zhigong.matchmaking.tests.routes import cast_introduction
from zhigong.members.models import ConsentPurpose
from zhigong.members.services.cards import current_card
from zhigong.members.services.selfservice import consent_withdraw
from zhigong.testing.cast import Cast, cast_id_number


def test_only_active_members_register_and_the_rules_are_signed(
    cast: Cast, settings: Any, tmp_path: Any
):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(DomainError):  # no member record
        profile_register(
            actor=cast.users["outsider"], data=form_input(), rules_version=current_rules().version
        )
    with pytest.raises(DomainError) as stale:
        profile_register(actor=cast.users["member"], data=form_input(), rules_version="1999.1")
    assert stale.value.code == "rules_changed"
    with pytest.raises(DomainError) as proof:  # divorced: the certificate is required
        profile_register(
            actor=cast.users["member"],
            data=form_input(marital_status=MaritalStatus.DIVORCED),
            rules_version=current_rules().version,
        )
    assert "divorce_certificate" in proof.value.fields
    assert not Profile.objects.exists()
    profile = profile_register(
        actor=cast.users["member"],
        data=form_input(marital_status=MaritalStatus.DIVORCED),
        rules_version=current_rules().version,
        uploads={"divorce_certificate": Upload(name="离婚证.png")},
    )
    assert profile.status == ProfileStatus.SUBMITTED
    assert profile.rules_digest == current_rules().digest and profile.rules_signed_at
    assert profile.documents.get().kind == "divorce_certificate"


def test_review_by_the_grassroots_union_then_entry_by_the_centre(
    cast: Cast, settings: Any, tmp_path: Any
):
    settings.MEDIA_ROOT = str(tmp_path)
    profile = profile_register(
        actor=cast.users["member"], data=form_input(), rules_version=current_rules().version
    )
    # GB's officer does not see GA's form: 404, and nothing changes
    with pytest.raises(NotFound):
        profile_review(actor=cast.users["other_officer"], profile=profile, approve=True, stamp="x")
    page = reverse("staff:matchmaking:profile", args=[profile.pk])
    response = cast.client("officer").post(page, {"step": "review", "decision": "approve"})
    assert "请填写审核人姓名" in response.content.decode()
    cast.client("officer").post(page, {"step": "review", "decision": "approve", "stamp": "王主席"})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.REVIEWED and profile.review_stamp == "王主席"
    # the officer may not enter it into the pool; the street centre may
    cast.client("officer").post(page, {"step": "enter", "decision": "approve"})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.REVIEWED
    cast.client("street_staff").post(page, {"step": "enter", "decision": "approve"})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.ACTIVE and profile.entered_at


def test_the_pool_shows_only_public_active_profiles_without_identifying_details(
    cast: Cast, pair: tuple[Profile, Profile]
):
    _mine, theirs = pair
    client = cast.client("member")
    page = client.get(reverse("portal:matchmaking:pool_profile", args=[theirs.pk])).content.decode()
    assert "李" not in page and "楚天" not in page and "139" not in page
    # withdrawing consent hides the profile on the very next request
    consent_withdraw(actor=SYSTEM, member=theirs.member, purpose=ConsentPurpose.MATCHMAKING_PUBLIC)
    url = reverse("portal:matchmaking:pool_profile", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert (
        f"M{theirs.pk:06d}" not in client.get(reverse("portal:matchmaking:pool")).content.decode()
    )


def test_requirements_are_never_shown_to_another_member(cast: Cast, pair: tuple[Profile, Profile]):
    _mine, theirs = pair
    Profile.objects.filter(pk=theirs.pk).update(age_min=33, age_max=47, height_min=181)
    page = cast.client("member").get(reverse("portal:matchmaking:pool_profile", args=[theirs.pk]))
    html = page.content.decode()
    assert "181" not in html and "47" not in html and "择偶" not in html


def test_a_member_whose_own_profile_is_not_active_sees_no_pool(
    cast: Cast, pair: tuple[Profile, Profile]
):
    mine, theirs = pair
    profile_end(actor=SYSTEM, profile=mine, reason=EndReason.FOUND_PARTNER)
    client = cast.client("member")
    assert client.get(reverse("portal:matchmaking:pool")).status_code == 404
    assert (
        client.get(reverse("portal:matchmaking:pool_profile", args=[theirs.pk])).status_code == 404
    )


def _offer(cast: Cast, mine: Profile, *others: Profile) -> list[Any]:
    card = current_card(cast.members["GA"])
    assert card is not None
    identity_check(actor=cast.users["street_staff"], profile=mine, card_number=card.number)
    return candidates_offer(
        actor=cast.users["street_staff"], profile=mine, candidate_ids=[p.pk for p in others]
    )


def test_offers_need_an_identity_check_and_candidates_that_fit_both_ways(
    cast: Cast, pair: tuple[Profile, Profile]
):
    mine, theirs = pair
    with pytest.raises(DomainError) as no_visit:
        candidates_offer(actor=cast.users["street_staff"], profile=mine, candidate_ids=[theirs.pk])
    assert no_visit.value.code == "no_visit"
    with pytest.raises(DomainError):
        identity_check(
            actor=cast.users["street_staff"],
            profile=mine,
            id_number=cast_id_number("42010619900620002"),
        )
    identity_check(
        actor=cast.users["street_staff"],
        profile=mine,
        id_number=cast_id_number("42010219850315001"),
    )
    Profile.objects.filter(pk=theirs.pk).update(education_min=6)  # 张伟 no longer fits her
    with pytest.raises(DomainError):
        candidates_offer(actor=cast.users["street_staff"], profile=mine, candidate_ids=[theirs.pk])
    Profile.objects.filter(pk=theirs.pk).update(education_min=0)
    made = candidates_offer(
        actor=cast.users["street_staff"], profile=mine, candidate_ids=[theirs.pk]
    )
    theirs.refresh_from_db()
    assert len(made) == 1 and theirs.recent_offers == 1


def test_contacts_pass_only_after_both_say_yes(cast: Cast, pair: tuple[Profile, Profile]):
    mine, _theirs = pair
    intro = cast_introduction(cast)
    url = reverse("portal:matchmaking:introduction", args=[intro.pk])
    client = cast.client("member")
    assert "13900005678" not in client.get(url).content.decode()  # chosen, not answered
    introduction_answer(actor=cast.users["street_staff"], introduction=intro, answer="exchange")
    html = client.get(url).content.decode()
    assert "13900005678" in html and "李娜" in html
    assert FollowUp.objects.filter(introduction=intro).count() == 3
    mine.refresh_from_db()
    assert mine.first_introduced_at is not None


def test_photos_are_shown_to_the_other_side_only_after_the_exchange(
    cast: Cast, pair: tuple[Profile, Profile]
):
    _mine, theirs = pair
    save_documents(theirs, {"photo": Upload()}, uploader=SYSTEM)
    intro = cast_introduction(cast)
    client = cast.client("member")
    page = reverse("portal:matchmaking:introduction", args=[intro.pk])
    photo = reverse("portal:matchmaking:introduction_photo", args=[intro.pk])
    api_photo = f"/api/v1/matchmaking/introductions/{intro.pk}/photo"
    assert client.get(photo).status_code == 404  # chosen, not answered
    assert client.get(api_photo).status_code == 404
    assert photo not in client.get(page).content.decode()

    introduction_answer(actor=cast.users["street_staff"], introduction=intro, answer="exchange")
    assert photo in client.get(page).content.decode()
    shown = client.get(photo)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert "no-store" in shown["Cache-Control"]
    assert shown.getvalue().startswith(b"\x89PNG")
    assert client.get(api_photo).status_code == 200
    assert client.get(f"/api/v1/matchmaking/introductions/{intro.pk}").json()["contact"][
        "has_photo"
    ]
    # Nobody else reaches it, staff included (they have the staff document page).
    for name in ("officer", "street_staff", "other_officer", "outsider"):
        assert cast.client(name).get(photo).status_code == 404


def test_the_fifth_refusal_suspends_and_staff_lift_it(cast: Cast, pair: tuple[Profile, Profile]):
    mine, _theirs = pair
    others = [active_profile(m, age_min=20, age_max=60) for m in _more_women(cast, 5)]
    for i, other in enumerate(others):
        _offer(cast, mine, other) if i == 0 else candidates_offer(
            actor=cast.users["street_staff"], profile=mine, candidate_ids=[other.pk]
        )
        offers_pass(actor=cast.users["member"], profile=mine)
        mine.refresh_from_db()
        expected = ProfileStatus.SUSPENDED if i == 4 else ProfileStatus.ACTIVE
        assert (mine.refusals, mine.status) == (i + 1, expected)
    suspension_lift(actor=cast.users["street_staff"], profile=mine, reason="本人说明情况")
    mine.refresh_from_db()
    assert mine.status == ProfileStatus.ACTIVE and mine.refusals == 0


def _more_women(cast: Cast, count: int) -> list[Any]:
    from zhigong.members.services.registry import PersonInput, check_person, member_create

    made = []
    for i in range(count):
        person, errors = check_person(
            PersonInput(name=f"王{i}", id_number=cast_id_number(f"4201021991010100{i * 2}"))
        )
        assert person is not None, errors
        made.append(member_create(actor=SYSTEM, person=person, union=cast.unions["GB"]))
    return made


def test_a_candidate_decline_counts_as_their_refusal(cast: Cast, pair: tuple[Profile, Profile]):
    _mine, theirs = pair
    intro = cast_introduction(cast)
    introduction_answer(actor=cast.users["street_staff"], introduction=intro, answer="decline")
    theirs.refresh_from_db()
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.DECLINED and theirs.refusals == 1
    assert not FollowUp.objects.exists()


def test_quitting_needs_the_signed_form_and_ends_visibility_at_once(
    cast: Cast, pair: tuple[Profile, Profile]
):
    mine, theirs = pair
    intro = cast_introduction(cast)
    with pytest.raises(DomainError):
        profile_end(actor=cast.users["street_staff"], profile=theirs, reason=EndReason.QUIT)
    with pytest.raises(NotFound):  # the street centre does not serve GB
        profile_end(
            actor=cast.users["street_staff"], profile=theirs, reason=EndReason.FOUND_PARTNER
        )
    theirs.refresh_from_db()
    assert theirs.status == ProfileStatus.ACTIVE
    profile_end(
        actor=cast.users["street_staff"], profile=mine, reason=EndReason.QUIT, signature=Upload()
    )
    mine.refresh_from_db()
    intro.refresh_from_db()
    assert mine.status == ProfileStatus.ENDED and intro.status == IntroductionStatus.WITHDRAWN
    assert mine.documents.filter(kind="quit_signature").exists()


def test_a_verified_complaint_ends_the_service(cast: Cast, pair: tuple[Profile, Profile]):
    mine, theirs = pair
    intro = cast_introduction(cast)
    complaint = complaint_file(actor=cast.users["member"], about=theirs, by=mine, text="多次骚扰")
    with pytest.raises(NotFound):
        complaint_decide(
            actor=cast.users["street_staff"], complaint=complaint, verified=True, finding="x"
        )
    staff_ga = cast.users["street_staff"]
    own = complaint_file(actor=staff_ga, about=mine, text="资料不实")
    complaint_decide(actor=staff_ga, complaint=own, verified=True, finding="经核实身高虚报")
    mine.refresh_from_db()
    intro.refresh_from_db()
    assert mine.status == ProfileStatus.ENDED and mine.end_reason == EndReason.COMPLAINT
    assert intro.status == IntroductionStatus.WITHDRAWN
