"""Journeys through the member pages, in a real browser (see conftest.py)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import xlsxwriter
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, logout, main
from zhigong.core.idnumber import check_digit
from zhigong.core.masking import mask_id_number
from zhigong.members.tests.test_import_members import HEADER
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number


def id_number(body17: str) -> str:
    return body17 + check_digit(body17)


def test_apply_review_approve_and_use_the_card(cast: Cast, page: Page):
    # given outsider, who has no member record, on the application form
    login(page, "outsider")
    page.goto("/me/apply/")
    expect(main(page).get_by_role("heading", name="申请入会")).to_be_visible()
    # when they fill it in and pick their union by searching for it
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("身份证号").fill(id_number("42010219920708002"))
    page.get_by_label("手机号").fill("13700001111")
    page.get_by_label("民族").select_option(label="汉族")
    page.get_by_label("岗位").fill("车工")
    page.get_by_label("工作单位").fill("机械")
    page.get_by_role("radio", name=re.compile("武汉江城机械有限公司工会")).check()
    expect(page.get_by_label("工作单位")).to_have_value("GA")
    expect(main(page)).to_contain_text(
        "已选择：武汉江城机械有限公司工会 GA · 武汉市总工会 › 江岸区总工会 › 大智街道工会"
    )
    # and, having read the privacy notice above the box, agree to it
    expect(main(page).get_by_role("region", name=re.compile("会员信息处理告知书"))).to_be_visible()
    page.get_by_label("我已阅读并同意《会员信息处理告知书》").check()
    page.get_by_role("button", name="提交申请").click()
    # then they see that it waits for the grassroots union
    expect(page).to_have_url(re.compile(r"/me/application/$"))
    expect(main(page)).to_contain_text("入会申请已提交，请等待基层工会审核。")
    expect(main(page)).to_contain_text("待基层工会审核")
    logout(page)

    # when the officer at GA opens it from the queue and passes it with a stamp name
    login(page, "officer")
    page.goto("/staff/members/applications/")
    main(page).get_by_role("link", name="王芳").click()
    expect(main(page).get_by_role("heading", name="基层工会审核", exact=True)).to_be_visible()
    expect(main(page)).to_contain_text("420102********")  # masked, never in full
    page.get_by_label("通过", exact=True).check()
    page.get_by_label("审核人（盖章）").fill("刘建国")
    page.get_by_role("button", name="提交", exact=True).click()
    # then the application waits for the service centre, stamped
    expect(main(page)).to_contain_text("已处理。")
    expect(main(page).get_by_role("heading", name="王芳")).to_contain_text("待服务中心审批")
    expect(main(page)).to_contain_text("盖章：刘建国")
    logout(page)

    # when the centre staff at SA approves it
    login(page, "street_staff")
    page.goto("/staff/members/applications/")
    main(page).get_by_role("link", name="王芳").click()
    expect(main(page).get_by_role("heading", name="服务中心审批", exact=True)).to_be_visible()
    page.get_by_label("批准入会并发卡").check()
    page.get_by_role("button", name="提交", exact=True).click()
    # then the applicant is a member
    expect(main(page)).to_contain_text("已处理。")
    expect(main(page).get_by_role("heading", name="王芳")).to_contain_text("已入会")
    logout(page)

    # when the applicant comes back, opens the card and activates it
    login(page, "outsider")
    page.goto("/me/card/")
    expect(main(page)).to_contain_text("王芳")
    expect(main(page)).to_contain_text("武汉江城机械有限公司工会")
    page.get_by_role("button", name="启用").click()
    # then the active card shows its QR code, drawn inline as SVG
    expect(main(page)).to_contain_text("会员卡已启用。")
    qr = main(page).get_by_role("img", name="会员卡二维码")
    expect(qr.locator("svg")).to_be_visible()
    assert qr.locator("svg").bounding_box()["width"] > 100  # type: ignore[index]


def test_staff_find_a_member_and_reveal_the_id_number_with_a_reason(cast: Cast, page: Page):
    name, body, _phone = CAST_MEMBERS["GA"]
    full = cast_id_number(body)
    # given the street service centre's staff (member.reveal over GA) on the member search
    login(page, "street_staff")
    page.goto("/staff/members/")
    # when they search by name and open the member
    search = page.get_by_role("form", name="查找会员")
    search.get_by_label("姓名").fill(name)
    search.get_by_role("button", name="查找").click()
    main(page).get_by_role("link", name=name).click()
    # then the ID number is masked
    expect(main(page).get_by_role("heading", name=name)).to_be_visible()
    expect(main(page)).to_contain_text(mask_id_number(full))
    expect(main(page)).not_to_contain_text(full)
    # when they open the reveal, tick the ID number and give a reason
    main(page).get_by_text("查看完整身份证号或手机号").click()
    page.get_by_role("checkbox", name="身份证号").check()
    page.get_by_label("查看理由").fill("核对会员身份")
    with page.expect_response(re.compile(r"/reveal/$")) as answer:
        page.get_by_role("button", name="查看", exact=True).click()
    # then they see the full number, on a page that is not kept by any cache
    expect(main(page)).to_contain_text(full)
    expect(main(page)).to_contain_text("本次查看已记录，理由：核对会员身份")
    assert full not in page.url
    cache_control = answer.value.headers["cache-control"]
    assert "no-store" in cache_control and "private" in cache_control


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for r, row in enumerate([HEADER, *rows]):
        sheet.write_row(r, 0, row)
    workbook.close()
    return path


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def roster(count: int) -> list[list[str]]:
    return [
        [
            f"导入{i}",
            "",
            id_number(f"42010219880808{i:03d}"),
            f"1360000{i:04d}",
            "汉族",
            "群众",
            "本科",
            "GA",
            "2024-03-01",
            "装配工",
        ]
        for i in range(1, count + 1)
    ]


def upload_roster(page: Page, file: Path) -> None:
    page.goto("/staff/members/import/")
    expect(main(page).get_by_role("heading", name="导入会员花名册")).to_be_visible()
    page.get_by_label("导入到（工会）").select_option("DA")
    page.get_by_label("花名册文件").set_input_files(file)
    page.get_by_role("button", name="上传并导入").click()
    expect(page).to_have_url(re.compile(r"/staff/members/import/[0-9a-f-]{36}/$"))


def facts(page: Page, term: str) -> str:
    """The value beside ``term`` in the page's list of facts."""
    return main(page).locator(f"dt:text-is('{term}') + dd").inner_text()


