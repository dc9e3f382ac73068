"""Journeys through the events pages, in a real browser (see conftest.py): the street's
service centre publishes a mixer; a member signs up on a phone; a second member goes onto the
waiting list and gets the place when the first cancels; the centre checks them in at the door
by the card number."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, main
from zhigong.events.models import Event
from zhigong.events.tests.conftest import card_number, make_member
from zhigong.testing.cast import Cast

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_mixer_with_a_waiting_list_and_check_in_by_card(
    cast: Cast, page: Page, new_page: Callable[[], Page]
):
    second = make_member(cast, "GA", "female", name="李晓红")
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    # given the street's service centre on the workbench
    login(page, "street_staff")
    page.goto("/staff/events/")
    main(page).get_by_role("link", name="新建活动").click()
    # when they fill in a mixer with one place, for the members of the street
    page.get_by_label("主办工会").fill("大智")
    page.get_by_role("radio", name=re.compile("大智街道工会")).check()
    page.get_by_label("活动类型").select_option(label="联谊活动")
    page.get_by_label("活动名称").fill("青年职工周末联谊会")
    page.get_by_label("活动介绍").fill("游园、茶叙，欢迎单身青年职工参加。")
    page.get_by_label("开始时间").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(re.compile(r"^地点")).fill("大智街道职工之家")
    page.get_by_label(re.compile(r"^名额")).fill("1")
    page.get_by_role("button", name="保存").click()
    expect(main(page)).to_contain_text("活动已保存为草稿")
    # and publish it
    main(page).get_by_role("button", name="发布").click()
    expect(main(page)).to_contain_text("已办理：发布。")
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("报名中")
    event = Event.objects.get()

    # when the member signs up on a phone
    phone = new_page()
    login(phone, "member")
    phone.set_viewport_size(PHONE)
    phone.goto("/me/events/")
    main(phone).get_by_role("link", name="青年职工周末联谊会").click()
    main(phone).get_by_role("button", name="我要报名").click()
    # then they hold the place
    expect(main(phone)).to_contain_text("报名成功")
    expect(main(phone)).to_contain_text("已报名")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # when a second member signs up for the full event
    other = new_page()
    assert second.user is not None
    login(other, second.user.username)
    other.goto(f"/me/events/{event.pk}/")
    expect(main(other)).to_contain_text("名额已满，报名后将进入候补名单。")
    main(other).get_by_role("button", name="我要报名").click()
    # then they are first on the waiting list
    expect(main(other)).to_contain_text("您在候补名单第 1 位")

    # when the first member cancels
    main(phone).get_by_role("button", name="取消报名").click()
    expect(main(phone)).to_contain_text("已取消报名。")
    # then the second has the place, and is told so
    other.reload()
    expect(main(other)).to_contain_text("已报名")
    expect(main(other)).not_to_contain_text("候补名单")

    # when the centre checks the second member in at the door by the card number
    page.goto(f"/staff/events/{event.pk}/")
    main(page).get_by_role("link", name="签到").click()
    page.get_by_label("会员卡号").fill(card_number(second))
    main(page).get_by_role("button", name="签到", exact=True).click()
    # then the page shows who it is, masked, and that they are checked in
    expect(main(page).get_by_role("status")).to_contain_text("李*红")
    expect(main(page).get_by_role("status")).to_contain_text("签到成功")
    expect(main(page)).to_contain_text("已签到 1 / 1 人")
