"""Journeys through the case pages, in a real browser (see conftest.py): a worker asks for
help on a phone and rates the answer; a legal volunteer answers a consultation; a
supervisor finds the overdue cases of their district."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, logout, main
from zhigong.cases.choices import CaseKind, Category
from zhigong.cases.models import Case
from zhigong.cases.services.handling import case_accept, case_assign, case_reply
from zhigong.cases.services.intake import CaseInput, case_submit
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.unions.services import centre_create

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_worker_asks_for_help_on_a_phone_and_rates_the_answer(cast: Cast, page: Page):
    centre_create(actor=SYSTEM, union=cast.unions["DA"], name="江岸区职工服务中心")
    # given the member signed in, on a phone
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/me/cases/")
    main(page).get_by_role("link", name="我要求助").click()
    # when they describe unpaid wages and send it
    page.get_by_label("维权诉求").check()
    page.get_by_label("问题类别").select_option(label="工资报酬")
    page.get_by_label("具体情况").fill("公司拖欠我三个月工资，共一万五千元。")
    page.get_by_label("涉及单位").fill("武汉江城机械有限公司")
    page.get_by_role("button", name="提交诉求").click()
    # then it has a reference number and waits at the district's centre
    expect(main(page)).to_contain_text("已提交，编号")
    expect(main(page)).to_contain_text("江岸区职工服务中心")
    expect(main(page)).to_contain_text("待受理")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # when the centre accepts and answers it
    case = Case.objects.get()
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_reply(actor=cast.users["dept_legal"], case=case, body="已约谈单位，工资将于本周五前发放。")
    page.reload()
    # then the worker reads the answer and rates it
    expect(main(page)).to_contain_text("已约谈单位，工资将于本周五前发放。")
    page.get_by_label("★★★★★").check()
    page.get_by_label("评价").fill("很快就解决了")
    page.get_by_role("button", name="提交评价").click()
    expect(main(page)).to_contain_text("谢谢您的评价。")
    expect(main(page)).to_contain_text("5 / 5")
    case.refresh_from_db()
    assert (case.rating, case.rating_comment) == (5, "很快就解决了")


def test_a_legal_volunteer_answers_a_consultation(cast: Cast, page: Page):
    # given a legal question assigned to DA's legal volunteer
    case = case_submit(
        actor=cast.users["member"],
        data=CaseInput(
            kind=CaseKind.LEGAL,
            category=Category.DISMISSAL,
            description="公司口头辞退我，没有补偿，合法吗？",
        ),
    )
    case_accept(actor=cast.users["dept_legal"], case=case)
    case_assign(actor=cast.users["dept_legal"], case=case, handler=cast.users["volunteer"])
    # when the volunteer opens their queue and the case
    login(page, "volunteer")
    page.goto("/staff/cases/")
    expect(main(page).get_by_role("link", name="我的待办")).to_be_visible()
    main(page).get_by_role("link", name=case.reference).click()
    expect(main(page)).to_contain_text("公司口头辞退我，没有补偿，合法吗？")
    expect(main(page)).to_contain_text("张*")  # the requester, masked
    # and starts from the reply template of the category, then answers
    main(page).get_by_role("link", name="违法解除劳动合同").click()
    expect(page.get_by_label("答复内容")).to_contain_text("第四十八条")
    page.get_by_label("答复内容").fill(
        "用人单位违法解除劳动合同的，应当依照经济补偿标准的二倍支付赔偿金。"
    )
    page.get_by_role("button", name="答复", exact=True).click()
    # then the answer is on the timeline and the case waits to be closed
    expect(main(page)).to_contain_text("已答复，求助人会收到通知。")
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("已答复")
    expect(main(page)).to_contain_text("二倍支付赔偿金")
    logout(page)
    # and the member sees it
    login(page, "member")
    page.goto(f"/me/cases/{case.pk}/")
    expect(main(page)).to_contain_text("二倍支付赔偿金")


def test_a_supervisor_finds_the_overdue_cases_of_their_district(cast: Cast, page: Page):
    # given, in DA, a case past its deadline and one still in time; and one in DB, overdue
    late, fine = [
        case_submit(
            actor=cast.users["member"],
            data=CaseInput(kind=CaseKind.RIGHTS, category=Category.WAGES, description=text),
        )
        for text in ("拖欠工资", "加班费")
    ]
    other = case_submit(
        actor=cast.users["outsider"],
        data=CaseInput(
            kind=CaseKind.RIGHTS,
            category=Category.WAGES,
            description="欠薪",
            name="赵六",
            phone="13900001111",
            district=cast.unions["DB"],
        ),
    )
    for case in (late, fine, other):
        case_accept(actor=SYSTEM, case=case)
    Case.objects.filter(pk__in=[late.pk, other.pk]).update(due_date=dt.date(2025, 10, 10))
    # when DA's administrator opens the workbench and the overdue queue
    login(page, "district_admin")
    page.goto("/staff/")
    main(page).get_by_role("link", name=re.compile("诉求已逾期")).click()
    # then they see DA's overdue case, and not the one in time nor DB's
    expect(main(page).get_by_role("link", name="已逾期")).to_have_attribute("aria-current", "page")
    expect(main(page).get_by_role("link", name=late.reference)).to_be_visible()
    expect(main(page)).not_to_contain_text(fine.reference)
    expect(main(page)).not_to_contain_text(other.reference)
    expect(main(page)).to_contain_text("2025-10-10")


def test_an_administrator_sends_the_districts_rights_requests_to_a_station(cast: Cast, page: Page):
    # given DA with its own centre and a station below it, in the street union SA
    centre_create(actor=SYSTEM, union=cast.unions["DA"], name="江岸区职工服务中心")
    station = centre_create(actor=SYSTEM, union=cast.unions["SA"], name="大智街道职工服务站")
    # when DA's administrator opens the routing rules from the menu and names the station
    login(page, "district_admin")
    page.goto("/staff/")
    page.get_by_role("link", name="案件分派规则").click()
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("江岸区总工会的分派规则")
    page.get_by_label("类型").select_option(label="维权诉求")
    page.get_by_label("受理的服务中心").select_option(label=f"{station.name}（大智街道工会）")
    page.get_by_role("button", name="保存").click()
    # then the table says where each kind now goes
    expect(main(page)).to_contain_text("分派规则已保存。")
    rights = main(page).get_by_role("row", name=re.compile("^维权诉求"))
    expect(rights).to_contain_text("大智街道职工服务站")
    legal = main(page).get_by_role("row", name=re.compile("^法律咨询"))
    expect(legal).to_contain_text("江岸区职工服务中心")
    # and the member's next rights request lands at the station
    case = case_submit(
        actor=cast.users["member"],
        data=CaseInput(kind=CaseKind.RIGHTS, category=Category.WAGES, description="欠薪"),
    )
    assert case.centre == station
