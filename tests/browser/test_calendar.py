"""An operator loads next year's holiday schedule in the admin, in a real browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from zhigong.core.calendar import add_working_days, clear_cache
from zhigong.core.models import HolidayYear
from zhigong.core.tests.test_holiday_loading import NOTICE, SCHEDULE_2027, notice_sheet

PASSWORD = "operator-pass-123"


def test_operator_imports_the_2027_notice_and_deadlines_become_exact(
    page: Page, django_user_model: Any, tmp_path: Path
):
    # given a platform operator, and deadlines into 2027 that are provisional
    django_user_model.objects.create_superuser(username="operator", password=PASSWORD)
    clear_cache()
    assert add_working_days(dt.date(2026, 12, 28), 5).provisional
    sheet = notice_sheet(tmp_path / "2027年节假日安排.xlsx", SCHEDULE_2027)
    # when they log in to the admin, open the holidays and upload the notice's sheet
    page.goto("/admin/login/?next=/admin/core/holiday/")
    page.get_by_label("用户名").fill("operator")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="导入国务院节假日安排（表格）").click()
    page.get_by_label("表格文件").set_input_files(str(sheet))
    page.get_by_label("依据").fill(NOTICE)
    page.get_by_role("button", name="导入").click()
    # then the holiday list says 2027 is imported, and 2027's deadlines are exact
    expect(page.get_by_text("已导入 2027 年的安排")).to_be_visible()
    assert HolidayYear.objects.get(year=2027).notice == NOTICE
    clear_cache()
    assert not add_working_days(dt.date(2026, 12, 28), 5).provisional
