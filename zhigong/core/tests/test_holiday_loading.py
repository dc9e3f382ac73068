"""Loading an official schedule: a sheet of the State Council's notice (command and admin),
confirming a year typed into the admin, and what that changes for the calendar."""

import datetime as dt
import io
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.calendar import Deadline, add_working_days, clear_cache, has_schedule
from zhigong.core.errors import PermissionDenied
from zhigong.core.holidays import (
    HolidaySheetRefused,
    holiday_year_confirm,
    holiday_year_withdraw,
    holidays_import,
)
from zhigong.core.models import AuditEvent, Holiday, HolidayYear
from zhigong.core.sheets.writing import open_workbook, write_row

D = dt.date
NOTICE = "国办发明电〔2026〕99号"

# A 2027 schedule shaped like the State Council's notices (made up: the real one is not
# published yet). One row per period, as the notice is written.
SCHEDULE_2027: list[tuple[Any, str, str]] = [
    ("2027-01-01至2027-01-03", "放假", "元旦"),
    ("2027-02-05至2027-02-13", "放假", "春节"),
    ("2027-02-14", "上班", "春节"),
    ("2027-02-20", "上班", "春节"),
    ("2027-04-03至2027-04-05", "放假", "清明节"),
    ("2027-04-25", "上班", "劳动节"),
    ("2027-05-01至2027-05-05", "放假", "劳动节"),
    ("2027-05-08", "上班", "劳动节"),
    ("2027-06-09", "放假", "端午节"),
    ("2027-09-15", "放假", "中秋节"),
    ("2027-09-26", "上班", "国庆节"),
    ("2027-10-01至2027-10-07", "放假", "国庆节"),
    ("2027-10-09", "上班", "国庆节"),
]
DAYS_2027 = 3 + 9 + 3 + 5 + 1 + 1 + 7 + 6  # days off, and the six make-up working days


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def notice_sheet(path: Path, rows: list[tuple[Any, ...]], *, title: bool = True) -> Path:
    """An .xlsx as an operator types the notice: a title, the header, the rows."""
    book = open_workbook(path)
    sheet = book.add_worksheet("2027年安排")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    top = 0
    if title:
        write_row(sheet, 0, ["国务院办公厅关于2027年部分节假日安排的通知"])
        top = 2
    write_row(sheet, top, ["日期", "类型（放假/上班）", "名称"])
    for i, row in enumerate(rows, start=top + 1):
        for j, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(i, j, dt.datetime.combine(value, dt.time()), dates)
            else:
                write_row(sheet, i, [value], first=j)
    book.close()
    return path


@pytest.mark.django_db
def test_importing_the_2027_notice_makes_2027_exact(tmp_path):
    # given the provisional answers about 2027
    assert add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 5), frozenset({2027}))
    assert add_working_days(D(2027, 2, 4), 1).date == D(2027, 2, 11)
    path = notice_sheet(tmp_path / "2027.xlsx", SCHEDULE_2027)
    out = StringIO()
    # when an operator imports the notice from the command line
    call_command("import_holidays", str(path), "--notice", NOTICE, stdout=out)
    # then every day of it is in the table, and 2027 is loaded from the sheet
    assert Holiday.objects.filter(date__year=2027).count() == DAYS_2027
    assert "2027" in out.getvalue()
    assert f"新增 {DAYS_2027} 条" in out.getvalue()
    marked = HolidayYear.objects.get(year=2027)
    assert (marked.source, marked.notice) == (HolidayYear.Source.SHEET, NOTICE)
    # and the same questions are answered on the schedule, exactly
    assert add_working_days(D(2026, 12, 28), 5) == Deadline(D(2027, 1, 5))
    assert add_working_days(D(2027, 2, 4), 1) == Deadline(D(2027, 2, 14))  # a make-up Sunday
    # and the import is in the audit chain
    event = AuditEvent.objects.get(action="holidays.import_sheet")
    assert (event.target_id, event.reason) == ("2027", NOTICE)


