"""Finding members in scope: by exact ID number, phone, card number, name, union, status."""

from __future__ import annotations

from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.members import selectors
from zhigong.members.choices import CardStatus
from zhigong.testing.cast import CAST_MEMBERS, cast_id_number


def _plain(code: str) -> tuple[str, str]:
    _, body, phone = CAST_MEMBERS[code]
    return cast_id_number(body), phone


def test_exact_id_number_finds_only_in_scope(cast):
    # given 张伟's ID number at GA (inside DA)
    id_number, _ = _plain("GA")
    # when the district admin of DA and the admin of DB search for it
    mine = selectors.member_list(cast.users["district_admin"], id_number=id_number)
    theirs = selectors.member_list(cast.users["other_admin"], id_number=id_number)
    # then only DA's admin finds him
    assert list(mine) == [cast.members["GA"]]
    assert list(theirs) == []


def test_id_number_search_tolerates_spaces_and_lower_x(cast):
    id_number, _ = _plain("GA")
    typed = f" {id_number[:6]} {id_number[6:].lower()} "
    assert list(selectors.member_list(cast.users["city_admin"], id_number=typed)) == [
        cast.members["GA"]
    ]


def test_exact_phone_and_card_number(cast):
    # given 李娜 at GB with her phone and card
    _, phone = _plain("GB")
    card = selectors.member_current_card(cast.members["GB"])
    assert card is not None
    # when searched by phone (typed with +86) and by card number
    # then DB's staff find her, DA's admin does not
    other = cast.users["other_officer"]
    assert list(selectors.member_list(other, phone=f"+86 {phone}")) == [cast.members["GB"]]
    assert list(selectors.member_list(other, card_number=card.number)) == [cast.members["GB"]]
    assert list(selectors.member_list(cast.users["district_admin"], phone=phone)) == []
    assert list(selectors.member_list(cast.users["district_admin"], card_number=card.number)) == []


def test_name_union_and_status_filters(cast):
    admin = cast.users["city_admin"]
    assert list(selectors.member_list(admin, name="张")) == [cast.members["GA"]]
    assert list(selectors.member_list(admin, union_code="DB")) == [cast.members["GB"]]
    assert list(selectors.member_list(admin, status="suspended")) == []
    assert selectors.member_list(admin, status="bogus").count() == 0
    # a union outside the caller's scope gives nothing, not its members
    assert list(selectors.member_list(cast.users["district_admin"], union_code="GB")) == []


def test_people_without_member_view_find_nothing(cast):
    for name in ("dept_legal", "volunteer", "member", "outsider"):
        assert selectors.member_list(cast.users[name]).count() == 0


def test_list_page_finds_in_scope_and_masks(cast):
    # given the district admin searching by 张伟's ID number
    id_number, phone = _plain("GA")
    client = cast.client("district_admin")
    # when the list page is searched
    response = client.post(
        reverse("staff:members:member_list"), {"id_number": id_number}, follow=True
    )
    # then he is listed, masked, and the address holds no plain number
    html = response.content.decode()
    assert response.status_code == 200
    assert id_number not in response.redirect_chain[-1][0]
    assert "张伟" in html
    assert cast.members["GA"].id_number_masked in html
    assert id_number not in html and phone not in html
    # and DB's admin gets no result for the same number
    other = cast.client("other_admin").post(
        reverse("staff:members:member_list"), {"id_number": id_number}, follow=True
    )
    assert "张伟" not in other.content.decode()


def test_list_page_phone_search_redirects_without_the_number(cast):
    _, phone = _plain("GB")
    client = cast.client("other_officer")
    response = client.post(reverse("staff:members:member_list"), {"phone": phone})
    assert response.status_code == 302
    assert phone not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "李娜" in html and phone not in html


def test_list_page_rejects_union_outside_scope(cast):
    response = cast.client("district_admin").get(
        reverse("staff:members:member_list"), {"union": "GB"}
    )
    html = response.content.decode()
    assert "在您的范围内找不到名称或编码为“GB”的工会" in html
    assert "李娜" not in html


def test_list_page_is_paginated_with_few_queries(cast, django_assert_max_num_queries):
    # given 120 members at GA (created directly: only the list is under test)
    cast.bulk_members("GA", 120)
    client = cast.client("district_admin")
    # when the second page is read, then it takes at most 10 queries and shows 50 rows
    with django_assert_max_num_queries(10):
        response = client.get(reverse("staff:members:member_list"), {"page": 2})
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 50


def test_detail_is_masked_and_out_of_scope_is_404(cast):
    id_number, phone = _plain("GA")
    url = reverse("staff:members:member_detail", args=[cast.members["GA"].pk])
    response = cast.client("officer").get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert id_number not in html and phone not in html
    assert cast.members["GA"].phone_masked in html
    # the officer has no reveal permission: no reveal form
    assert reverse("staff:members:member_reveal", args=[cast.members["GA"].pk]) not in html
    assert cast.client("other_admin").get(url).status_code == 404


def test_detail_shows_card_and_history(cast, django_assert_max_num_queries):
    card = selectors.member_current_card(cast.members["GA"])
    assert card is not None and card.status == CardStatus.ACTIVE
    url = reverse("staff:members:member_detail", args=[cast.members["GA"].pk])
    client = cast.client("street_staff")
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert card.number in html
    assert "会员建档" in html  # the history row of the member's creation
    assert reverse("staff:members:member_reveal", args=[cast.members["GA"].pk]) in html


def test_sidebar_shows_members_only_to_member_viewers(cast):
    link = f'href="{reverse("staff:members:member_list")}"'
    assert link in cast.client("officer").get(reverse("staff:accounts:home")).content.decode()
    assert (
        link not in cast.client("dept_legal").get(reverse("staff:accounts:home")).content.decode()
    )


def test_list_counts_come_from_the_figures_and_equal_counting(cast):
    # given a third member at GA who has left
    from zhigong.members.services.registry import member_set_status

    member_set_status(actor=SYSTEM, member=cast.members["GA"], status="suspended", reason="测试")
    # then for every actor and every union/status filter, the total read from the figures
    # equals counting the list itself
    codes = ["", *cast.unions, "NOPE"]
    for actor in cast.users.values():
        for code in codes:
            for status in ["", "active", "suspended", "left", "bogus"]:
                listed = selectors.member_list(actor, union_code=code, status=status).count()
                total = selectors.member_total(actor, union_code=code, status=status)
                assert total == listed, (actor, code, status)


def test_api_list_count_matches_the_rows(cast):
    client = cast.client("city_admin")
    body = client.get("/api/v1/members", {"page_size": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1
    body = client.get("/api/v1/members", {"status": "active", "page_size": 1}).json()
    assert body["count"] == 2


def test_a_number_typed_into_the_union_field_stays_out_of_the_address(cast):
    # given a clerk who typed an ID number into the union field by mistake
    full = cast_id_number(CAST_MEMBERS["GA"][1])
    response = cast.client("officer").post(reverse("staff:members:member_list"), {"union": full})
    # then the address carries it masked, and the page says nothing matched
    assert full not in response["Location"]
    page = cast.client("officer").get(response["Location"])
    assert "在您的范围内找不到" in page.content.decode() and full not in page.content.decode()
