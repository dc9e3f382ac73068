"""Journeys through the centre pages, in a real browser (see conftest.py): a district clerk
registers a street station on a phone, is told the naming rule, and sees what the station
lacks against the year's standard; a worker finds a centre on the portal on a phone."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, main
from zhigong.centres.services.registry import CentreInput, centre_register
from zhigong.centres.services.standards import standards_start_year
from zhigong.core.actors import SYSTEM
from zhigong.surveys.centre_visitors import CENTRE_VISITORS
from zhigong.surveys.models import Response
from zhigong.surveys.services.organise import survey_create, survey_move
from zhigong.surveys.tests.routes import survey_input
from zhigong.testing.cast import PASSWORD, Cast
from zhigong.unions.models import ServiceCentre

PHONE: ViewportSize = {"width": 390, "height": 844}


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_district_clerk_registers_a_street_station_on_a_phone(cast: Cast, page: Page):
    standards_start_year(actor=SYSTEM, year=timezone.localdate().year)
    # given the district's administrator on the registry, on a phone
    login(page, "district_admin")
    page.set_viewport_size(PHONE)
    page.goto("/staff/centres/")
    main(page).get_by_role("link", name="登记服务中心（站）").click()
    # when they pick the street union and fill the station in, with a name off the rule
    page.get_by_label("所属工会").fill("大智")
    page.get_by_role("radio", name=re.compile("大智街道工会")).check()
    page.get_by_label("类别").select_option(label="服务站")
    page.get_by_label("名称").fill("大智街道工作站")
    page.get_by_label("建设标准层级").select_option(value="street")
    page.get_by_label("地址").fill("武汉市江岸区大智路 1 号")
    page.get_by_label("行政区划代码").fill("420102")
    page.get_by_label("服务热线").fill("027-82800000")
    page.get_by_label("总面积（平方米）").fill("180")
    page.get_by_label("政策咨询").check()
    page.get_by_label("困难帮扶").check()
    _fits(page)
    page.get_by_role("button", name="保存").click()
    # then they are told the rule, and nothing is registered
    expect(main(page)).to_contain_text("××职工服务中心××工作站")
    assert not ServiceCentre.objects.exists()
    # when they correct the name
    page.get_by_label("名称").fill("江岸区职工服务中心大智街道工作站")
    page.get_by_role("button", name="保存").click()
    # then the station's page shows what it lacks against the year's standard
    expect(
        main(page).get_by_role("heading", name="江岸区职工服务中心大智街道工作站")
    ).to_be_visible()
    expect(main(page)).to_contain_text("总面积差 20.00 平方米")
    expect(main(page)).to_contain_text("就业服务")
    _fits(page)
    station = ServiceCentre.objects.get()
    assert station.union == cast.unions["SA"] and station.kind == ServiceCentre.Kind.STATION


def test_a_worker_finds_a_centre_on_the_portal_on_a_phone(cast: Cast, page: Page):
    for union, name, region, service in (
        ("SA", "江岸区职工服务中心大智街道工作站", "420102", "legal_aid"),
        ("SB", "武昌区职工服务中心积玉桥街道工作站", "420106", "employment"),
    ):
        centre_register(
            actor=SYSTEM,
            union=cast.unions[union],
            data=CentreInput(
                name=name,
                kind=ServiceCentre.Kind.STATION,
                region_code=region,
                address=f"{name}地址",
                opening_hours="周一至周五 9:00–17:00",
                hotline="027-8" + region,
                services=[service],
            ),
        )
    # given a worker, not logged in, on a phone
    page.set_viewport_size(PHONE)
    page.goto("/")
    main(page).get_by_role("link", name="查找服务中心").click()
    # when they ask for legal aid near 武昌区
    page.get_by_label("服务项目").select_option(value="legal_aid")
    page.get_by_role("button", name="查找").click()
    # then they see the one centre that offers it, with its address, hours and hotline
    expect(main(page)).to_contain_text("江岸区职工服务中心大智街道工作站")
    expect(main(page)).not_to_contain_text("积玉桥")
    expect(main(page)).to_contain_text("周一至周五 9:00–17:00")
    expect(main(page).get_by_role("link", name="027-8420102")).to_be_visible()
    _fits(page)
    # and sorted by the district they say they are in
    page.get_by_label("服务项目").select_option(value="")
    page.get_by_label("离我近：我在").select_option(value="420106")
    page.get_by_role("button", name="查找").click()
    cards = main(page).locator("article h2")
    expect(cards.first).to_have_text("武昌区职工服务中心积玉桥街道工作站")
    _fits(page)


def test_a_worker_finds_a_centre_and_rates_it_in_its_survey_on_a_phone(cast: Cast, page: Page):
    centre = centre_register(
        actor=SYSTEM,
        union=cast.unions["SA"],
        data=CentreInput(
            name="江岸区职工服务中心大智街道工作站",
            kind=ServiceCentre.Kind.STATION,
            region_code="420102",
            address="大智路 1 号",
            services=["legal_aid"],
        ),
    )
    survey = survey_create(
        actor=SYSTEM,
        target_kind=CENTRE_VISITORS.key,
        target_id=centre.pk,
        data=survey_input("大智街道工作站来访职工满意度测评"),
    )
    survey_move(actor=SYSTEM, survey=survey, step="open")
    # given a worker on a phone who has been to the station
    page.set_viewport_size(PHONE)
    page.goto("/")
    main(page).get_by_role("link", name="查找服务中心").click()
    card = main(page).locator("article", has_text="大智街道工作站")
    # when they follow the station's survey link, log in and answer
    card.get_by_role("link", name="评价这个服务中心（满意度测评）").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名或手机号").fill("member")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(main(page).get_by_role("heading", level=1)).to_have_text(
        "大智街道工作站来访职工满意度测评"
    )
    main(page).get_by_role("radio", name="满意", exact=True).check()
    main(page).get_by_role("radio", name="4 ★").check()
    _fits(page)
    main(page).get_by_role("button", name="提交").click()
    # then their answer counts, once
    expect(main(page)).to_contain_text("感谢您参加测评！每人只能答一次。")
    assert Response.objects.filter(survey=survey, member=cast.members["GA"]).count() == 1