@pytest.mark.django_db
def test_date_cells_single_days_and_names_filled_in(tmp_path):
    # given a sheet with Excel date cells, one row a day, and names left out
    rows: list[tuple[Any, ...]] = [(D(2027, 1, 1), "放假", "")]
    rows += [(D(2027, 2, 5) + dt.timedelta(days=i), "休", "") for i in range(4)]
    rows += [
        (D(2027, 4, 5), "holiday", ""),
        (D(2027, 5, 1), "放假", ""),
        (D(2027, 5, 2), "放假", ""),
        (D(2027, 6, 9), "放假", ""),
        (D(2027, 9, 15), "放假", ""),
        ("2027/10/1", "放假", ""),
        ("2027年10月2日", "放假", ""),
        ("20271003", "放假", ""),
        (D(2027, 9, 26), "班", "国庆节调休"),
    ]
    path = notice_sheet(tmp_path / "days.xlsx", rows, title=False)
    # when it is imported
    done = holidays_import(actor=SYSTEM, source=path, filename=path.name)
    # then each form of date is read, and a day off the law names gets its festival's name
    assert done.years == {2027}
    assert done.added == 14
    assert Holiday.objects.get(date=D(2027, 2, 5)).name == "春节"
    assert Holiday.objects.get(date=D(2027, 10, 3)).name == "国庆节"
    assert Holiday.objects.get(date=D(2027, 9, 26)).kind == Holiday.Kind.WORKDAY
    assert has_schedule(2027)


@pytest.mark.django_db
def test_a_csv_in_gbk_as_excel_saves_it(tmp_path):
    # given the schedule saved by Chinese Excel as "CSV" (GBK)
    lines = ["日期,类型,名称"] + [f"{d},{k},{n}" for d, k, n in SCHEDULE_2027]
    path = tmp_path / "2027.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    # when it is imported
    done = holidays_import(actor=SYSTEM, source=path, filename=path.name)
    # then it reads as the .xlsx does
    assert done.years == {2027}
    assert Holiday.objects.filter(date__year=2027).count() == DAYS_2027


@pytest.mark.django_db
def test_the_sheet_replaces_its_year_and_leaves_other_years_alone(tmp_path):
    # given 2027 rows an operator typed before (one wrong), and a sheet that also lists a
    # make-up Saturday at the end of 2026
    Holiday.objects.create(date=D(2027, 3, 1), kind=Holiday.Kind.HOLIDAY, name="误录")
    Holiday.objects.create(date=D(2027, 1, 1), kind=Holiday.Kind.HOLIDAY, name="新年")
    rows_2026 = Holiday.objects.filter(date__year=2026).count()
    path = notice_sheet(tmp_path / "2027.xlsx", [*SCHEDULE_2027, ("2026-12-26", "上班", "元旦")])
    # when it is imported
    done = holidays_import(actor=SYSTEM, source=path, filename=path.name, notice=NOTICE)
    # then 2027 holds exactly the sheet's days: the wrong row is gone, the other renamed
    assert (done.added, done.updated, done.removed) == (DAYS_2027 - 1 + 1, 1, 1)
    assert not Holiday.objects.filter(date=D(2027, 3, 1)).exists()
    assert Holiday.objects.get(date=D(2027, 1, 1)).name == "元旦"
    # and 2026 gained the make-up Saturday but kept its own rows and source
    assert Holiday.objects.filter(date__year=2026).count() == rows_2026 + 1
    assert HolidayYear.objects.get(year=2026).source == HolidayYear.Source.PACKAGE
    assert done.years == {2027}


