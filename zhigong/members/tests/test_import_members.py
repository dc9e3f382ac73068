"""Importing members from a roster: all or nothing, every bad cell reported, masked reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.core.idnumber import check_digit
from zhigong.core.models import AuditEvent
from zhigong.members import personal
from zhigong.members.importing import member_import
from zhigong.members.importing.checking import parse_day
from zhigong.members.models import Member
from zhigong.testing.cast import Cast
from zhigong.unions.models import Figure

HEADER = [
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "民族",
    "政治面貌",
    "学历",
    "工作单位编码",
    "入会日期",
    "岗位",
]
ENGLISH = [
    "name",
    "gender",
    "id_number",
    "phone",
    "ethnicity",
    "political_status",
    "education",
    "union_code",
    "joined_on",
    "job",
]


def id_number(i: int, *, region: str = "420102", born: str = "19850315") -> str:
    body = f"{region}{born}{i % 1000:03d}"
    return body + check_digit(body)


def person_rows(count: int, union: str = "GA", start: int = 0) -> list[list[str]]:
    """Valid rows with distinct ID numbers (birth day varies, sequence number too)."""
    rows = []
    for i in range(start, start + count):
        born = f"19{60 + i // 3000 % 40}0{1 + i // 1000 % 3}{10 + i // 100 % 10:02d}"
        number = id_number(i % 1000 + 0, born=born)
        rows.append(
            [
                f"测试{i}",
                "",
                number,
                f"139{i:08d}",
                "汉族",
                "群众",
                "本科",
                union,
                "2024-03-01",
                "装配工",
            ]
        )
    return rows


def write_csv(
    tmp_path: Path, rows: Sequence[Sequence[str]], header=HEADER, *, encoding="utf-8-sig"
) -> Path:
    path = tmp_path / "roster.csv"
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: Sequence[Sequence[object]], header=HEADER) -> Path:
    path = tmp_path / "roster.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(i, j, value)
            else:
                sheet.write(i, j, value)
    workbook.close()
    return path


def imported() -> int:
    return Member.objects.exclude(name__in=["张伟", "李娜"]).count()


def test_a_bad_id_number_in_row_57_of_1000_writes_nothing_and_is_reported(cast: Cast, tmp_path):
    # given 1,000 rows, the one in spreadsheet row 57 (data row 56) with a wrong check digit
    rows = person_rows(1000)
    good = rows[55][2]
    rows[55][2] = good[:17] + ("0" if good[17] != "0" else "1")
    path = write_csv(tmp_path, rows)
    report = tmp_path / "report.xlsx"
    # when the officer at GA imports it
    result = member_import(
        actor=cast.users["officer"],
        path=path,
        filename="roster.csv",
        anchor=cast.unions["GA"],
        report=report,
    )
    # then nothing is written and the report names row 57 and the column 身份证号, masked
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(57, "身份证号")]
    assert imported() == 0
    with CalamineWorkbook.from_path(report) as workbook:
        lines = workbook.get_sheet_by_index(0).to_python()
    assert lines[0] == ["工作表", "行号", "列", "值", "错误说明"]
    assert lines[1][1:3] == [57, "身份证号"] or lines[1][1:3] == [57.0, "身份证号"]
    assert rows[55][2] not in str(lines)
    assert "*" in str(lines[1][3])


def test_the_same_file_without_the_bad_row_is_written_encrypted_and_counted(cast: Cast, tmp_path):
    # given 1,000 good rows
    rows = person_rows(1000)
    path = write_csv(tmp_path, rows)
    # when imported
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    # then all are written, with no plain ID number or phone anywhere in a row
    assert result.ok, result.errors[:3]
    assert result.created == 1000 == imported()
    member = Member.objects.get(name="测试56")
    assert personal.id_number_of(member) == rows[56][2]
    assert personal.phone_of(member) == rows[56][3]
    assert member.id_number_index == personal.id_index(rows[56][2])
    assert member.phone_index == personal.phone_index(rows[56][3])
    assert member.gender == ("male" if int(rows[56][2][16]) % 2 else "female")
    assert member.political_status == "masses"
    assert member.education == "bachelor" and str(member.joined_on) == "2024-03-01"
    for values in Member.objects.values_list():
        text = "|".join(str(v) for v in values)
        for row in rows[::50]:
            assert row[2] not in text and row[3] not in text
    # and one audit event, and the figures rebuilt
    assert AuditEvent.objects.filter(action="member.import").count() == 1
    ga = Figure.objects.get(
        topic="members", union=cast.unions["GA"], dimension="status", value="active"
    )
    assert ga.count == 1001


def test_xlsx_with_english_headers_and_excel_dates(cast: Cast, tmp_path):
    # given an .xlsx with English headers, a real Excel date and a day number
    import datetime as dt

    rows: list[list[object]] = [list(r) for r in person_rows(3)]
    rows[0][8] = dt.datetime(2023, 5, 4)  # noqa: DTZ001 (Excel cells are naive)
    rows[1][8] = 45352  # 2024-03-01 as an Excel day number
    rows[2][8] = "2024/3/1"
    path = write_xlsx(tmp_path, rows, ENGLISH)
    # when imported
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.xlsx", anchor=cast.unions["GA"]
    )
    # then all three are in, with their dates
    assert result.ok, result.errors
    days = sorted(
        str(d)
        for d in Member.objects.filter(name__startswith="测试").values_list("joined_on", flat=True)
    )
    assert days == ["2023-05-04", "2024-03-01", "2024-03-01"]


def test_xlsx_errors_carry_spreadsheet_row_numbers(cast: Cast, tmp_path):
    rows: list[list[object]] = [list(r) for r in person_rows(5)]
    rows[3][3] = "12345"
    path = write_xlsx(tmp_path, rows)
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.xlsx", anchor=cast.unions["GA"]
    )
    assert [(e.row, e.column, e.value) for e in result.errors] == [(5, "手机号", "*****")]
    assert imported() == 0


def test_gb18030_csv_is_read(cast: Cast, tmp_path):
    path = write_csv(tmp_path, person_rows(3), encoding="gb18030")
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    assert result.ok and result.created == 3


def test_every_bad_cell_is_reported_in_chinese(cast: Cast, tmp_path):
    # given one row with a bad name, gender, phone, ethnicity, status, education, union and date
    row = ["", "女", id_number(1), "1234", "火星", "路人", "幼儿园", "NOPE", "2099-01-01", ""]
    path = write_csv(tmp_path, [row])
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    columns = [e.column for e in result.errors]
    assert columns == [
        "姓名",
        "性别",
        "手机号",
        "民族",
        "政治面貌",
        "学历",
        "工作单位编码",
        "入会日期",
    ]
    assert all(e.row == 2 for e in result.errors)
    assert "性别与身份证号不一致" in result.errors[1].message


def test_duplicates_in_the_file_name_the_first_row(cast: Cast, tmp_path):
    rows = person_rows(3)
    rows[2][2] = rows[0][2]
    path = write_csv(tmp_path, rows)
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    assert [(e.row, e.column) for e in result.errors] == [(4, "身份证号")]
    assert "第 2 行" in result.errors[0].message
    assert imported() == 0


def test_duplicates_against_the_archive_are_errors(cast: Cast, tmp_path):
    # given a row carrying the ID number of 李娜 (a member at GB, outside the officer's scope)
    from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

    rows = person_rows(2)
    rows[1][2] = cast_id_number(CAST_MEMBERS["GB"][1])
    rows[1][1] = "女"
    path = write_csv(tmp_path, rows)
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "身份证号", "该身份证号已登记为会员。")
    ]
    assert imported() == 0


def test_officer_at_ga_cannot_import_rows_into_gb(cast: Cast, tmp_path):
    rows = person_rows(2)
    rows[1][7] = "GB"
    path = write_csv(tmp_path, rows)
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "工作单位编码")]
    assert "不在可导入的范围内" in result.errors[0].message
    assert imported() == 0


def test_officer_cannot_anchor_an_import_outside_scope_and_nothing_is_written(cast: Cast, tmp_path):
    path = write_csv(tmp_path, person_rows(2, union="GB"))
    with pytest.raises(NotFound):
        member_import(
            actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GB"]
        )
    with pytest.raises(PermissionDenied):
        member_import(
            actor=cast.users["dept_legal"], path=path, filename="r.csv", anchor=cast.unions["DA"]
        )
    assert imported() == 0


def test_union_code_must_be_a_grassroots_union(cast: Cast, tmp_path):
    rows = person_rows(2, union="SA")
    rows[1][7] = ""
    path = write_csv(tmp_path, rows)
    result = member_import(
        actor=cast.users["district_admin"], path=path, filename="r.csv", anchor=cast.unions["DA"]
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "工作单位编码"), (3, "工作单位编码")]
    assert "不是基层工会" in result.errors[0].message
    assert "请填写工作单位编码" in result.errors[1].message


def test_dry_run_checks_and_writes_nothing(cast: Cast, tmp_path):
    path = write_csv(tmp_path, person_rows(10))
    result = member_import(
        actor=cast.users["officer"],
        path=path,
        filename="r.csv",
        anchor=cast.unions["GA"],
        dry_run=True,
    )
    assert result.ok and result.rows_read == 10 and result.created == 0
    assert imported() == 0
    assert not AuditEvent.objects.filter(action="member.import").exists()


def test_unknown_region_code_is_a_warning_not_an_error(cast: Cast, tmp_path):
    rows = person_rows(1)
    rows[0][2] = id_number(7, region="429999")
    path = write_csv(tmp_path, rows)
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.csv", anchor=cast.unions["GA"]
    )
    assert result.ok and result.created == 1
    assert result.warning_count == 1 and "429999" in result.warnings[0].message


def test_missing_columns_and_empty_files_are_file_errors(cast: Cast, tmp_path):
    path = write_csv(tmp_path, [["张三"]], header=["姓名", "备注"])
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    assert result.errors[0].row == 1 and "缺少必需的列" in result.errors[0].message
    path = write_csv(tmp_path, [], header=HEADER)
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    assert "没有数据行" in result.errors[0].message
    path.write_bytes(b"")
    assert (
        "文件是空的" in member_import(actor=SYSTEM, path=path, filename="r.csv").errors[0].message
    )
    assert "不支持" in member_import(actor=SYSTEM, path=path, filename="r.txt").errors[0].message


def test_operator_without_anchor_needs_union_codes(cast: Cast, tmp_path):
    rows = person_rows(2, union="GB")
    rows[0][7] = ""
    path = write_csv(tmp_path, rows)
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "工作单位编码")]
    rows[0][7] = "GA"
    path = write_csv(tmp_path, rows)
    assert member_import(actor=SYSTEM, path=path, filename="r.csv").created == 2


def test_columns_of_an_import_row_are_what_the_registry_reads():
    number = id_number(5)
    index = personal.id_index(number)
    sealed = (
        *personal.id_number_columns(number, index),
        *personal.phone_columns("13912345678", row=index),
    )
    # the registry reads them from a member row holding them
    member = Member(
        id_number_encrypted=sealed[0], id_number_index=sealed[1], phone_encrypted=sealed[3]
    )
    assert personal.id_number_of(member) == number
    assert sealed[1] == personal.id_index(number)
    assert personal.phone_of(member) == "13912345678"
    assert sealed[4] == personal.phone_index("13912345678")
    assert sealed[2] == number[:6] + "********" + number[-4:] and sealed[5] == "139****5678"
    assert personal.phone_columns("", row=index) == ("", "", "")


@pytest.mark.parametrize("length", [1, 32, 64, 65, 200])
def test_blind_index_is_hmac_sha256_under_the_key_of_the_moment(settings, length):
    # the keyed HMAC is kept between calls: a changed key must still be used at once
    import hashlib
    import hmac

    from zhigong.core import crypto

    for key in ("k€y-" * length, "another-" * length):
        settings.ZHIGONG_BLIND_INDEX_KEY = key
        for value in ("420102199001011234", " 42010219900101123x ", "13912345678", ""):
            message = f"member.id_number:{value.strip().upper()}".encode()
            expected = hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:40]
            assert crypto.blind_index(value, purpose="member.id_number") == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024/3/1", "2024-03-01"),
        ("2024年3月1日", "2024-03-01"),
        ("20240301", "2024-03-01"),
        ("45352", "2024-03-01"),
        ("2024-03-01T00:00:00", "2024-03-01"),
        ("2024-02-30", None),
        ("昨天", None),
    ],
)
def test_dates_as_people_write_them(text, day):
    parsed = parse_day(text)
    assert (str(parsed) if parsed else None) == day


def test_worker_processes_give_the_same_result(cast: Cast, tmp_path):
    # given 12,000 rows (three batches) with one duplicate at the end
    rows = person_rows(12000)
    rows[-1][2] = rows[0][2]
    path = write_csv(tmp_path, rows)
    # when checked with two worker processes
    result = member_import(
        actor=cast.users["officer"],
        path=path,
        filename="r.csv",
        anchor=cast.unions["GA"],
        workers=2,
    )
    # then the duplicate is found across batches and nothing is written
    assert result.rows_read == 12000
    assert [(e.row, e.column) for e in result.errors] == [(12001, "身份证号")]
    assert imported() == 0
    # and without it, all rows are written
    path = write_csv(tmp_path, rows[:-1])
    result = member_import(
        actor=cast.users["officer"],
        path=path,
        filename="r.csv",
        anchor=cast.unions["GA"],
        workers=2,
    )
    assert result.created == 11999 == imported()


def test_an_archive_duplicate_after_rows_already_written_leaves_nothing(
    cast: Cast, tmp_path, monkeypatch
):
    # given batches of 10 rows, so that on PostgreSQL two batches are in the table before
    # the row carrying 李娜's ID number (registered at GB) is checked
    from zhigong.members.importing import service
    from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

    monkeypatch.setattr(service, "BATCH", 10)
    before = dict(Figure.objects.filter(topic="members").values_list("id", "count"))
    rows = person_rows(30)
    rows[25][2], rows[25][1] = cast_id_number(CAST_MEMBERS["GB"][1]), "女"
    path = write_csv(tmp_path, rows)
    # when imported
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    # then row 27 is reported, and nothing is written: no member, no figure, no audit event
    assert [(e.row, e.message) for e in result.errors] == [(27, "该身份证号已登记为会员。")]
    assert result.created == 0 and imported() == 0
    assert dict(Figure.objects.filter(topic="members").values_list("id", "count")) == before
    assert not AuditEvent.objects.filter(action="member.import").exists()


def test_a_member_registered_between_check_and_write_is_a_conflict(
    cast: Cast, tmp_path, monkeypatch
):
    # given the archive check misses a number (as when someone registers it meanwhile)
    from zhigong.core.errors import Conflict
    from zhigong.members.importing.checking import Checker
    from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

    monkeypatch.setattr(Checker, "_in_archive", lambda self, indexes: set())
    rows = person_rows(5)
    rows[3][2], rows[3][1] = cast_id_number(CAST_MEMBERS["GB"][1]), "女"
    path = write_csv(tmp_path, rows)
    # then the unique index refuses the row, the import says so, and nothing is written
    with pytest.raises(Conflict):
        member_import(actor=SYSTEM, path=path, filename="r.csv")
    assert imported() == 0


def test_figures_after_an_import_equal_a_full_recount(cast: Cast, tmp_path):
    # given a roster over two grassroots unions with every kind of value
    from zhigong.members.figures import counting

    rows = person_rows(120)
    for i, row in enumerate(rows):
        row[7] = "GA" if i % 3 else "GB"
        row[5] = ["群众", "中共党员", "", "共青团员"][i % 4]
        row[6] = ["本科", "", "大专", "硕士"][i % 4]
    path = write_csv(tmp_path, rows)
    # when imported, the figures are brought up to date from the import's own counts
    assert member_import(actor=SYSTEM, path=path, filename="r.csv").created == 120
    after_import = set(
        Figure.objects.filter(topic="members")
        .filter(count__gt=0)
        .values_list("union_id", "dimension", "value", "count")
    )
    # then a full recount from the members table finds the same
    counting.rebuild()
    recount = set(
        Figure.objects.filter(topic="members")
        .filter(count__gt=0)
        .values_list("union_id", "dimension", "value", "count")
    )
    assert after_import == recount
    city = cast.unions["CITY"]
    assert (
        counting.of_union(city)["status"]["active"]
        == Member.objects.filter(status="active").count()
    )


def test_control_characters_and_full_width_digits(cast: Cast, tmp_path):
    # given a name with a line break, a job with a tab, and an ID number and phone typed
    # with full-width digits
    rows = person_rows(3)
    rows[0][0] = "张\n三"
    rows[1][9] = "装配\t工"
    rows[2][9] = "C:\\班组\\N"  # backslashes, and the text COPY reads as NULL
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    rows[2][2], rows[2][3] = rows[2][2].translate(wide), rows[2][3].translate(wide)
    path = write_csv(tmp_path, rows)
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    # then the name is an error, and nothing else is
    assert [(e.row, e.column) for e in result.errors] == [(2, "姓名")]
    # and without that row, the job's tab is a space and the wide digits are read
    path = write_csv(tmp_path, rows[1:])
    assert member_import(actor=SYSTEM, path=path, filename="r.csv").created == 2
    assert Member.objects.get(name="测试1").job == "装配 工"
    member = Member.objects.get(name="测试2")
    assert member.job == "C:\\班组\\N"
    assert personal.id_number_of(member) == person_rows(3)[2][2]
    assert personal.phone_of(member) == person_rows(3)[2][3]


def test_an_id_number_stored_as_a_number_is_refused_not_rounded(cast: Cast, tmp_path):
    # given an .xlsx whose second row's ID number Excel keeps as a number (digits lost)
    rows: list[list[object]] = [list(r) for r in person_rows(2)]
    rows[1][2] = float(str(rows[1][2]))
    path = write_xlsx(tmp_path, rows)
    # when imported
    result = member_import(
        actor=cast.users["officer"], path=path, filename="r.xlsx", anchor=cast.unions["GA"]
    )
    # then that cell is an error saying why, masked, and nothing is written
    assert [(e.row, e.column) for e in result.errors] == [(3, "身份证号")]
    error = result.errors[0]
    assert "丢失" in error.message and "文本" in error.message
    assert "*" in error.value and str(rows[1][2])[:10] not in error.message
    assert imported() == 0


def test_every_workshop_sheet_is_imported_and_duplicates_name_the_sheet(cast: Cast, tmp_path):
    # given a hidden list, then two workshops under a title, a footer and numbered empty lines
    rows = person_rows(4)
    path = tmp_path / "roster.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    hidden = workbook.add_worksheet("字典")
    hidden.write_row(0, 0, ["汉族", "回族"])
    hidden.hide()
    for name, part in (("一车间", rows[:2]), ("二车间", rows[2:])):
        sheet = workbook.add_worksheet(name)
        sheet.merge_range(0, 0, 0, 9, f"{name}会员花名册")
        sheet.write_row(1, 0, ["序号", *HEADER])
        for i, row in enumerate(part, start=2):
            sheet.write(i, 0, i - 1)
            for j, value in enumerate(row, start=1):
                sheet.write_string(i, j, value)
        sheet.write(4, 0, 3)
        sheet.merge_range(6, 0, 6, 9, "负责人：王五    填表人：赵六")
        if name == "一车间":
            sheet.activate()
            sheet.set_first_sheet()
    workbook.close()
    # when imported, all four members are written
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    assert result.ok, result.errors
    assert result.created == 4 == imported()


def test_a_duplicate_on_another_sheet_names_it(cast: Cast, tmp_path):
    rows = person_rows(2)
    rows[1][2] = rows[0][2]
    path = tmp_path / "roster.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    for name, row in (("一车间", rows[0]), ("二车间", rows[1])):
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, HEADER)
        for j, value in enumerate(row):
            sheet.write_string(1, j, value)
    workbook.close()
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("二车间", 2, "身份证号")]
    assert "工作表「一车间」第 2 行" in result.errors[0].message
    assert imported() == 0


def test_a_landline_beside_the_mobile_column_is_not_the_phone(cast: Cast, tmp_path):
    # given 联系电话 (a landline) and 手机号码, and 职务 beside 岗位
    header = [*HEADER[:3], "联系电话", "手机号码", *HEADER[4:], "职务"]
    rows = [[*r[:3], "027-88886666", r[3], *r[4:], "主任"] for r in person_rows(2)]
    path = write_csv(tmp_path, rows, header=header)
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    # then the mobile is the phone and 岗位 the job; the other two columns are not read
    assert result.ok, result.errors
    member = Member.objects.get(name="测试0")
    assert personal.phone_of(member) == person_rows(1)[0][3] and member.job == "装配工"