def test_import_a_roster_and_see_its_result(cast: Cast, page: Page, settings, tmp_path: Path):
    settings.MEDIA_ROOT = tmp_path / "private"  # uploads and reports; the server shares it
    # given the district administrator and a good roster of three members at GA
    login(page, "district_admin")
    # when they upload it
    upload_roster(page, write_xlsx(tmp_path / "花名册.xlsx", roster(3)))
    # then the result page shows three new members (the job ran at once: Huey is immediate)
    expect(main(page)).to_contain_text("导入成功：新增 3 名会员。")
    assert facts(page, "数据行") == "3"
    assert facts(page, "新增会员") == "3"
    assert facts(page, "错误") == "0"
    # and the roster counts them with the cast's member at GA
    main(page).get_by_role("link", name="查看花名册").click()
    expect(main(page)).to_contain_text("江岸区总工会（DA）及其下级工会：4 名会员")


def test_import_with_a_bad_row_shows_the_row_error(cast: Cast, page: Page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    rows = roster(3)
    good = rows[2][2]
    rows[2][2] = good[:17] + ("0" if good[17] != "0" else "1")  # a wrong check digit
    login(page, "district_admin")
    # when a roster whose third row is bad is uploaded
    upload_roster(page, write_csv(tmp_path / "roster.csv", rows))
    # then nothing is written, and the error names the row and the column, masked
    expect(main(page)).to_contain_text("有错误，未写入")
    expect(main(page).locator("ul.errors")).to_contain_text("第 4 行，列「身份证号」")
    expect(main(page)).not_to_contain_text(rows[2][2])
    assert facts(page, "新增会员") == "0"
    assert facts(page, "错误") == "1"
    expect(main(page).get_by_role("link", name="下载错误报告（.xlsx）")).to_be_visible()


PHONE = {"width": 390, "height": 844}


def test_a_member_shows_the_card_on_a_phone_and_reports_it_lost(cast: Cast, page: Page):
    from zhigong.members.models import MemberCard

    # given the cast's member with an active card, logged in, then on a phone
    old = MemberCard.objects.get(member=cast.members["GA"], status="active").number
    login(page, "member")
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    page.goto("/me/card/")
    # then the card's QR code fills the narrow screen's width and the menu folds away
    qr = main(page).get_by_role("img", name="会员卡二维码")
    expect(qr.locator("svg")).to_be_visible()
    assert qr.locator("svg").bounding_box()["width"] > 150  # type: ignore[index]
    expect(page.locator("#topnav")).to_be_hidden()
    expect(main(page)).to_contain_text(old)
    # when they report it lost without a reason, the form says what is missing
    page.get_by_role("button", name="挂失并补办").click()
    expect(main(page).locator(".error-summary")).to_be_visible()
    expect(main(page)).to_contain_text(old)
    # and with a reason the old number is gone and a new card is shown, with its code
    page.get_by_label("理由").fill("手机丢失")
    page.get_by_role("button", name="挂失并补办").click()
    expect(main(page)).to_contain_text("原卡已挂失作废，新卡已启用。")
    expect(main(page)).not_to_contain_text(old)
    expect(main(page).get_by_role("img", name="会员卡二维码").locator("svg")).to_be_visible()
