"""A new union starts from what its parent suggests (kind, level, region code, a code in the
tree's pattern); the parent and a move's target are chosen by name or code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.testing.cast import Cast
from zhigong.unions.defaults import child_defaults
from zhigong.unions.models import Union
from zhigong.unions.services import union_create


def test_below_a_street_union_comes_a_grassroots_union_of_its_region(cast: Cast):
    suggested = child_defaults(cast.unions["SA"])
    assert suggested.kind == "grassroots" and suggested.level == ""
    assert suggested.region_code == "420102"
    assert suggested.code == "SA-G001"


def test_below_a_county_federation_comes_a_street_union(cast: Cast):
    suggested = child_defaults(cast.unions["DA"])
    assert (suggested.kind, suggested.region_code, suggested.code) == ("street", "420102", "DA-S01")


def test_below_a_city_comes_a_county_federation_with_its_own_region(cast: Cast):
    suggested = child_defaults(cast.unions["CITY"])
    assert (suggested.kind, suggested.level, suggested.region_code) == ("federation", "county", "")
    assert suggested.code == "CITY-F01"


def test_the_suggested_code_is_the_next_free_number(cast: Cast):
    for code in ("SA-G001", "SA-G007"):
        union_create(
            actor=SYSTEM, parent=cast.unions["SA"], code=code, name=code, kind="grassroots"
        )
    assert child_defaults(cast.unions["SA"]).code == "SA-G008"


def test_the_create_page_starts_from_the_suggestions(cast: Cast):
    page = cast.client("district_admin").get(reverse("staff:unions:union_create", args=["SA"]))
    html = page.content.decode()
    assert "在“大智街道工会”下新建工会" in html
    assert 'value="SA-G001"' in html and 'value="420102"' in html
    assert '<option value="grassroots" selected>' in html


def test_a_new_union_starts_by_choosing_its_parent_by_name(cast: Cast):
    client = cast.client("district_admin")
    url = reverse("staff:unions:union_new")
    # when the clerk names the parent by its full name (no JavaScript needed)
    response = client.get(url, {"parent": "大智街道工会"})
    # then the form of a union under it opens
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:unions:union_create", args=["SA"])
    # and a parent outside their scope is an error on the page, not a 404
    page = client.get(url, {"parent": "积玉桥街道工会"})
    assert page.status_code == 200
    assert "在您的范围内找不到名称或编码为“积玉桥街道工会”的工会" in page.content.decode()


def test_the_tree_page_offers_a_new_union_to_administrators_only(cast: Cast):
    tree = reverse("staff:unions:union_tree")
    assert "/staff/unions/new/" in cast.client("district_admin").get(tree).content.decode()
    assert "/staff/unions/new/" not in cast.client("auditor").get(tree).content.decode()


def test_a_union_moves_under_a_parent_chosen_by_name(cast: Cast):
    cast.client("city_admin").post(
        reverse("staff:unions:union_move", args=["SA"]),
        {"parent": "武昌区总工会", "reason": "区划调整"},
    )
    assert Union.objects.get(code="SA").path.startswith(cast.unions["DB"].path)


def test_moving_under_its_own_subtree_is_said_beside_the_field(cast: Cast):
    page = cast.client("city_admin").post(
        reverse("staff:unions:union_move", args=["DA"]), {"parent": "SA", "reason": "x"}
    )
    assert "不能移到它自己或它的下级之下。" in page.content.decode()


@pytest.mark.parametrize("code", ["pick", "new", "IMPORT"])
def test_the_addresses_of_the_tree_pages_are_no_union_codes(cast: Cast, code: str):
    with pytest.raises(DomainError) as refused:
        union_create(actor=SYSTEM, parent=cast.unions["SA"], code=code, name="x", kind="grassroots")
    assert "保留字" in str(refused.value.fields["code"])
