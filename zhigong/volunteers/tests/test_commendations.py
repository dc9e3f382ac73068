"""Commending outstanding volunteers (VOL-7): by a union above them, published on the portal
with nothing of theirs but the name, the union, the title and the citation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number
from zhigong.volunteers.models import Commendation, Volunteer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.commendations import volunteer_commend

GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])


def approved(volunteer: Volunteer) -> Volunteer:
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    return volunteer


def test_a_district_commends_and_the_portal_publicises(cast: Cast, applied: Volunteer):
    with pytest.raises(DomainError):  # not yet a volunteer
        volunteer_commend(
            actor=cast.users["district_admin"],
            volunteer=applied,
            union=cast.unions["DA"],
            year=2026,
            title="优秀志愿者",
            citation="热心服务",
        )
    volunteer = approved(applied)
    with pytest.raises(NotFound):  # another district's administrator
        volunteer_commend(
            actor=cast.users["other_admin"],
            volunteer=volunteer,
            union=cast.unions["DB"],
            year=2026,
            title="优秀志愿者",
            citation="热心服务",
        )
    with pytest.raises(DomainError):  # a grassroots officer holds no volunteer.approve
        volunteer_commend(
            actor=cast.users["officer"],
            volunteer=volunteer,
            union=cast.unions["GA"],
            year=2026,
            title="优秀志愿者",
            citation="热心服务",
        )
    assert not Commendation.objects.exists()
    detail = reverse("staff:volunteers:detail", args=[volunteer.pk])
    response = cast.client("district_admin").post(
        detail,
        {
            "action": "commend",
            "union": "DA",
            "year": 2026,
            "title": "优秀志愿者",
            "citation": "三年结对帮扶困难职工",
            "published": "on",
        },
    )
    assert response.status_code == 302
    commendation = Commendation.objects.get()
    assert commendation.union == cast.unions["DA"] and commendation.published
    page = cast.client("anonymous").get(reverse("portal:volunteers:honours")).content.decode()
    assert "张伟" in page and "三年结对帮扶困难职工" in page and "江岸区总工会" in page
    for private in (
        GA_ID,
        volunteer.id_number_masked,
        CAST_MEMBERS["GA"][2],
        volunteer.phone_masked,
    ):
        assert private not in page
    with pytest.raises(DomainError):  # the same honour twice in a year
        volunteer_commend(
            actor=cast.users["city_admin"],
            volunteer=volunteer,
            union=cast.unions["CITY"],
            year=2026,
            title="优秀志愿者",
            citation="再次",
        )
