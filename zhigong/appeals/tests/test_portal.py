"""The portal's side of appeals: what it shows and never shows, the pictures it serves only
while an appeal is published (without their metadata), pledges and their totals, the home
page's featured stories; and the workbench pages' scope."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.test import Client

from zhigong.appeals import pictures
from zhigong.appeals.choices import AppealStatus, PledgeStatus
from zhigong.appeals.models import HardshipAppeal, Pledge
from zhigong.appeals.personal import contact_of
from zhigong.appeals.selectors import totals
from zhigong.appeals.services.decisions import appeal_close, appeal_feature
from zhigong.appeals.services.pledges import (
    PledgeInput,
    pledge_by_member,
    pledge_fulfil,
    pledge_record,
)
from zhigong.appeals.services.raising import appeal_create
from zhigong.appeals.tests.routes import ADDRESS, JPEG, Picture, appeal_input, make
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

NAME, BODY, PHONE = CAST_MEMBERS["GA"]
SECRETS = (cast_id_number(BODY), PHONE, ADDRESS, "解放大道1234号", NAME)


class Pdf(io.BytesIO):
    name = "诊断证明.pdf"


def _every_state(cast: Cast) -> dict[str, HardshipAppeal]:
    appeals = {s: make(cast, s) for s in ("draft", "raised", "verified", "published")}
    closed = make(cast, "published")
    pledge_by_member(
        actor=cast.users["member"],
        appeal=closed,
        data=PledgeInput(kind="money", amount=Decimal("200")),
    )
    appeals["closed"] = appeal_close(
        actor=SYSTEM, appeal=closed, outcome="张师傅已完成手术，工友们捐款两万元。"
    )
    appeal_feature(actor=SYSTEM, appeal=appeals["closed"], featured=True)
    return appeals


def test_no_page_or_api_route_shows_an_id_number_phone_or_address(cast: Cast):
    appeals = _every_state(cast)
    published, closed = appeals["published"], appeals["closed"]
    urls = [
        "/",
        "/appeals/",
        f"/appeals/{published.pk}/",
        f"/appeals/{closed.pk}/",
        "/api/v1/appeals/public",
        "/api/v1/appeals/public?stories=true",
        f"/api/v1/appeals/public/{published.pk}",
        f"/api/v1/appeals/public/{closed.pk}",
    ]
    staff_urls = [
        "/staff/appeals/",
        "/staff/appeals/waiting/",
        *(f"/staff/appeals/{a.pk}/" for a in appeals.values()),
        "/api/v1/appeals",
        *(f"/api/v1/appeals/{a.pk}" for a in appeals.values()),
    ]
    for who, addresses in (("anonymous", urls), ("member", urls), ("street_staff", staff_urls)):
        client = cast.client(who)
        for url in addresses:
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                text = json.dumps(
                    response.json(), ensure_ascii=False
                )  # Chinese as it is, not escaped
            shown = [s for s in SECRETS if s in text]
            if who != "anonymous":  # staff see the name; the member is 张伟 (their own card)
                shown = [s for s in shown if s != NAME]
            assert shown == [], f"{who} sees {shown} at {url}"
    assert "张*" in cast.client("anonymous").get(f"/appeals/{published.pk}/").content.decode()


def test_drafts_and_unpublished_appeals_are_not_on_the_portal(cast: Cast):
    appeals = _every_state(cast)
    client = Client()
    for status in ("draft", "raised", "verified"):
        assert client.get(f"/appeals/{appeals[status].pk}/").status_code == 404
        assert client.get(f"/api/v1/appeals/public/{appeals[status].pk}").status_code == 404


def test_pictures_are_images_only(cast: Cast):
    with pytest.raises(DomainError) as refused:
        appeal_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=appeal_input(),
            uploads=[Pdf(b"%PDF-1.4 ...")],
        )
    assert "pictures" in refused.value.fields
    assert not HardshipAppeal.objects.exists()


def test_public_pictures_lose_their_metadata_and_go_with_the_publication(cast: Cast):
    appeal = make(cast, "published")
    picture = appeal.pictures.get()
    url = f"/appeals/{appeal.pk}/pictures/{picture.pk}/"
    response = Client().get(url)
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200 and body.startswith(b"\xff\xd8")
    assert b"GPS" not in body and b"Exif" not in body
    assert b"GPS" in JPEG  # the original keeps it, for staff
    staff = cast.client("officer").get(f"/staff/appeals/{appeal.pk}/pictures/{picture.pk}/")
    assert staff.status_code == 200
    assert (
        cast.client("other_admin")
        .get(f"/staff/appeals/{appeal.pk}/pictures/{picture.pk}/")
        .status_code
        == 404
    )
    # when the appeal closes, its pictures are no longer served
    appeal_close(actor=SYSTEM, appeal=appeal, outcome="已得到帮助。")
    assert Client().get(url).status_code == 404
    picture.refresh_from_db()
    assert picture.public_path == ""


def test_pictures_not_chosen_are_never_public(cast: Cast):
    from zhigong.appeals.services.decisions import PublishInput, appeal_publish

    appeal = make(cast, "verified")
    chosen = appeal.pictures.get()
    [other] = pictures.store(appeal, pictures.check([Picture(JPEG)]))
    appeal_publish(
        actor=SYSTEM,
        appeal=appeal,
        data=PublishInput(public_title="求助", public_story="家庭困难。", picture_ids=(chosen.pk,)),
    )
    assert Client().get(f"/appeals/{appeal.pk}/pictures/{chosen.pk}/").status_code == 200
    assert Client().get(f"/appeals/{appeal.pk}/pictures/{other.pk}/").status_code == 404


def test_members_pledge_and_staff_record_and_fulfil(cast: Cast):
    appeal = make(cast, "published")
    # a member pledges on the portal, anonymously
    client = cast.client("member")
    response = client.post(
        f"/appeals/{appeal.pk}/", {"kind": "money", "amount": "500", "anonymous": "on"}
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.member == cast.members["GA"] and pledge.anonymous
    page = client.get(f"/appeals/{appeal.pk}/").content.decode()
    assert "爱心人士" in page and "500" in page
    # a visitor is sent to log in; someone who is not a member is told where to go
    assert Client().post(f"/appeals/{appeal.pk}/", {"kind": "money"}).status_code == 302
    with pytest.raises(DomainError) as refused:
        pledge_by_member(
            actor=cast.users["outsider"], appeal=appeal, data=PledgeInput(kind="goods")
        )
    assert refused.value.code == "not_member"
    with pytest.raises(DomainError):  # money needs an amount
        pledge_by_member(actor=cast.users["member"], appeal=appeal, data=PledgeInput(kind="money"))
    # staff record an organisation's pledge taken by phone, with its contact for staff only
    offline = pledge_record(
        actor=cast.users["officer"],
        appeal=appeal,
        data=PledgeInput(
            kind="goods",
            description="轮椅一台",
            donor_name="江城爱心企业",
            is_organisation=True,
            contact="13912345678",
        ),
    )
    assert contact_of(offline) == "13912345678" and offline.contact_masked == "139****5678"
    assert "13912345678" not in Client().get(f"/appeals/{appeal.pk}/").content.decode()
    # another district's officer may not mark it fulfilled; GA's officer does
    with pytest.raises(NotFound):
        pledge_fulfil(actor=cast.users["other_officer"], pledge=pledge)
    pledge_fulfil(actor=cast.users["officer"], pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.FULFILLED
    sums = totals(appeal)
    assert (sums.pledges, sums.money, sums.fulfilled_money, sums.goods_and_services) == (
        2,
        Decimal("500"),
        Decimal("500"),
        1,
    )


def test_no_pledges_once_the_appeal_is_closed(cast: Cast):
    appeal = make(cast, "published")
    appeal_close(actor=SYSTEM, appeal=appeal, outcome="已得到帮助。")
    with pytest.raises(NotFound):
        pledge_by_member(
            actor=cast.users["member"],
            appeal=appeal,
            data=PledgeInput(kind="money", amount=Decimal(10)),
        )


def test_the_home_page_shows_featured_stories_in_one_query(
    cast: Cast, django_assert_max_num_queries
):
    appeals = _every_state(cast)
    appeal_feature(actor=SYSTEM, appeal=appeals["published"], featured=True)
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from zhigong.appeals.portal_home import portal_home

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_max_num_queries(1):
        section = portal_home(request)
    assert section is not None and len(section.context["featured"]) == 2
    page = Client().get("/").content.decode()
    assert appeals["closed"].public_title in page


def test_denied_page_writes_change_nothing(cast: Cast):
    verified = make(cast, "verified")
    published = make(cast, "published")
    for who in ("other_admin", "city_org", "member"):
        client = cast.client(who)
        response = client.post(
            f"/staff/appeals/{verified.pk}/",
            {"action": "publish", "public_title": "x", "public_story": "y"},
        )
        assert response.status_code == 404, who
        response = client.post(f"/staff/appeals/{published.pk}/", {"action": "feature"})
        assert response.status_code == 404, who
    # the street's centre staff see it but may not publish: refused, nothing changes
    response = cast.client("street_staff").post(
        f"/staff/appeals/{verified.pk}/",
        {"action": "publish", "public_title": "x", "public_story": "y"},
    )
    assert response.status_code == 302
    verified.refresh_from_db()
    published.refresh_from_db()
    assert verified.status == AppealStatus.VERIFIED and not published.featured


def test_the_centre_publishes_through_the_page(cast: Cast):
    appeal = make(cast, "verified")
    picture = appeal.pictures.get()
    client = cast.client("district_admin")
    page = client.get(f"/staff/appeals/{appeal.pk}/").content.decode()
    assert "在门户发布" in page
    response = client.post(
        f"/staff/appeals/{appeal.pk}/",
        {
            "action": "publish",
            "public_title": "张师傅急需救助",
            "public_story": "张师傅身患重病。",
            "pictures": [str(picture.pk)],
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.PUBLISHED
    assert Client().get(f"/appeals/{appeal.pk}/pictures/{picture.pk}/").status_code == 200


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_take_as_many_queries_for_many_appeals_as_for_two(cast: Cast):
    for _ in range(2):
        make(cast, "published", pictures=0)
    staff, visitor = cast.client("district_admin"), Client()
    _queries(staff, "/staff/appeals/")  # the first request reads what later ones keep
    few = (_queries(staff, "/staff/appeals/"), _queries(visitor, "/appeals/"))
    for _ in range(6):
        make(cast, "published", pictures=0)
    many = (_queries(staff, "/staff/appeals/"), _queries(visitor, "/appeals/"))
    assert many == few
