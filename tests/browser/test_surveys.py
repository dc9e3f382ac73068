"""Journey through a centre's satisfaction survey, in a real browser (see conftest.py): the
street's service centre makes a survey and prints a one-time code; a walk-in worker scans it
and answers on a phone, without logging in; the same code used again is refused with a
clear message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, main
from zhigong.surveys.models import Response
from zhigong.surveys.tests.routes import cast_centre
from zhigong.testing.cast import Cast

PHONE: ViewportSize = {"width": 390, "height": 844}
LOCAL = "%Y-%m-%dT%H:%M"


def test_a_walk_in_worker_answers_a_centres_survey_with_a_one_time_code(
    cast: Cast, page: Page, new_page: Callable[[], Page]
):
    centre = cast_centre(cast)
    now = timezone.localtime()
    # given the street's service centre on the workbench
    login(page, "street_staff")
    page.goto("/staff/surveys/")
    main(page).get_by_role("link", name="新建测评").click()
    # when they make a survey of the centre's visitors, with the satisfaction question
    page.get_by_label("测评对象").select_option(label=centre.name)
    page.get_by_label("标题").fill("服务中心来访职工满意度测评")
    page.get_by_label("开始时间").fill((now - dt.timedelta(hours=1)).strftime(LOCAL))
    page.get_by_label("结束时间").fill((now + dt.timedelta(days=7)).strftime(LOCAL))
    page.get_by_label("题目").fill("评分* 服务态度\n文字 您的建议")
    page.get_by_role("button", name="保存").click()
    expect(main(page)).to_contain_text("测评已保存为草稿")
    main(page).get_by_role("button", name="开始测评").click()
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("测评中")
    # and print a sheet with one code
    main(page).get_by_role("link", name="打印一次性测评码").click()
    page.get_by_label("生成数量").fill("1")
    page.get_by_role("button", name="生成并显示").click()
    card = main(page).locator("figure.code-card")
    expect(card.locator("svg")).to_be_visible()
    url = card.get_attribute("data-url")
    assert url and "/s/" in url

    # then a walk-in worker scans it on a phone, with no login
    phone = new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(url)
    expect(main(phone).get_by_role("heading", level=1)).to_have_text("服务中心来访职工满意度测评")
    main(phone).get_by_role("button", name="提交").click()
    expect(main(phone)).to_contain_text("第 1 题为必答题")  # nothing chosen yet
    main(phone).get_by_role("radio", name="基本满意").check()
    main(phone).get_by_role("radio", name="5 ★").check()
    main(phone).get_by_label("您的建议").fill("希望周末也开放")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    main(phone).get_by_role("button", name="提交").click()
    expect(main(phone)).to_contain_text("答卷已提交，感谢您参加测评！")
    assert Response.objects.filter(channel="code").count() == 1

    # and the same code, scanned again, is refused with a clear message
    phone.goto(url)
    expect(main(phone)).to_contain_text("该测评码已使用过，每个码只能答一次。")
    expect(main(phone).get_by_role("button", name="提交")).to_have_count(0)
    assert Response.objects.count() == 1

    # the centre sees the answer in the results
    page.goto(page.url.split("codes/")[0])
    expect(main(page)).to_contain_text("100.0%")
    expect(main(page)).to_contain_text("希望周末也开放")
