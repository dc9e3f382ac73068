"""Journeys through the clerk's workbench, in a real browser (see conftest.py): choosing a
union by typing part of its name, and the morning's to-do list."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, main
from zhigong.core.actors import SYSTEM
from zhigong.members.services.applications import application_submit
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import Cast, cast_id_number


def test_a_clerk_picks_a_union_by_typing_part_of_its_name(cast: Cast, page: Page):
    # given the district administrator on the member search
    login(page, "district_admin")
    page.goto("/staff/members/")
    search = page.get_by_role("form", name="查找会员")
    # when they type part of the enterprise's name where the union goes
    search.get_by_label("工作单位").fill("机械")
    # then the unions of their district that match are offered, with the path above them
    choice = search.get_by_role("radio", name=re.compile("武汉江城机械有限公司工会"))
    expect(choice).to_be_visible()
    expect(search).to_contain_text("武汉市总工会 › 江岸区总工会 › 大智街道工会")
    expect(search).not_to_contain_text("楚天电子")
    # when they choose it, the field takes its code and says what was chosen
    choice.check()
    expect(search.get_by_label("工作单位")).to_have_value("GA")
    expect(search).to_contain_text("已选择：武汉江城机械有限公司工会")
    search.get_by_role("button", name="查找").click()
    # then the search lists the members there
    expect(page).to_have_url(re.compile(r"union=GA"))
    expect(main(page).get_by_role("link", name="张伟")).to_be_visible()
    # and a mistyped code is said beside the field, on the same page
    search = page.get_by_role("form", name="查找会员")
    search.get_by_label("工作单位").fill("GX-404")
    search.get_by_role("button", name="查找").click()
    expect(main(page)).to_contain_text("在您的范围内找不到名称或编码为“GX-404”的工会")
    expect(main(page).get_by_role("heading", name="会员")).to_be_visible()


def test_the_morning_to_do_list_leads_to_an_application_to_review(cast: Cast, page: Page):
    # given a worker applied overnight to join at GA
    application_submit(
        actor=SYSTEM,
        person=PersonInput(name="王芳", id_number=cast_id_number("42010219920808002")),
        union=cast.unions["GA"],
    )
    # when the officer at GA opens the workbench in the morning
    login(page, "officer")
    page.goto("/staff/")
    todo = main(page).get_by_role("region", name="今日待办")
    # then the application waits there, counted
    row = todo.get_by_role("row", name=re.compile("入会申请待审核"))
    expect(row).to_contain_text("1")
    # and it leads to the application, ready for review
    row.get_by_role("link", name="入会申请待审核").click()
    main(page).get_by_role("link", name="王芳").click()
    expect(main(page).get_by_role("heading", name="基层工会审核", exact=True)).to_be_visible()