@pytest.mark.django_db
def test_a_sheet_with_errors_imports_nothing_and_names_every_row(tmp_path):
    # given a sheet with a bad date, a bad type, a day written twice, a weekday "worked",
    # and 中秋 left out
    rows = [r for r in SCHEDULE_2027 if r[2] != "中秋节"]
    rows += [
        ("2027-13-01", "放假", ""),
        ("2027-11-01", "请假", ""),
        ("2027-10-03", "放假", "国庆节"),
        ("2027-11-03", "上班", ""),
        ("明年元旦", "放假", ""),
    ]
    path = notice_sheet(tmp_path / "bad.xlsx", rows)
    err = StringIO()
    # when an operator imports it
    with pytest.raises(CommandError, match="6 处错误"):
        call_command("import_holidays", str(path), stderr=err)
    # then nothing is written, 2027 stays provisional, and each error names its row
    assert not Holiday.objects.filter(date__year=2027).exists()
    assert not has_schedule(2027)
    report = err.getvalue()
    assert "第 16 行，列「日期」：没有这一天：2027 年 13 月 1 日" in report
    assert "第 17 行，列「类型（放假/上班）」：类型请填“放假”或“上班”" in report
    assert "2027-10-03 在工作表「2027年安排」第 14 行已经写过" in report
    assert "2027-11-03 是周一至周五，本来就上班" in report
    assert "第 20 行，列「日期」：请写成日期" in report
    assert "2027-09-15（中秋节）是法定节假日，但不在放假日期中" in report
    # and the service says the same, with every error
    with pytest.raises(HolidaySheetRefused) as refused:
        holidays_import(actor=SYSTEM, source=path, filename=path.name)
    assert len(refused.value.errors) == 6
    assert not HolidayYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_a_sheet_without_days_off_or_header_is_refused(tmp_path):
    # given a sheet holding only make-up working days, and a file that is not a sheet
    path = notice_sheet(tmp_path / "w.xlsx", [("2027-02-14", "上班", "")])
    # when they are imported
    # then they are refused and nothing is written
    with pytest.raises(HolidaySheetRefused, match="没有放假的日期"):
        holidays_import(actor=SYSTEM, source=path, filename=path.name)
    with pytest.raises(Exception, match="不支持的文件类型"):
        holidays_import(actor=SYSTEM, source=path, filename="notice.docx")
    assert not Holiday.objects.filter(date__year=2027).exists()


@pytest.mark.django_db
def test_confirming_a_year_typed_in_the_admin(tmp_path):
    # given an operator typed 2027 into the table, but forgot 中秋
    days = {
        D(2027, 1, 1): "元旦",
        **{D(2027, 2, 5) + dt.timedelta(days=i): "春节" for i in range(9)},
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        **{D(2027, 10, d): "国庆节" for d in range(1, 8)},
    }
    Holiday.objects.bulk_create(
        Holiday(date=d, kind=Holiday.Kind.HOLIDAY, name=n) for d, n in days.items()
    )
    # when they confirm the year
    # then it is refused, naming the missing day
    with pytest.raises(Exception, match="2027-09-15（中秋节）"):
        holiday_year_confirm(actor=SYSTEM, year=2027, notice=NOTICE)
    assert not has_schedule(2027)
    # and once it is added the year is loaded, and answers are exact
    Holiday.objects.create(date=D(2027, 9, 15), kind=Holiday.Kind.HOLIDAY, name="中秋节")
    holiday_year_confirm(actor=SYSTEM, year=2027, notice=NOTICE)
    assert HolidayYear.objects.get(year=2027).source == HolidayYear.Source.ADMIN
    assert add_working_days(D(2027, 2, 4), 1) == Deadline(D(2027, 2, 15))
    assert AuditEvent.objects.filter(action="holidays.confirm_year", target_id="2027").exists()
    # and withdrawing it makes them provisional again
    holiday_year_withdraw(actor=SYSTEM, year=2027, reason="typo")
    assert add_working_days(D(2027, 2, 4), 1).provisional
    assert AuditEvent.objects.filter(action="holidays.withdraw_year").exists()


