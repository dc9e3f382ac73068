"""A member's own portal, in a real browser (see conftest.py): the home page with their card
and applications, who viewed their full data after a staff reveal, and their own export."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from tests.browser.helpers import login, main, topbar
from zhigong.testing.cast import CAST_MEMBERS, Cast


def test_a_member_sees_their_card_who_viewed_their_data_and_downloads_it(
    cast: Cast, page: Page, new_page: Callable[[], Page], tmp_path
):
    name = CAST_MEMBERS["GA"][0]
    card_number = cast.members["GA"].cards.get().number
    # given the street centre's staff revealed 张伟's ID number, with a reason
    staff = new_page()
    login(staff, "street_staff")
    staff.goto("/staff/members/")
    search = staff.get_by_role("form", name="查找会员")
    search.get_by_label("姓名").fill(name)
    search.get_by_role("button", name="查找").click()
    main(staff).get_by_role("link", name=name).click()
    main(staff).get_by_text("查看完整身份证号或手机号").click()
    staff.get_by_role("checkbox", name="身份证号").check()
    staff.get_by_label("查看理由").fill("核对入会身份")
    staff.get_by_role("button", name="查看", exact=True).click()
    expect(main(staff)).to_contain_text("本次查看已记录，理由：核对入会身份")

    # when 张伟 logs in, the home page shows his card and his applications
    login(page, "member")
    page.goto("/")
    card = main(page).get_by_role("article", name="我的会员卡")
    expect(card).to_contain_text(card_number)
    expect(card).to_contain_text("已启用")
    expect(main(page).get_by_role("article", name="我的入会申请")).to_contain_text("没有入会申请")
    # and no way to the workbench: he holds no staff role
    expect(topbar(page).get_by_role("link", name="工作台")).to_have_count(0)

    # when he opens "who viewed my data" from his member page
    card.get_by_role("link", name="我的会员服务").click()
    main(page).get_by_role("link", name="谁查看了我的信息").click()
    expect(page).to_have_url(re.compile(r"/me/access/$"))
    # then the reveal is there: role and union, what, why; not the staff member's name
    row = main(page).get_by_role("row", name=re.compile("核对入会身份"))
    expect(row).to_contain_text("服务中心工作人员")
    expect(row).to_contain_text("大智街道工会")
    expect(row).to_contain_text("查看完整的身份证号")
    expect(main(page)).not_to_contain_text("street_staff")

    # when he downloads his data as Excel
    page.goto("/me/")
    with page.expect_download() as download:
        main(page).get_by_role("link", name="下载我的数据（Excel）").click()
    saved = tmp_path / "mine.xlsx"
    download.value.save_as(saved)
    # then the workbook speaks Chinese, one sheet per kind of record, each with its header
    workbook = CalamineWorkbook.from_path(str(saved))
    assert workbook.sheet_names[:3] == ["会员资料", "变更记录", "入会申请"]
    assert workbook.get_sheet_by_name("会籍转移").to_python()[0][0] == "申请时间"
    profile = {r[0]: r[1] for r in workbook.get_sheet_by_name("会员资料").to_python() if r[0]}
    assert profile["姓名"] == name and profile["会籍状态"] == "正常"
    # and the download itself now shows on his access page, as his own
    page.goto("/me/access/")
    expect(main(page).get_by_role("row", name=re.compile("您本人"))).to_contain_text(
        "导出本人全部资料"
    )
