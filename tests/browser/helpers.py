"""What the journeys do with a page, by visible labels and roles, never by Django URL names
(those are being renamed into nested namespaces; the public paths stay)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from zhigong.testing.cast import PASSWORD


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in at /accounts/login/ as a person would, and wait to land past the login page."""
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect(topbar(page).get_by_role("button", name="退出")).to_be_visible()


def logout(page: Page) -> None:
    """Log out with the button in the top bar."""
    topbar(page).get_by_role("button", name="退出").click()
    expect(topbar(page).get_by_role("link", name="登录")).to_be_visible()


def topbar(page: Page) -> Locator:
    """The top bar (the page's banner): brand, main navigation, language switch."""
    return page.get_by_role("banner")


def main(page: Page) -> Locator:
    """The page's main region, where its content is (the top bar and sidebar are outside)."""
    return page.get_by_role("main")