@pytest.mark.django_db
def test_only_operators_load_schedules(django_user_model, tmp_path):
    # given an active account without the right to change the holiday table
    clerk = django_user_model.objects.create_user(username="clerk", password="x-123456789")
    path = notice_sheet(tmp_path / "2027.xlsx", SCHEDULE_2027)
    # when it tries to import, confirm or withdraw
    # then each is refused and nothing changes
    with pytest.raises(PermissionDenied):
        holidays_import(actor=clerk, source=path, filename=path.name)
    with pytest.raises(PermissionDenied):
        holiday_year_confirm(actor=clerk, year=2025)
    with pytest.raises(PermissionDenied):
        holiday_year_withdraw(actor=clerk, year=2025)
    assert not has_schedule(2027)
    assert has_schedule(2025)


# -- the admin --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_operator_uploads_the_notice_in_the_admin(admin_client, tmp_path):
    # given an operator on the holiday list, which links to the upload page
    listing = admin_client.get("/admin/core/holiday/")
    assert "/admin/core/holiday/import/" in listing.content.decode()
    path = notice_sheet(tmp_path / "2027.xlsx", SCHEDULE_2027)
    # when they upload the sheet with the notice's number
    with path.open("rb") as upload:
        response = admin_client.post(
            "/admin/core/holiday/import/", {"file": upload, "notice": NOTICE}, follow=True
        )
    # then the list says what was imported, and 2027 is loaded
    assert "已导入 2027 年的安排" in response.content.decode()
    assert HolidayYear.objects.get(year=2027).notice == NOTICE
    assert not add_working_days(D(2026, 12, 28), 5).provisional


@pytest.mark.django_db
def test_the_admin_upload_lists_the_errors_and_imports_nothing(admin_client, tmp_path):
    # given a sheet with a mistyped date
    path = notice_sheet(tmp_path / "bad.xlsx", [*SCHEDULE_2027, ("2027-02-30", "放假", "")])
    # when it is uploaded
    with path.open("rb") as upload:
        response = admin_client.post("/admin/core/holiday/import/", {"file": upload})
    # then the page lists the error with its row, and nothing is imported
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 17 行，列「日期」：没有这一天：2027 年 2 月 30 日" in page
    assert not Holiday.objects.filter(date__year=2027).exists()


@pytest.mark.django_db
def test_the_admin_offers_a_blank_template(admin_client):
    # given an operator on the upload page
    # when they download the template
    response = admin_client.get("/admin/core/holiday/import/template/")
    # then it is an .xlsx whose first sheet has the columns the import reads
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.get_sheet_by_index(0).to_python()[0] == ["日期", "类型", "名称"]


@pytest.mark.django_db
def test_confirming_and_withdrawing_a_year_in_the_admin(admin_client):
    # given 2027 with no rows
    # when an operator adds 2027 to the loaded years
    response = admin_client.post("/admin/core/holidayyear/add/", {"year": 2027, "notice": ""})
    # then the form says which statutory day is missing, beside the year
    assert response.status_code == 200
    assert "2027-01-01（元旦）是法定节假日" in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()
    # and deleting 2025 makes 2025 provisional again, through the service (audited)
    marked = HolidayYear.objects.get(year=2025)
    admin_client.post(f"/admin/core/holidayyear/{marked.pk}/delete/", {"post": "yes"})
    assert not has_schedule(2025)
    assert AuditEvent.objects.filter(action="holidays.withdraw_year", target_id="2025").exists()


@pytest.mark.django_db
def test_load_holidays_marks_the_package_years_as_loaded():
    # given 2024's schedule no longer marked as loaded
    HolidayYear.objects.filter(year=2024).delete()
    out = StringIO()
    # when the package is loaded again
    call_command("load_holidays", "--year", "2024", stdout=out)
    # then 2024 is loaded again, from the package, and the command says so
    assert HolidayYear.objects.get(year=2024).source == HolidayYear.Source.PACKAGE
    assert "2024" in out.getvalue()
    assert "准确" in out.getvalue()
