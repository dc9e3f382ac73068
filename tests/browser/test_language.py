"""The language switch in the top bar, in a real browser (see conftest.py)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, main, topbar
from zhigong.testing.cast import Cast


def test_switch_to_english_and_back(cast: Cast, page: Page):
    # given a staff member on the member search, in Chinese (the browser asks for zh-CN)
    login(page, "district_admin")
    page.goto("/staff/members/")
    expect(main(page).get_by_role("heading", name="会员")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    # when they switch to English in the top bar
    topbar(page).get_by_role("button", name="English").click()
    # then the same page is in English, and stays so on the next page
    expect(page).to_have_url(re.compile(r"/staff/members/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(main(page).get_by_role("button", name="Find")).to_be_visible()
    expect(topbar(page).get_by_role("button", name="Sign out")).to_be_visible()
    page.goto("/staff/")
    expect(
        page.get_by_role("complementary").get_by_role("link", name="My Workbench")
    ).to_be_visible()
    # when they switch back to 中文
    topbar(page).get_by_role("button", name="中文").click()
    # then the labels are Chinese again
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("complementary").get_by_role("link", name="我的工作台")).to_be_visible()
    expect(topbar(page).get_by_role("button", name="退出")).to_be_visible()
    expect(topbar(page).get_by_role("button", name="English")).to_be_visible()
