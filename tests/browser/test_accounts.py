"""Journeys through the account pages, in a real browser (see conftest.py)."""

from __future__ import annotations

import base64
import re

from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, logout, main
from zhigong.testing.cast import Cast


def authenticator_code(secret: str) -> str:
    """What an authenticator app shows for the secret typed in by hand."""
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("验证码").fill(code)
    page.get_by_role("button", name="验证", exact=True).click()


def test_centre_staff_set_up_the_second_factor_and_later_use_a_recovery_code_once(
    cast: Cast, page: Page, settings
):
    settings.STAFF_MFA_REQUIRED = True
    # given centre staff (they may reveal ID numbers) logging in: sent to set up the factor
    login(page, "street_staff")
    expect(page).to_have_url(re.compile(r"/accounts/mfa/"))
    expect(main(page).get_by_label("两步验证二维码")).to_be_visible()
    # when they type the secret into their app and enter its code
    secret = main(page).get_by_label("两步验证密钥").inner_text().strip()
    enter_code(page, authenticator_code(secret))
    # then ten recovery codes are shown, once, and the workbench opens
    expect(main(page).get_by_role("heading", name="恢复码")).to_be_visible()
    codes = main(page).get_by_role("list", name="恢复码列表").get_by_role("listitem")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text().strip()
    main(page).get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    logout(page)

    # when they log in without their phone and use a recovery code
    login(page, "street_staff")
    expect(page).to_have_url(re.compile(r"/accounts/mfa/"))
    enter_code(page, recovery)
    # then they are in, and told how many codes are left
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(main(page)).to_contain_text("还剩 9 个")
    logout(page)

    # and the same code does not work a second time
    login(page, "street_staff")
    enter_code(page, recovery)
    expect(main(page)).to_contain_text("验证码不正确或已过期")
    expect(page).to_have_url(re.compile(r"/accounts/mfa/"))
