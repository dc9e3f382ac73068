"""The journey of a special hardship appeal (HARD-2), in a real browser (see conftest.py): a
grassroots officer raises it with a picture, another officer of the union verifies it, the
district's help centre publishes it, and a worker finds it on the portal on a phone and
pledges."""

from __future__ import annotations

import re

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, logout, main
from zhigong.appeals.choices import AppealStatus
from zhigong.appeals.models import HardshipAppeal, Pledge
from zhigong.appeals.tests.conftest import staff
from zhigong.appeals.tests.routes import ADDRESS, JPEG
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number
from zhigong.unions.roles import Role

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_raised_verified_published_and_pledged_on_a_phone(cast: Cast, page: Page):
    staff(cast, "officer2", "GA", Role.GRASSROOTS_OFFICER)
    name, body, phone = CAST_MEMBERS["GA"]
    # given GA's officer raising an appeal for their member 张伟, with a picture
    login(page, "officer")
    page.goto("/staff/appeals/")
    main(page).get_by_role("link", name="提出求助").click()
    page.get_by_label("提出求助的工会").fill("江城")
    page.get_by_role("radio", name=re.compile("江城机械")).check()
    page.get_by_label("职工姓名").fill(name)
    page.get_by_label("身份证号").fill(cast_id_number(body))
    page.get_by_label("详细住址").fill(ADDRESS)
    page.get_by_label("所在区、街道").fill("江岸区大智街道")
    page.get_by_label(re.compile(r"^标题")).fill("张伟师傅身患重病急需救助")
    page.get_by_label("困难情况").fill("张伟师傅突发尿毒症，每周透析三次，孩子正在上学。")
    page.get_by_label("需要的帮助").fill("医疗费用救助")
    page.get_by_label("求助金额（元）").fill("50000")
    page.get_by_label("图片").set_input_files(
        {"name": "家中情况.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    page.get_by_role("button", name="保存").click()
    expect(main(page)).to_contain_text("已保存为草稿")
    main(page).get_by_role("button", name="提交核实").click()
    expect(main(page)).to_contain_text("待基层工会核实")
    expect(main(page)).to_contain_text("须由本工会其他工作人员核实")
    logout(page)
    # when another officer of the union verifies it after a home visit
    login(page, "officer2")
    page.goto("/staff/appeals/waiting/")
    main(page).get_by_role("link", name="张伟师傅身患重病急需救助").click()
    page.get_by_label("情况属实").check()
    page.get_by_label("入户走访").check()
    page.get_by_label("核实情况").fill("12月5日入户走访，查验诊断证明，情况属实。")
    page.get_by_role("button", name="提交核实结论").click()
    expect(main(page)).to_contain_text("已核实，待帮扶中心发布")
    logout(page)
    # and the district's help centre publishes it, editing the text for privacy
    login(page, "district_admin")
    page.goto("/staff/appeals/waiting/")
    main(page).get_by_role("link", name="张伟师傅身患重病急需救助").click()
    page.get_by_label("公开标题").fill("张师傅身患重病急需救助")
    page.get_by_label("公开内容").fill("张师傅突发尿毒症，每周透析三次，孩子正在上学。")
    page.get_by_label("家中情况.jpg").check()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(main(page)).to_contain_text("已在门户发布")
    logout(page)
    # then a worker finds it on the portal on a phone, sees no one's number, and pledges
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/appeals/")
    main(page).get_by_role("link", name="张师傅身患重病急需救助").click()
    expect(main(page)).to_contain_text("张*，江岸区大智街道")
    expect(main(page).get_by_role("img", name="求助图片")).to_be_visible()
    text = main(page).inner_text()
    assert cast_id_number(body) not in text and phone not in text and "解放大道" not in text
    page.get_by_label("帮助方式").select_option(label="捐款")
    page.get_by_label("金额（元）").fill("200")
    page.get_by_label("在门户匿名").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="提交认捐").click()
    expect(main(page)).to_contain_text("谢谢您的爱心")
    expect(main(page)).to_contain_text("爱心人士")
    assert HardshipAppeal.objects.get().status == AppealStatus.PUBLISHED
    assert Pledge.objects.get().amount == 200
