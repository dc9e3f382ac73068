"""Journeys through the volunteer pages, in a real browser (see conftest.py): a worker
applies to volunteer on the portal and the unit, district and city unions approve in turn; a
clerk exports the roster in the seed's form (附件3)."""

from __future__ import annotations

import io

from playwright.sync_api import Page, ViewportSize, expect
from python_calamine import CalamineWorkbook

from tests.browser.helpers import login, logout, main
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.quotas import quota_set
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_apply

PHONE: ViewportSize = {"width": 390, "height": 844}


def _quota(cast: Cast) -> None:
    from django.utils import timezone

    quota_set(actor=SYSTEM, union=cast.unions["DA"], year=timezone.localdate().year, count=300)


def _approve_as(page: Page, username: str, name: str) -> None:
    login(page, username)
    page.goto("/staff/volunteers/waiting/")
    main(page).get_by_role("link", name=name).click()
    page.get_by_label("同意").check()
    page.get_by_role("button", name="提交意见").click()
    expect(main(page)).to_contain_text("已处理。")
    logout(page)


def test_a_worker_applies_and_three_levels_approve_in_turn(cast: Cast, page: Page):
    _quota(cast)
    # given the member on the portal, on a phone
    login(page, "member")
    page.set_viewport_size(PHONE)
    page.goto("/me/volunteer/")
    main(page).get_by_role("link", name="申请成为志愿者").click()
    # the form is prefilled from the member record
    expect(main(page)).to_contain_text("张伟")
    page.get_by_label("健康状况").select_option(label="健康")
    page.get_by_label("身份").select_option(label="在职职工")
    page.get_by_label("特长").fill("电工维修")
    page.get_by_label("一助一结对").check()
    page.get_by_label("周末").check()
    page.get_by_label("本人申请").fill("本人自愿加入工会服务帮扶志愿者队伍。")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="提交登记表").click()
    expect(main(page)).to_contain_text("待单位工会审核")
    page.set_viewport_size({"width": 1280, "height": 800})
    logout(page)
    # when the unit union, the district and the city give their opinions in turn
    _approve_as(page, "officer", "张伟")
    _approve_as(page, "district_admin", "张伟")
    _approve_as(page, "city_admin", "张伟")
    # then the worker sees they are a volunteer, with the three opinions
    login(page, "member")
    page.goto("/me/volunteer/")
    expect(main(page)).to_contain_text("已批准")
    expect(main(page)).to_contain_text("市总工会意见")
    assert Volunteer.objects.get().status == VolunteerStatus.APPROVED


def test_a_clerk_exports_the_roster_in_the_seeds_form(cast: Cast, page: Page):
    _quota(cast)
    volunteer = volunteer_apply(
        actor=cast.users["member"],
        data=VolunteerInput(
            health="good",
            employer="武汉江城机械有限公司",
            identity="worker",
            specialty="电工维修",
            statement="自愿",
            service_areas=["pairing"],
        ),
    )
    for _step in range(3):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)
    # given the district's administrator on the roster page
    login(page, "district_admin")
    page.goto("/staff/volunteers/")
    main(page).get_by_role("link", name="导出花名册").click()
    page.get_by_label("区市县、产业工会（填报单位）").fill("DA")
    page.get_by_label("负责人").fill("梁玉叶")
    page.get_by_label("联系电话").fill("82610421")
    # when they export it
    with page.expect_download() as download:
        page.get_by_role("button", name="导出 .xlsx").click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    # then it has the layout of 附件3
    assert rows[0][0] == "服务帮扶志愿者花名册"
    assert rows[1][0] == "区市县、产业工会：江岸区总工会" and rows[1][4] == "负责人：梁玉叶"
    assert rows[2] == ["序号", "姓名", "性别", "身份证号码", "工作单位", "政治面貌", "身份", "特长"]
    assert rows[3][1] == "张伟" and "*" in str(rows[3][3]) and rows[3][7] == "电工维修"
