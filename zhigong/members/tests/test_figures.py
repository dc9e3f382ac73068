"""The member figures page and API: right numbers, right scope, charts without script."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from zhigong.core.actors import SYSTEM
from zhigong.members.figures import tables as figures
from zhigong.members.services.registry import member_set_status
from zhigong.testing.cast import Cast
from zhigong.unions import charts

URL = "/staff/members/figures/"
API = "/api/v1/members/figures"


@pytest.mark.django_db
def test_page_shows_the_subtree_in_chinese_with_charts_and_children(cast: Cast) -> None:
    # given a city organisation department staff member
    client = cast.client("city_org")

    # when they open the city's figures
    response = client.get(URL, {"union": "CITY"})

    # then the totals, the Chinese labels, the charts and both districts are there
    page = response.content.decode()
    assert response.status_code == 200
    assert "武汉市总工会会员统计" in page
    for label in ("正常", "男", "女", "年龄段", "政治面貌", "学历", "35至44岁", "未填写"):
        assert label in page
    assert page.count("<svg") == 5
    assert "江岸区总工会" in page and "武昌区总工会" in page
    assert 'href="?union=DA"' in page  # drill down


@pytest.mark.django_db
def test_charts_carry_no_script_and_reference_nothing_outside(cast: Cast) -> None:
    # given the figures of the city
    tables = figures.figure_tables(cast.unions["CITY"])

    for table in tables:
        svg = table.chart
        # then each chart is plain SVG: no script, no event handlers, no outside address
        assert svg.startswith("<svg")
        assert "<script" not in svg.lower()
        assert not re.search(r"\son\w+\s*=", svg)
        assert not re.search(r"(href|src)\s*=\s*[\"'](?!#)", svg)
        assert "@import" not in svg and "url(http" not in svg
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", svg))
        assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
        assert "Noto Sans CJK SC" in svg  # a font that has the Chinese labels


@pytest.mark.django_db
def test_page_defaults_to_the_top_of_the_users_scope(cast: Cast) -> None:
    # given a street centre worker
    response = cast.client("street_staff").get(URL)

    # then the page shows their street, and the crumbs above it are names, not links
    page = response.content.decode()
    assert "大智街道工会会员统计" in page
    assert "?union=DA" not in page and "江岸区总工会" in page


@pytest.mark.django_db
def test_children_table_reads_counts_in_one_query(cast: Cast) -> None:
    # given the city with two districts
    with CaptureQueriesContext(connection) as queries:
        rows = list(figures.children_table(cast.unions["CITY"]))

    # then one query gives each child its members
    assert len(queries) == 1
    assert {(u.code, u.active_members, u.total_members) for u in rows} == {
        ("DA", 1, 1),
        ("DB", 1, 1),
    }


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_tree(cast: Cast) -> None:
    client = cast.client("city_admin")
    client.get(URL, {"union": "CITY"})  # warm the session and chart cache

    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"union": "CITY"}).status_code == 200

    assert len(queries) <= 12


@pytest.mark.django_db
def test_api_answers_counts_by_code_with_zeros(cast: Cast) -> None:
    # given the GB member is suspended
    member_set_status(actor=SYSTEM, member=cast.members["GB"], status="suspended", reason="测试")

    # when the city admin asks for the city's figures
    data = cast.client("city_admin").get(API, {"union": "CITY"}).json()

    # then every dimension is there with codes as keys
    assert data["union"] == {"code": "CITY", "name": "武汉市总工会"}
    assert data["status"] == {"applied": 0, "active": 1, "suspended": 1, "left": 0}
    assert data["gender"] == {"male": 1, "female": 0}
    assert sum(data["age_band"].values()) == 1
    assert set(data["education"]) >= {"primary", "bachelor", "doctor"}


@pytest.mark.django_db
def test_api_outside_scope_is_404_like_an_unknown_union(cast: Cast) -> None:
    client = cast.client("other_admin")

    outside = client.get(API, {"union": "DA"})
    unknown = client.get(API, {"union": "NOPE"})

    assert outside.status_code == unknown.status_code == 404
    assert outside.json() == unknown.json()


@pytest.mark.django_db
def test_union_view_without_member_view_gets_404(cast: Cast) -> None:
    # the legal department sees the union tree of DA but not its members
    assert cast.client("dept_legal").get(URL, {"union": "DA"}).status_code == 404
    assert cast.client("dept_legal").get(API, {"union": "DA"}).status_code == 404


def test_axis_ticks_are_whole_numbers_above_the_largest_bar() -> None:
    # given one member, a thousand and some, and nobody
    # then the steps are whole numbers and the top tick is above the largest bar
    assert charts.integer_ticks(1) == [0, 1, 2]
    assert charts.integer_ticks(7) == [0, 2, 4, 6, 8]
    assert charts.integer_ticks(1234) == [0, 500, 1000, 1500]
    assert charts.integer_ticks(0) == [0, 1]


def test_label_widths_count_chinese_characters_as_wide() -> None:
    # given a Chinese label and a Latin one of as many characters
    # then the Chinese one is about twice as wide
    assert charts.text_width("本科本科", 13) == 52
    assert 20 < charts.text_width("abcd", 13) < 30


def test_long_labels_wrap_on_two_even_lines_between_words() -> None:
    # given the English name of 高中、中专、技校 and a column 200 pixels wide
    label = "Senior high, secondary vocational or technical school"

    # when it is wrapped
    lines = charts.wrap_label(label, 200, 13)

    # then it is on the two most even lines, broken between words
    assert lines == ["Senior high, secondary", "vocational or technical school"]
    # and a short label, or a Chinese one that fits, stays on one line
    assert charts.wrap_label("Doctorate", 200, 13) == ["Doctorate"]
    assert charts.wrap_label("高中、中专、技校", 200, 13) == ["高中、中专、技校"]
    # and a Chinese one too long breaks after a 、 rather than inside a word
    assert charts.wrap_label("高中、中专、技校", 80, 13) == ["高中、", "中专、技校"]


def test_english_charts_wrap_long_labels_and_count_in_whole_numbers(cast: Cast) -> None:
    # given the figures of the city, in English
    with translation.override("en"):
        tables = {t.dimension: t for t in figures.figure_tables(cast.unions["CITY"])}

    # then the long education label is drawn on two lines
    education = tables["education"].chart
    assert '">Senior high, secondary</tspan>' in education
    assert '">vocational or technical school</tspan>' in education
    # and no axis of any chart counts in fractions of a member
    for table in tables.values():
        numbers = re.findall(r'<text[^>]*class="(?:major|)"[^>]*>([\d.,]+)</text>', table.chart)
        assert all(re.fullmatch(r"\d+", n) for n in numbers), (table.dimension, numbers)
