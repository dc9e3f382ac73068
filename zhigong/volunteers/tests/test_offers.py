"""Published offers (VOL-6): recommended by the volunteer's union, reviewed by the district's
centre (two different people, never the volunteer), listed, withdrawn or hidden; requests for
help connected by the centre. No phone, ID number or door number is ever taken into an offer."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.members.models import Member
from zhigong.testing.cast import Cast
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.service_choices import HelpRequestStatus, OfferStatus
from zhigong.volunteers.service_models import VolunteerOffer
from zhigong.volunteers.services.offers import (
    help_close,
    help_connect,
    help_request,
    offer_hide,
    offer_propose,
    offer_recommend,
    offer_review,
    offer_withdraw,
)
from zhigong.volunteers.tests.service_fixtures import (
    approved_volunteer,
    listed_offer,
    offer_input,
)

OS = OfferStatus
pytestmark = pytest.mark.django_db


def test_an_offer_is_recommended_reviewed_and_listed(cast: Cast):
    volunteer = approved_volunteer(cast)
    offer = offer_propose(actor=cast.users["member"], data=offer_input())
    assert offer.status == OS.SUBMITTED and offer.review_union == cast.unions["DA"]
    assert not selectors.listed_offers().exists()
    with pytest.raises(DomainError):  # the district reviews after the union recommends
        offer_review(actor=cast.users["district_admin"], offer=offer, approve=True)
    with pytest.raises(NotFound):
        offer_recommend(actor=cast.users["other_officer"], offer=offer, approve=True)
    offer = offer_recommend(actor=cast.users["officer"], offer=offer, approve=True)
    assert offer.status == OS.RECOMMENDED
    with pytest.raises(DomainError):  # the street's centre does not cover the district
        offer_review(actor=cast.users["street_staff"], offer=offer, approve=True)
    offer = offer_review(actor=cast.users["district_admin"], offer=offer, approve=True)
    assert offer.status == OS.LISTED and offer.listed_at is not None
    assert list(selectors.listed_offers()) == [offer]
    assert offer.volunteer == volunteer


def test_the_recommender_never_reviews(cast: Cast):
    approved_volunteer(cast)
    offer = offer_propose(actor=cast.users["member"], data=offer_input())
    offer = offer_recommend(actor=cast.users["officer"], offer=offer, approve=True)
    # as if the district's administrator had recommended it (who also holds review)
    VolunteerOffer.objects.filter(pk=offer.pk).update(recommended_by=cast.users["district_admin"])
    with pytest.raises(DomainError) as refused:
        offer_review(actor=cast.users["district_admin"], offer=offer, approve=True)
    assert refused.value.code == "asked_for_it"
    assert VolunteerOffer.objects.get().status == OS.RECOMMENDED


def test_a_returned_offer_needs_a_reason(cast: Cast):
    approved_volunteer(cast)
    offer = offer_propose(actor=cast.users["member"], data=offer_input())
    with pytest.raises(DomainError):
        offer_recommend(actor=cast.users["officer"], offer=offer, approve=False)
    offer = offer_recommend(
        actor=cast.users["officer"], offer=offer, approve=False, reason="请写明服务时段"
    )
    assert offer.status == OS.RETURNED


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("description", "有事打我电话 138 0000 1234"),
        ("description", "身份证 420102198503150011"),
        ("area_served", "江岸区胜利街 12 号"),
        ("area_served", "大智路3栋2单元"),
    ],
)
def test_no_phone_id_number_or_door_number_is_taken(cast: Cast, field: str, text: str):
    approved_volunteer(cast)
    with pytest.raises(DomainError) as refused:
        offer_propose(actor=cast.users["member"], data=offer_input(**{field: text}))
    assert field in refused.value.fields
    assert not VolunteerOffer.objects.exists()


def test_only_an_approved_volunteer_offers(cast: Cast):
    with pytest.raises(DomainError) as refused:
        offer_propose(actor=cast.users["member"], data=offer_input())
    assert refused.value.code == "not_a_volunteer"


def test_the_volunteer_withdraws_and_the_centre_hides(cast: Cast):
    offer = listed_offer(cast)
    with pytest.raises(PermissionDenied):  # sees it, may not hide it
        offer_hide(actor=cast.users["officer"], offer=offer, reason="x")
    with pytest.raises(DomainError):
        offer_hide(actor=cast.users["district_admin"], offer=offer)
    offer = offer_hide(actor=cast.users["district_admin"], offer=offer, reason="志愿者外出")
    assert offer.status == OS.HIDDEN and not selectors.listed_offers().exists()
    offer = offer_hide(actor=cast.users["district_admin"], offer=offer, hide=False)
    assert offer.status == OS.LISTED
    with pytest.raises(NotFound):
        offer_withdraw(actor=cast.users["officer"], offer=offer)
    offer = offer_withdraw(actor=cast.users["member"], offer=offer)
    assert offer.status == OS.WITHDRAWN


def test_a_worker_asks_for_help_and_the_centre_connects(cast: Cast):
    offer = listed_offer(cast)
    # the cast's other member (李娜, GB) has no account: give her one
    user = get_user_model().objects.create_user("lina", password="x")
    Member.objects.filter(name="李娜").update(user=user)
    with pytest.raises(DomainError):  # an outsider is not a member
        help_request(actor=cast.users["outsider"], offer=offer, text="需要修电路")
    with pytest.raises(DomainError):  # nor asks themselves
        help_request(actor=cast.users["member"], offer=offer, text="需要修电路")
    request = help_request(actor=user, offer=offer, text="家里电路老化，需要检修")
    with pytest.raises(Conflict):
        help_request(actor=user, offer=offer, text="再问一次")
    assert list(selectors.help_queue(cast.users["district_admin"])) == [request]
    assert not selectors.help_queue(cast.users["other_admin"]).exists()
    assert not selectors.requests_to_me(offer.volunteer).exists()
    with pytest.raises(NotFound):
        help_connect(actor=cast.users["other_admin"], request=request, connect=True, note="x")
    with pytest.raises(DomainError):
        help_connect(actor=cast.users["district_admin"], request=request, connect=True)
    request = help_connect(
        actor=cast.users["district_admin"], request=request, connect=True, note="已电话联系双方"
    )
    assert request.status == HelpRequestStatus.CONNECTED
    assert list(selectors.requests_to_me(offer.volunteer)) == [request]
    request = help_close(actor=cast.users["district_admin"], request=request, outcome="已修好")
    assert request.status == HelpRequestStatus.CLOSED


def test_a_hidden_offer_takes_no_requests(cast: Cast):
    offer = listed_offer(cast)
    offer_hide(actor=cast.users["district_admin"], offer=offer, reason="暂停")
    with pytest.raises(NotFound):
        help_request(actor=cast.users["officer"], offer=offer, text="x")
