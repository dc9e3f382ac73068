"""Journeys through the project and offer pages, in a real browser: a volunteer signs up to a
project and logs hours on a phone, and the organiser confirms them; a worker finds an offer on
the portal and asks for help, and the centre connects them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, logout, main
from zhigong.members.models import Member
from zhigong.testing.cast import PASSWORD, Cast
from zhigong.volunteers.service_choices import HelpRequestStatus, HoursStatus
from zhigong.volunteers.service_models import HelpRequest, ServiceHours
from zhigong.volunteers.tests.service_fixtures import (
    approved_volunteer,
    listed_offer,
    open_project,
)

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_volunteer_signs_up_and_logs_hours_on_a_phone_and_the_organiser_confirms(
    cast: Cast, page: Page
):
    approved_volunteer(cast)
    project = open_project(cast)
    # given the volunteer on the portal, on a phone
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/volunteers/projects/")
    main(page).get_by_role("link", name=project.title).click()
    page.get_by_role("button", name="报名参加").click()
    expect(main(page)).to_contain_text("报名成功")
    # when they log the hours they served yesterday
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.get_by_label("服务日期").fill(yesterday)
    page.get_by_label("时长（小时）").fill("2.5")
    page.get_by_label("做了什么").fill("为困难职工子女辅导数学")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="登记", exact=True).click()
    expect(main(page)).to_contain_text("等待项目组织工会确认")
    expect(main(page)).to_contain_text("待确认")
    page.set_viewport_size({"width": 1280, "height": 800})
    logout(page)
    # then the organiser (GA's officer) confirms them from the queue
    login(page, "officer")
    page.goto("/staff/volunteers/hours/")
    main(page).get_by_role("link", name=project.title).click()
    page.get_by_test_id("project-hours").get_by_role("button", name="确认", exact=True).click()
    expect(main(page)).to_contain_text("已处理。")
    assert ServiceHours.objects.get().status == HoursStatus.CONFIRMED
    logout(page)
    # and the volunteer sees the confirmed hours on their page
    login(page, "member")
    page.goto("/me/volunteer/")
    expect(page.get_by_test_id("hours")).to_contain_text("2.5")


def test_a_worker_finds_an_offer_and_asks_for_help(cast: Cast, page: Page):
    offer = listed_offer(cast)
    user = get_user_model().objects.create_user("lina", password=PASSWORD)
    Member.objects.filter(name="李娜").update(user=user)
    # a worker finds the offer on the portal without logging in: the name is masked
    page.goto("/volunteers/offers/")
    expect(main(page)).to_contain_text("张*")
    expect(main(page)).not_to_contain_text("张伟")
    main(page).get_by_role("link", name=offer.specialty).click()
    main(page).get_by_role("link", name="登录").click()
    login(page, "lina")
    page.goto(f"/volunteers/offers/{offer.pk}/")
    page.get_by_label("需要什么帮助").fill("家里电路老化，想请师傅检修。")
    page.get_by_role("button", name="提交求助").click()
    expect(main(page)).to_contain_text("服务中心会尽快与您联系")
    logout(page)
    # the district's centre connects them
    login(page, "district_admin")
    page.goto("/staff/volunteers/help/")
    main(page).get_by_role("link").first.click()
    page.get_by_label("已对接").check()
    page.get_by_label("对接情况").fill("已电话联系双方，约定周六上门。")
    page.get_by_role("button", name="记录对接").click()
    expect(main(page)).to_contain_text("已处理。")
    assert HelpRequest.objects.get().status == HelpRequestStatus.CONNECTED
