"""A worker gets in on their own, on a phone (see conftest.py): from the home page, register
with the code of a text message, set a password, apply for membership, see the application;
and a forgotten password reset the same way."""

from __future__ import annotations

import re

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import main, topbar
from zhigong.core.idnumber import check_digit
from zhigong.notifications.backends import MemorySmsBackend
from zhigong.testing.cast import CAST_MEMBERS, Cast

PHONE_SCREEN: ViewportSize = {"width": 390, "height": 844}
NUMBER = "13912340001"  # a worker with only a phone: no account, no member record
PASSWORD = "Lathe-Turner-2026"


def code_sent_to(number: str) -> str:
    """The code in the newest text to ``number`` (the memory backend of the test settings)."""
    texts = MemorySmsBackend.texts_to(number)
    assert texts, f"no text was sent to {number}"
    found = re.search(r"验证码 (\d{6})", texts[-1])
    assert found is not None, texts[-1]
    return found.group(1)


def test_a_worker_with_only_a_phone_registers_and_applies(cast: Cast, page: Page):
    MemorySmsBackend.outbox.clear()
    page.set_viewport_size(PHONE_SCREEN)
    # given a worker on the home page, on a phone, not logged in
    page.goto("/")
    # when they follow 注册 and ask for a code for their number
    main(page).get_by_role("link", name="注册").click()
    expect(main(page).get_by_role("heading", name="用手机号注册")).to_be_visible()
    page.get_by_label("手机号").fill(NUMBER)
    page.get_by_role("button", name="获取验证码").click()
    # then the page says where the text went, with the number masked
    expect(main(page)).to_contain_text("短信已发送至 139****0001")
    # when they type the code from the text, their name, and set a password
    page.get_by_label("短信验证码").fill(code_sent_to(NUMBER))
    page.get_by_label("姓名").fill("赵师傅")
    page.get_by_label("设置密码").fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    page.get_by_role("button", name="注册", exact=True).click()
    # then they are logged in, on the application form
    expect(page).to_have_url(re.compile(r"/me/apply/$"))
    expect(main(page)).to_contain_text("注册成功")
    expect(main(page).get_by_role("heading", name="申请入会")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SCREEN["width"]

    # and the form already holds their name and number from the account
    expect(page.get_by_label("姓名")).to_have_value("赵师傅")
    expect(page.get_by_label("手机号")).to_have_value(re.compile(r"^139\*{4}0001$"))
    # when they fill in the rest, pick their union by searching for it, and agree to the notice
    page.get_by_label("身份证号").fill("42010219880412003" + check_digit("42010219880412003"))
    page.get_by_label("民族").select_option(label="汉族")
    page.get_by_label("岗位").fill("车工")
    page.get_by_label("工作单位").fill("机械")
    page.get_by_role("radio", name=re.compile("武汉江城机械有限公司工会")).check()
    page.get_by_label("我已阅读并同意《会员信息处理告知书》").check()
    page.get_by_role("button", name="提交申请").click()
    # then they see the application they submitted, waiting for the grassroots union
    expect(page).to_have_url(re.compile(r"/me/application/$"))
    expect(main(page)).to_contain_text("入会申请已提交，请等待基层工会审核。")
    expect(main(page)).to_contain_text("待基层工会审核")
    expect(topbar(page).get_by_text("菜单")).to_be_visible()


def test_a_member_who_forgot_the_password_resets_it_by_text(cast: Cast, page: Page):
    MemorySmsBackend.outbox.clear()
    number = CAST_MEMBERS["GA"][2]  # on the member record of the "member" login
    page.set_viewport_size(PHONE_SCREEN)
    # given a member at the login page who forgot the password
    page.goto("/accounts/login/")
    main(page).get_by_role("link", name="忘记密码").click()
    expect(main(page).get_by_role("heading", name="找回密码")).to_be_visible()
    # when they ask for a code for their number
    page.get_by_label("手机号").fill(number)
    page.get_by_role("button", name="获取验证码").click()
    expect(main(page)).to_contain_text("如果这个号码已注册，验证码已发送至 138****1234")
    # and set a new password with it
    page.get_by_label("短信验证码").fill(code_sent_to(number))
    page.get_by_label(re.compile(r"^新密码")).fill(PASSWORD)
    page.get_by_label("再次输入新密码").fill(PASSWORD)
    page.get_by_role("button", name="重置密码").click()
    # then they are back at the login page and log in with the number and the new password
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(main(page)).to_contain_text("密码已重置")
    page.get_by_label("用户名或手机号").fill(number)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(main(page)).to_contain_text("张伟")
