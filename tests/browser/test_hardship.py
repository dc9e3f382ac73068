"""Journeys through the hardship pages, in a real browser (see conftest.py): a volunteer logs
a visit on a phone; a clerk pairs a volunteer with a worker from the unpaired page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, main
from zhigong.core.actors import SYSTEM
from zhigong.hardship.models import Pairing, Visit
from zhigong.hardship.services.pairing import Agreement, pairing_create
from zhigong.hardship.tests.conftest import approved_volunteer, make_file
from zhigong.testing.cast import Cast

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_volunteer_logs_a_visit_on_a_phone(cast: Cast, page: Page):
    # given 张伟, an approved volunteer, paired with 王秀英 and 31 days without a visit
    pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=approved_volunteer(cast),
        agreement=Agreement(
            "代购药品、陪同就医", "weekly", timezone.localdate() - dt.timedelta(days=31)
        ),
    )
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/me/pairing/")
    expect(main(page)).to_contain_text("王秀英")
    expect(main(page)).to_contain_text("已超过30天没有走访")
    # when he logs today's visit on his phone
    main(page).get_by_role("link", name="记录走访").click()
    page.get_by_label("时长（分钟）").fill("90")
    page.get_by_label("服务内容").fill("代购降压药，陪同到社区医院复诊")
    page.get_by_label("满意", exact=True).check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="提交走访记录").click()
    # then the visit is recorded and the alert is gone
    expect(main(page)).to_contain_text("走访已记录")
    expect(main(page)).not_to_contain_text("已超过30天没有走访")
    visit = Visit.objects.get()
    assert visit.minutes == 90 and visit.satisfaction == "satisfied"
    assert visit.visited_on == timezone.localdate()


def test_a_clerk_pairs_a_volunteer_from_the_unpaired_page(cast: Cast, page: Page):
    file = make_file(cast)
    approved_volunteer(cast)
    # given the street's centre staff on the page of workers without a volunteer
    login(page, "street_staff")
    page.goto("/staff/hardship/unpaired/")
    expect(main(page)).to_contain_text("王秀英")
    # when they pair 张伟 with her, weekly
    main(page).get_by_role("link", name="安排志愿者").click()
    page.get_by_label("志愿者").select_option(label="张伟（武汉江城机械有限公司工会）")
    page.get_by_label("服务内容").fill("每周代购药品")
    page.get_by_label("服务频次").select_option(label="每周")
    page.get_by_role("button", name="结对").click()
    # then the file shows its volunteer and the unpaired page is empty
    expect(main(page)).to_contain_text("已结对")
    expect(main(page)).to_contain_text("张伟")
    page.goto("/staff/hardship/unpaired/")
    expect(main(page)).to_contain_text("每一户困难职工都已有结对志愿者")
    assert Pairing.objects.get(file=file).status == "active"


def test_a_district_administrator_opens_the_figures_and_sees_the_charts(cast: Cast, page: Page):
    # given a pair with a visit today in the district's subtree and a file nobody holds
    pairing = pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=approved_volunteer(cast),
        agreement=Agreement("代购药品", "weekly", timezone.localdate() - dt.timedelta(days=3)),
    )
    Visit.objects.create(
        pairing=pairing,
        visited_on=timezone.localdate(),
        minutes=30,
        what="走访",
        satisfaction="satisfied",
    )
    make_file(cast, "SA")
    # when the district's administrator opens the figures from the menu
    login(page, "district_admin")
    page.goto("/staff/")
    page.get_by_role("link", name="志愿帮扶统计").first.click()
    # then the charts and tables are there, with the street below the district
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("志愿服务与困难帮扶统计")
    expect(main(page).get_by_role("heading", name="进行中的一助一结对")).to_be_visible()
    expect(main(page).locator("figure svg").first).to_be_visible()
    assert main(page).locator("figure svg").count() >= 4
    expect(main(page).get_by_role("heading", name="志愿者（按工会）")).to_be_visible()
    # and a child union's figures are one click away
    main(page).get_by_role(
        "link", name=cast.unions["SA"].short_name or cast.unions["SA"].name
    ).first.click()
    expect(main(page).get_by_role("heading", level=1)).to_contain_text(cast.unions["SA"].name)
