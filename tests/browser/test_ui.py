"""The page conventions of docs/ui.md in a real browser (see conftest.py): the top bar on a
phone, boxes beside their labels, every error at once with a summary, tables that scroll,
charts whose texts do not collide in English."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import FloatRect, Locator, Page, ViewportSize, expect

from tests.browser.helpers import login, main, topbar
from zhigong.members.services import applications
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1280, "height": 900}


def _box(locator: Locator) -> FloatRect:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not on the page"
    return box


def _rows(items: list[FloatRect]) -> int:
    """How many lines boxes stand on (boxes whose vertical middles are within 8px share one)."""
    middles = sorted(b["y"] + b["height"] / 2 for b in items)
    return 1 + sum(1 for a, b in itertools.pairwise(middles) if b - a > 8)


def _topbar_lines(page: Page) -> int:
    visible = topbar(page).locator(".brand, .menu-button, .topnav > *").all()
    return _rows([_box(item) for item in visible if item.is_visible()])


def test_the_top_bar_fits_a_phone_in_chinese_and_english(cast: Cast, page: Page):
    # given a member signed in, on a phone 390 pixels wide
    login(page, "member")
    page.set_viewport_size(PHONE)

    # when they open the home page, in Chinese and in English
    for language, menu, sign_out in (("中文", "菜单", "退出"), ("English", "Menu", "Sign out")):
        page.goto("/")
        if language == "English":
            topbar(page).get_by_text("菜单").click()
            topbar(page).get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")

        # then the top bar is one line: the brand and the menu button
        expect(topbar(page).get_by_text(menu, exact=True)).to_be_visible()
        assert _topbar_lines(page) <= 2
        assert _box(topbar(page))["height"] < 80
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        expect(topbar(page).get_by_role("button", name=sign_out)).to_be_hidden()

        # and the button opens the links, one a line, sign-out among them
        topbar(page).get_by_text(menu, exact=True).click()
        expect(topbar(page).get_by_role("button", name=sign_out)).to_be_visible()
        links = topbar(page).locator(".topnav > *").all()
        assert _rows([_box(link) for link in links]) == len(links)


def _beside(box: Locator, label: Locator) -> None:
    """The box stands left of its words, on the same line, at its own size."""
    mark, words = _box(box), _box(label)
    assert mark["width"] < 30, f"the box is stretched: {mark}"
    middle = mark["y"] + mark["height"] / 2
    assert words["y"] <= middle <= words["y"] + words["height"]
    assert words["height"] < 2 * 16 * 1.6, "the label wraps under its box"
    assert mark["x"] + mark["width"] <= words["x"] + words["width"]


def test_radios_and_checkboxes_sit_beside_their_labels(
    cast: Cast, page: Page, new_page: Callable[[], Page]
):
    # given an application waiting at GA, entered by its officer
    application = applications.application_submit(
        actor=cast.users["officer"],
        person=PersonInput(
            name="王芳",
            id_number=cast_id_number("42010219920808002"),
            phone="13700001111",
            ethnicity="汉族",
            education="bachelor",
        ),
        union=cast.unions["GA"],
    )
    # when the officer opens it on a phone
    login(page, "officer")
    page.set_viewport_size(PHONE)
    page.goto(f"/staff/members/applications/{application.pk}/")

    # then each radio of the decision stands beside its words, on one line
    for name in ("通过", "驳回"):
        radio = page.get_by_role("radio", name=name, exact=True)
        _beside(radio, page.locator("label", has=radio))

    # and on a member's page each checkbox of the form to see full data does too
    staff = new_page()
    login(staff, "street_staff")
    staff.set_viewport_size(PHONE)
    staff.goto(f"/staff/members/{cast.members['GA'].pk}/")
    main(staff).get_by_text("查看完整身份证号或手机号").click()
    for name in ("身份证号", "手机号"):
        box = staff.get_by_role("checkbox", name=name)
        _beside(box, staff.locator("label", has=box))

    # and so does the member's own "I confirm" box on the leave page
    member = new_page()
    login(member, "member")
    member.set_viewport_size(PHONE)
    member.goto("/me/leave/")
    confirm = member.get_by_role("checkbox", name="我确认退会")
    _beside(confirm, member.locator("label", has=confirm))


def test_a_form_with_two_errors_shows_both_and_a_summary(cast: Cast, page: Page):
    # given the street centre's staff on a member's page, on a phone
    login(page, "street_staff")
    page.set_viewport_size(PHONE)
    page.goto(f"/staff/members/{cast.members['GA'].pk}/")

    # when they ask to see full data with no field ticked and a one-character reason
    main(page).get_by_text("查看完整身份证号或手机号").click()
    page.get_by_label("查看理由").fill("查")
    page.get_by_role("button", name="查看", exact=True).click()

    # then a summary at the top of the form lists both errors, in plain words, and has focus
    summary = page.get_by_role("alert").filter(has_text="提交前请更正以下问题")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary).to_contain_text("请选择要查看的字段。")
    expect(summary).to_contain_text("请至少填写 2 个字（现在 1 个）。")
    # and each error also stands beside its field
    expect(main(page).locator("#id_reason_error")).to_contain_text("请至少填写 2 个字")
    expect(main(page).locator("#id_items_error")).to_contain_text("请选择要查看的字段。")
    # and a link of the summary takes them to the field
    summary.get_by_role("link", name=re.compile("查看理由")).click()
    expect(page.get_by_label("查看理由")).to_be_focused()


def test_long_names_wrap_and_tables_scroll_on_a_phone(cast: Cast, page: Page):
    # given a member whose union has a very long name, and staff on a phone
    union = cast.unions["GA"]
    union.name = "武汉江城机械制造有限责任公司第二分厂机加工车间联合工会委员会"
    union.save(update_fields=["name"])
    login(page, "district_admin")
    page.set_viewport_size(PHONE)

    # when they open the member list
    page.goto("/staff/members/")
    name = CAST_MEMBERS["GA"][0]
    row = main(page).get_by_role("row").filter(has_text=name)

    # then the page does not grow sideways: the table scrolls in its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrap = main(page).locator(".table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    # and no cell stands one character a line: the name is on one line, the union on a few
    cell = _box(row.get_by_role("cell").first)
    assert cell["height"] < 6 * 16 * 1.6
    # and the search form's labels stand right above their fields
    search = page.get_by_role("form", name="查找会员")
    for label in ("姓名", "身份证号", "状态"):
        field = _box(search.get_by_label(label, exact=True))
        words = _box(search.locator("label", has_text=re.compile(f"^{label}$")))
        assert 0 <= field["y"] - (words["y"] + words["height"]) < 8
        assert abs(field["x"] - words["x"]) < 4


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["x"] < b["x"] + b["width"] - 0.5
        and b["x"] < a["x"] + a["width"] - 0.5
        and a["y"] < b["y"] + b["height"] - 0.5
        and b["y"] < a["y"] + a["height"] - 0.5
    )


TEXT_BOXES = """svg => {
  const frame = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => { const r = t.getBoundingClientRect();
      return {text: t.textContent, x: r.x, y: r.y, width: r.width, height: r.height,
              inside: r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5
                      && r.top >= frame.top - 0.5 && r.bottom <= frame.bottom + 0.5}; });
}"""


def test_the_figures_charts_in_english_have_no_overlapping_labels(cast: Cast, page: Page):
    # given city staff on the figures page, in English, with more members than one
    cast.bulk_members("GA", 37)
    login(page, "city_org")
    page.goto("/staff/members/figures/?union=CITY")
    topbar(page).get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # when they look at each chart, at a desktop width and on a phone
    for viewport in (DESK, PHONE):
        page.set_viewport_size(viewport)
        charts = main(page).locator("figure svg").all()
        assert len(charts) == 5
        for chart in charts:
            boxes = chart.evaluate(TEXT_BOXES)
            # then every text is whole inside its chart, and no two texts overlap
            assert all(b["inside"] for b in boxes), [b["text"] for b in boxes if not b["inside"]]
            clashes = [
                (a["text"], b["text"])
                for i, a in enumerate(boxes)
                for b in boxes[i + 1 :]
                if _overlaps(a, b)
            ]
            assert clashes == [], clashes
            # and the axes count whole members
            numbers = [b["text"] for b in boxes if re.fullmatch(r"[\d.,]+", b["text"])]
            assert all(re.fullmatch(r"\d+", n) for n in numbers), numbers
    # and the long education label is shown whole, on two lines
    education = main(page).get_by_role("img", name="Education")
    expect(education).to_contain_text("Senior high, secondary")
