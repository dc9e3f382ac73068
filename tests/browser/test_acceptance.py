"""Journeys through the acceptance round (CTR-7, CTR-8): a district clerk completes a street
station's self-inspection on a phone; a city inspector records an inspection and sees the
grade on a desktop."""

from __future__ import annotations

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import login, main
from zhigong.centres.models import Acceptance, AcceptanceStatus
from zhigong.centres.services import acceptance as svc
from zhigong.centres.tests.routes import cast_station
from zhigong.centres.tests.routes.acceptance import cast_acceptance, cast_round
from zhigong.centres.tests.test_acceptance import answers
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_district_clerk_completes_a_street_stations_self_inspection(cast: Cast, page: Page):
    round_ = cast_round(cast)
    station = cast_station(cast)
    # given the district's administrator on the acceptance rounds, on a phone
    login(page, "district_admin")
    page.set_viewport_size(PHONE)
    page.goto("/staff/centres/acceptances/")
    main(page).get_by_role("link", name="验收批次").click()
    # when they start the station's self-inspection
    main(page).get_by_label(f"参加 {round_.year} 年度验收").select_option(label=station.name)
    main(page).get_by_role("button", name="开始自查").click()
    expect(main(page).locator("#status")).to_have_text("自查中")
    acceptance = Acceptance.objects.get(centre=station)
    items = list(acceptance.items.order_by("position"))
    # (all but the first two are checked already, as a clerk would over several visits)
    for item in items[2:]:
        svc.self_inspect_item(actor=SYSTEM, item=item, met=True)
    # and mark the first two items on the page, one met and one not, with a note
    for item, met in ((items[0], "达标"), (items[1], "未达标")):
        row = main(page).locator(f"#item-{item.pk}")
        row.get_by_role("radio", name=met, exact=True).check()
        row.get_by_placeholder("说明").fill("见台账第 3 页")
        row.get_by_role("button", name="保存").click()
        expect(main(page)).to_contain_text("已保存自查")
    # and write the report
    main(page).locator("textarea[name=report]").fill("本站按标准完成建设，自查如上。")
    main(page).get_by_role("button", name="保存自查报告").click()
    expect(main(page)).to_contain_text("已保存自查报告")
    # then the self-inspection is complete and the district may propose it
    acceptance.refresh_from_db()
    assert svc.self_problems(acceptance) == []
    assert acceptance.items.get(pk=items[1].pk).self_met is False
    page.goto("/staff/centres/acceptances/applications/new/")
    main(page).get_by_label("申报单位").fill("江岸")
    main(page).get_by_role("radio", name="江岸区总工会").check()
    main(page).get_by_label("年度").select_option(label=str(round_.year))
    main(page).get_by_role("button", name="选择申报的服务中心").click()
    main(page).get_by_role("button", name="提交申报表").click()
    expect(main(page)).to_contain_text("已提交验收申报表")
    assert Acceptance.objects.get(pk=acceptance.pk).status == AcceptanceStatus.SUBMITTED


def test_a_city_inspector_records_an_inspection_and_sees_the_grade(cast: Cast, page: Page):
    acceptance = cast_acceptance(cast)
    answers(cast, acceptance.centre, satisfied=9, other=1)  # 90% satisfied
    items = list(acceptance.items.order_by("position"))
    for item in items[1:]:
        svc.inspect_item(
            actor=cast.users["city_admin"], item=item, data=svc.InspectionInput(met=True)
        )
    # given the city's inspector on the station's acceptance
    login(page, "city_admin")
    page.goto(f"/staff/centres/acceptances/{acceptance.pk}/")
    # when they record the first item: seen, checked in the ledgers, talked over
    row = main(page).locator(f"#item-{items[0].pk}")
    row.get_by_role("radio", name="达标", exact=True).check()
    row.get_by_placeholder("看").fill("大厅整洁，标识齐全")
    row.get_by_placeholder("查").fill("台账完整")
    row.get_by_placeholder("谈").fill("职工反映良好")
    row.get_by_role("button", name="记录").click()
    expect(main(page)).to_contain_text("已记录验收情况")
    expect(main(page)).to_contain_text("大厅整洁，标识齐全")
    # and complete the inspection
    main(page).get_by_role("button", name="完成验收并评定").click()
    # then the grade is shown with the three percentages and the difference from the self-score
    expect(main(page).locator("#grade-value")).to_contain_text("优秀")
    expect(main(page).locator("#grade")).to_contain_text("90.00%")
    expect(main(page).locator("#difference")).not_to_have_text("—")
    # and the inspector is not offered the approval of their own inspection
    expect(main(page).get_by_role("button", name="审定")).to_have_count(0)
