"""Rosters as clerks really keep them (issue 9, DESIGN.md §3.4): each case with a file made here.

The "clerk's roster" is one workbook with everything at once: a hidden 说明 sheet in front,
two workshop sheets each under a title, headers with notes and line breaks, a 序号 column and
numbered lines nobody filled in, a landline beside the mobile and 职务 beside 岗位, names
padded for alignment, 15-digit ID numbers, standard spellings, dates as clerks write them,
and a footer (merged on one sheet, spread over cells on the other). With the ID column as
text it imports as meant; with the ID column turned into numbers by Excel it is refused, each
bad cell named by sheet, row, column and cause.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.idnumber import check_digit
from zhigong.core.sheets.errors import describe
from zhigong.members import personal, selectors
from zhigong.members.importing import member_import
from zhigong.members.importing.checking import parse_day
from zhigong.members.models import Member, MemberImport
from zhigong.testing.cast import Cast

CAST_NAMES = ("张伟", "李娜")
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
]


def id18(born: str, *, male: bool, region: str = "420102", x: bool = False, seq: int = 10) -> str:
    """A valid 18-digit number; ``x``: one whose check digit is X."""
    for n in range(seq, 1000):
        if n % 2 != male:
            continue
        body = f"{region}{born}{n:03d}"
        if (check_digit(body) == "X") == x:
            return body + check_digit(body)
    raise AssertionError("no such number")


def id15(born: str, *, male: bool, region: str = "420102", seq: int = 20) -> str:
    """A first-generation number: region, birth date as YYMMDD, sequence (odd: a man)."""
    return f"{region}{born[2:]}{seq + (1 if male else 0):03d}"


def upgraded(number15: str) -> str:
    body = number15[:6] + "19" + number15[6:]
    return body + check_digit(body)


def nth_id(i: int) -> str:
    """Distinct valid numbers of men, one a day from 1980-01-01."""
    born = dt.date(1980, 1, 1) + dt.timedelta(days=i)
    return id18(born.strftime("%Y%m%d"), male=True)


def imported() -> int:
    return Member.objects.exclude(name__in=CAST_NAMES).count()


def write_csv(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "roster.csv"
    path.write_bytes(text.getvalue().encode("utf-8-sig"))
    return path


def row(name: str = "测试甲", **cells: str) -> list[str]:
    """One CSV row of ``HEADER``: a valid man at GA unless a cell says otherwise."""
    values = {
        "姓名": name,
        "性别": "",
        "身份证号": id18("19850315", male=True),
        "手机号": "",
        "民族": "汉族",
        "政治面貌": "",
        "学历": "",
        "工作单位编码": "GA",
        "入会日期": "2024-03-01",
    }
    values.update(cells)
    return [values[h] for h in HEADER]


# -- the clerk's roster -----------------------------------------------------------------------

ROSTER_HEADER = [
    "序号",
    "姓  名",
    "性别",
    "身份证号码（18位）",
    "联系电话",
    "手机号码",
    "民族",
    "政治面貌",
    "学历",
    "工作单位编码（必填）",
    "入会日期\n(yyyy-mm-dd)",
    "职务",
    "岗位",
    "备注",
]
# name, sex as written, ID number, kind of ID cell, mobile, ethnicity, political status,
# education, date joined as written (a date: an Excel date cell), 职务, 岗位.
# Kinds: "text" stays text; "number" is what Excel makes of an ID typed into a General cell.
WORKSHOP_1 = [
    ("王　磊", "男性", id18("19850315", male=True), "text", "13900000001", "汉族",
     "中国共产党党员", "大学本科", "2020.3.1", "班长", "钳工"),
    ("陈 静", "女性", id18("19900620", male=False), "text", "13900000002", "汉族",
     "民盟盟员", "大学专科", "2020年3月1日", "", "质检员"),
    ("阿依古丽 · 买买提", "2", id15("19880101", male=False), "text", "13900000003", "维吾尔族",
     "九三学社社员", "专科", "20200301", "", "电工"),
    ("张　　强", "1", id18("19790101", male=True, x=True), "text", "13900000004", "汉",
     "群众", "中等专科", dt.date(2019, 7, 1), "", "焊工"),
]  # fmt: skip
WORKSHOP_2 = [
    ("刘　洋", "男", id18("19950505", male=True), "number", "13900000005", "汉族",
     "共青团员", "职业高中", "2021-06-01", "", "装配工"),
    ("赵 敏", "女", id15("19700202", male=False), "number", "13900000006", "回族",
     "无党派人士", "技工学校", "2019/5/20", "", "库管"),
    ("孙　伟", "1", id18("19830808", male=True, seq=40), "number", "13900000007", "汉族",
     "13", "普通高中", dt.date(2018, 1, 2), "", "司机"),
    ("周　杰", "1", id18("19920909", male=True, x=True), "number", "13900000008", "汉族",
     "01", "初中", "2018.12.1", "", "保安"),
]  # fmt: skip
STORED = {  # name as stored: gender, political status, education, date joined
    "王磊": ("male", "cpc", "bachelor", dt.date(2020, 3, 1)),
    "陈静": ("female", "democratic", "college", dt.date(2020, 3, 1)),
    "阿依古丽·买买提": ("female", "democratic", "college", dt.date(2020, 3, 1)),
    "张强": ("male", "masses", "senior", dt.date(2019, 7, 1)),
    "刘洋": ("male", "cyl", "senior", dt.date(2021, 6, 1)),
    "赵敏": ("female", "non_party", "senior", dt.date(2019, 5, 20)),
    "孙伟": ("male", "masses", "senior", dt.date(2018, 1, 2)),
    "周杰": ("male", "cpc", "junior", dt.date(2018, 12, 1)),
}


def clerks_roster(tmp_path: Path, *, ids_as_numbers: bool) -> Path:
    """The workbook a district clerk sends (see the module's docstring)."""
    path = tmp_path / "江城机械花名册.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    guide = workbook.add_worksheet("说明")
    guide.write_string(0, 0, "本表由各车间填写，身份证号码请填写 18 位。")
    guide.write_row(2, 0, ["姓名", "身份证号码", "入会日期"])  # looks like a header: still skipped
    guide.hide()
    for title, people, footer_merged in (
        ("一车间", WORKSHOP_1, True),
        ("二车间", WORKSHOP_2, False),
    ):
        sheet = workbook.add_worksheet(title)
        sheet.merge_range(0, 0, 0, 13, f"江城机械公司工会会员花名册（{title}）")
        sheet.merge_range(1, 0, 1, 13, "填报单位：江城机械公司工会        填报日期：2024年5月")
        sheet.write_row(2, 0, ROSTER_HEADER)
        r = 3
        for n, (name, sex, number, kind, mobile, nation, political, education, joined, title_,
                job) in enumerate(people, start=1):  # fmt: skip
            sheet.write_number(r, 0, n)
            sheet.write_string(r, 1, name)
            if sex.isdigit():
                sheet.write_number(r, 2, int(sex))  # GB/T 2261.1 codes typed as numbers
            else:
                sheet.write_string(r, 2, sex)
            if ids_as_numbers and kind == "number" and number.isdigit():
                sheet.write_number(r, 3, int(number))  # Excel keeps 15 significant digits
            else:
                sheet.write_string(r, 3, number)
            sheet.write_string(r, 4, "027-88886666")  # the workshop's landline
            sheet.write_string(r, 5, mobile)
            sheet.write_string(r, 6, nation)
            if political.isdigit():
                sheet.write_number(r, 7, int(political))  # 01 typed into a General cell
            else:
                sheet.write_string(r, 7, political)
            sheet.write_string(r, 8, education)
            sheet.write_string(r, 9, "GA")
            if isinstance(joined, dt.date):
                sheet.write_datetime(r, 10, dt.datetime.combine(joined, dt.time()), day)
            else:
                sheet.write_string(r, 10, joined)
            sheet.write_string(r, 11, title_)
            sheet.write_string(r, 12, job)
            r += 1
        for n in range(len(people) + 1, len(people) + 3):  # numbered lines nobody filled in
            sheet.write_number(r, 0, n)
            r += 1
        r += 1
        if footer_merged:
            sheet.merge_range(r, 0, r, 13, "负责人：王五　　填表人：赵六　　联系电话：027-88886666")
        else:
            sheet.write_row(
                r, 0, ["负责人：", "王五", "", "填表人：", "赵六", "联系电话：", "027-88886666"]
            )
        if title == "一车间":
            sheet.activate()
            sheet.set_first_sheet()
    workbook.close()
    return path


def test_a_clerks_roster_with_its_id_column_as_text_imports_as_meant(cast: Cast, tmp_path):
    # given the clerk's roster, its ID column formatted as text
    path = clerks_roster(tmp_path, ids_as_numbers=False)
    # when the officer of GA imports it
    result = member_import(
        actor=cast.users["officer"], path=path, filename=path.name, anchor=cast.unions["GA"]
    )
    # then all eight members of both workshops are written, nothing after the footers
    assert result.ok, [describe(e) for e in result.errors]
    assert result.created == 8 == imported()
    members = {m.name: m for m in Member.objects.exclude(name__in=CAST_NAMES)}
    # names without the padding, the dot of a Uyghur name kept; standard spellings read
    assert {
        name: (m.gender, m.political_status, m.education, m.joined_on)
        for name, m in members.items()
    } == STORED
    # the mobile is the phone (not the landline), 岗位 the job (not 职务)
    assert personal.phone_of(members["王磊"]) == "13900000001" and members["王磊"].job == "钳工"
    assert members["张强"].ethnicity == "汉族"
    # the 15-digit numbers are stored as their 18 digits, and the report says so
    assert personal.id_number_of(members["阿依古丽·买买提"]) == upgraded(WORKSHOP_1[2][2])
    assert personal.id_number_of(members["赵敏"]) == upgraded(WORKSHOP_2[1][2])
    assert [(w.sheet, w.row, w.column) for w in result.warnings] == [
        ("一车间", 6, "身份证号码（18位）"),
        ("二车间", 5, "身份证号码（18位）"),
    ]
    assert all("15 位" in w.message and "18 位" in w.message for w in result.warnings)
    # and a search for 王磊 finds the member written 王　磊 in the file
    found = selectors.member_list(cast.users["officer"], name="王磊")
    assert [m.name for m in found] == ["王磊"]


def test_a_clerks_roster_whose_id_column_excel_turned_into_numbers_is_refused_by_cell(
    cast: Cast, tmp_path
):
    # given the same roster, the second workshop's ID numbers typed into General cells
    path = clerks_roster(tmp_path, ids_as_numbers=True)
    # when imported
    result = member_import(
        actor=cast.users["officer"], path=path, filename=path.name, anchor=cast.unions["GA"]
    )
    # then the two 18-digit numbers that lost their last digits are refused, naming the sheet,
    # the row as Excel shows it, the column as written and the cause; the 15-digit number
    # (kept exactly) and the one ending in X (text, since it is no number) pass
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("二车间", 4, "身份证号码（18位）"),
        ("二车间", 6, "身份证号码（18位）"),
    ]
    for error in result.errors:
        assert "Excel" in error.message and "丢失" in error.message and "文本" in error.message
        assert error.value.startswith("4.2010") and "*" in error.value
    assert describe(result.errors[0]).startswith(
        "工作表「二车间」第 4 行，列「身份证号码（18位）」："
    )
    # and nothing is written
    assert result.created == 0 == imported()


def test_the_import_command_names_sheet_row_column_and_cause(cast: Cast, tmp_path):
    # given the roster with numbers in its ID column
    path = clerks_roster(tmp_path, ids_as_numbers=True)
    # when an operator runs manage.py import_members on it
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import_members", str(path), "--union", "GA", "--no-progress",
                     stdout=out, stderr=err)  # fmt: skip
    # then every bad cell is a line naming where it is and why
    lines = err.getvalue().splitlines()
    refused = [line for line in lines if "丢失" in line]
    assert len(refused) == 2
    assert refused[0].startswith("工作表「二车间」第 4 行，列「身份证号码（18位）」：")
    assert "请把这一列设置为“文本”格式" in refused[0]
    # and the converted 15-digit number is a hint, not an error
    assert any(line.startswith("提示：工作表「二车间」第 5 行") for line in lines)
    assert imported() == 0


def test_the_import_command_imports_the_fixed_roster(cast: Cast, tmp_path):
    path = clerks_roster(tmp_path, ids_as_numbers=False)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_members", str(path), "--union", "GA", "--no-progress", stdout=out,
                 stderr=err)  # fmt: skip
    assert "新增 8 名会员" in out.getvalue()
    assert err.getvalue().count("提示：") == 2 and "15 位" in err.getvalue()
    assert imported() == 8


# -- one case at a time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "stored"),
    [("男", "male"), ("男性", "male"), ("1", "male"), ("M", "male"), ("male", "male"),
     ("9", "male"), ("0", "male"), ("未说明的性别", "male"), ("", "male")],
)  # fmt: skip
def test_sex_as_gb_t_2261_writes_it(cast: Cast, tmp_path, sex, stored):
    # given a man whose sex is written one of the standard ways (9 and 0 say nothing:
    # the ID number decides)
    path = write_csv(tmp_path, [row(性别=sex)])
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    assert result.ok, result.errors
    assert Member.objects.get(name="测试甲").gender == stored


def test_women_coded_2_or_女性_and_a_wrong_code_named(cast: Cast, tmp_path):
    woman = id18("19900101", male=False)
    rows = [
        row("测试甲", 性别="2", 身份证号=woman),
        row("测试乙", 性别="女性", 身份证号=id18("19900102", male=False)),
        row("测试丙", 性别="5", 身份证号=id18("19900103", male=True)),  # 5: changed, not taken
        row("测试丁", 性别="男性", 身份证号=id18("19900104", male=False)),
    ]
    result = member_import(actor=SYSTEM, path=write_csv(tmp_path, rows), filename="r.csv")
    assert [(e.row, e.column) for e in result.errors] == [(4, "性别"), (5, "性别")]
    assert "男性" in result.errors[0].message and "1（男）" in result.errors[0].message
    assert result.errors[1].message == "性别与身份证号不一致。"


POLITICAL = [
    ("中国共产党党员", "cpc"), ("中共党员", "cpc"), ("党员", "cpc"), ("01", "cpc"), ("1", "cpc"),
    ("中国共产党预备党员", "cpc_probationary"), ("02", "cpc_probationary"),
    ("中国共产主义青年团团员", "cyl"), ("共青团员", "cyl"), ("03", "cyl"),
    ("民革党员", "democratic"), ("民革会员", "democratic"), ("民盟盟员", "democratic"),
    ("民建会员", "democratic"), ("民进会员", "democratic"), ("农工党党员", "democratic"),
    ("致公党党员", "democratic"), ("九三学社社员", "democratic"), ("台盟盟员", "democratic"),
    ("中国民主同盟盟员", "democratic"), ("民主党派", "democratic"), ("04", "democratic"),
    ("11", "democratic"), ("九三学社", "democratic"), ("民盟", "democratic"), ("无党派人士", "non_party"), ("无党派民主人士", "non_party"),
    ("12", "non_party"), ("群众", "masses"), ("13", "masses"), ("中共 党员", "cpc"),
]  # fmt: skip
EDUCATION = [
    ("研究生", "master"), ("硕士研究生", "master"), ("硕士", "master"),
    ("博士研究生", "doctor"), ("博士研究生毕业", "doctor"), ("大学本科", "bachelor"),
    ("本科", "bachelor"), ("大学本科毕业", "bachelor"), ("大学专科", "college"),
    ("专科", "college"), ("大专", "college"), ("中等专科", "senior"), ("中专", "senior"),
    ("职业高中", "senior"), ("技工学校", "senior"), ("技校", "senior"), ("普通高中", "senior"),
    ("高中", "senior"), ("初中", "junior"), ("初中毕业", "junior"), ("小学", "primary"),
    ("小学及以下", "primary"), ("文盲", "primary"),
]  # fmt: skip


def test_every_standard_spelling_of_political_status_and_education_is_read(cast: Cast, tmp_path):
    # given one row per spelling of GB/T 4762 and GB/T 4658
    rows = []
    for i, (spelled, _code) in enumerate(POLITICAL):
        rows.append(row(f"政{i}", 身份证号=nth_id(i), 政治面貌=spelled))
    for i, (spelled, _code) in enumerate(EDUCATION):
        rows.append(row(f"学{i}", 身份证号=nth_id(100 + i), 学历=spelled))
    # when imported
    result = member_import(actor=SYSTEM, path=write_csv(tmp_path, rows), filename="r.csv")
    # then every row is written with its code
    assert result.ok, [describe(e) for e in result.errors]
    stored = dict(Member.objects.values_list("name", "political_status"))
    assert [stored[f"政{i}"] for i in range(len(POLITICAL))] == [c for _s, c in POLITICAL]
    stored = dict(Member.objects.values_list("name", "education"))
    assert [stored[f"学{i}"] for i in range(len(EDUCATION))] == [c for _s, c in EDUCATION]
    # and 研究生 alone, which could be a doctor, is read as 硕士研究生 with a word about it
    assert [(w.row, w.column, w.value) for w in result.warnings] == [
        (len(POLITICAL) + 2, "学历", "研究生")
    ]
    assert "博士研究生" in result.warnings[0].message


def test_ambiguous_and_unknown_spellings_are_refused_naming_the_accepted_ones(cast: Cast, tmp_path):
    rows = [
        row("测试甲", 政治面貌="无党派"),
        row("测试乙", 身份证号=id18("19850316", male=True), 政治面貌="会员"),
        row("测试丙", 身份证号=id18("19850317", male=True), 学历="其他"),
        row("测试丁", 身份证号=id18("19850318", male=True), 学历="幼儿园"),
    ]
    result = member_import(actor=SYSTEM, path=write_csv(tmp_path, rows), filename="r.csv")
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "政治面貌"), (3, "政治面貌"), (4, "学历"), (5, "学历")}
    assert "群众" in messages[2, "政治面貌"] and "无党派人士" in messages[2, "政治面貌"]
    assert "两种理解" in messages[2, "政治面貌"]
    assert "民盟盟员" in messages[3, "政治面貌"] and "01–13" in messages[3, "政治面貌"]
    assert "最高学历" in messages[4, "学历"]
    assert "大学本科" in messages[5, "学历"] and "硕士研究生" in messages[5, "学历"]
    assert imported() == 0


def test_a_15_digit_id_number_is_converted_and_the_report_says_so(cast: Cast, tmp_path):
    # given a first-generation number, as text in a CSV and as a number in an .xlsx
    old = id15("19660606", male=True)
    path = write_csv(tmp_path, [row(身份证号=old)])
    # when imported
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    # then it is stored as its 18 digits: "19" before the year and the check digit
    assert result.ok, result.errors
    member = Member.objects.get(name="测试甲")
    assert personal.id_number_of(member) == upgraded(old) and len(upgraded(old)) == 18
    assert member.birth_date == dt.date(1966, 6, 6) and member.gender == "male"
    # and the report shows a warning, not an error, masked
    assert [(w.row, w.column) for w in result.warnings] == [(2, "身份证号")]
    assert "转换为 18 位" in result.warnings[0].message and old not in result.warnings[0].message
    assert result.warnings[0].value == "420102*****6021"


def test_a_15_digit_id_number_in_a_number_cell_is_exact_and_converted(cast: Cast, tmp_path):
    old = id15("19660606", male=True)
    path = tmp_path / "r.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, row())
    sheet.write_number(1, 2, int(old))
    workbook.close()
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    # then Excel kept its 15 digits exactly: it is converted like text, and shown as digits
    assert result.ok, result.errors
    assert personal.id_number_of(Member.objects.get(name="测试甲")) == upgraded(old)
    assert [w.value for w in result.warnings] == ["420102*****6021"]


def test_a_15_digit_number_as_old_as_its_owner_is_checked_like_any_other(cast: Cast, tmp_path):
    # given first-generation numbers with a birth date that does not exist, and the same
    # person twice (once old, once new)
    new = id18("19700707", male=True)
    old = new[:6] + new[8:17]
    rows = [
        row("测试甲", 身份证号="420102660231021"),
        row("测试乙", 身份证号=new),
        row("测试丙", 身份证号=old),
    ]
    result = member_import(actor=SYSTEM, path=write_csv(tmp_path, rows), filename="r.csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "身份证号"), (4, "身份证号")]
    assert "出生日期不存在" in result.errors[0].message
    assert "第 3 行重复" in result.errors[1].message


@pytest.mark.parametrize(
    ("written", "stored"),
    [("王　磊", "王磊"), ("王 磊", "王磊"), ("欧阳　 娜娜", "欧阳娜娜"), (" 王磊 ", "王磊"),
     ("阿依古丽·买买提", "阿依古丽·买买提"), ("阿依古丽 · 买买提", "阿依古丽·买买提"),
     ("阿依古丽・买买提", "阿依古丽·买买提"), ("阿依古丽.买买提", "阿依古丽·买买提"),
     ("Mary  Smith", "Mary Smith"), ("王\u200b磊", "王磊")],
)  # fmt: skip
def test_names_padded_for_alignment_are_stored_without_the_padding(
    cast: Cast, tmp_path, written, stored
):
    result = member_import(actor=SYSTEM, path=write_csv(tmp_path, [row(written)]), filename="r.csv")
    assert result.ok, result.errors
    assert Member.objects.exclude(name__in=CAST_NAMES).get().name == stored


def test_a_search_finds_a_padded_name_either_way(cast: Cast, tmp_path):
    path = write_csv(tmp_path, [row("王　磊")])
    assert member_import(actor=SYSTEM, path=path, filename="r.csv").ok
    for typed in ("王磊", "王　磊", "王 磊", "磊"):
        assert [m.name for m in selectors.member_list(cast.users["officer"], name=typed)] == [
            "王磊"
        ], typed


@pytest.mark.parametrize(
    ("written", "says"),
    [("2020", "只有年份"), ("2020年", "只有年份"), ("202003", "只有年月"), ("2020-03", "只有年月"),
     ("2020.3", "只有年月"), ("2020年3月", "只有年月"), ("2020/03", "只有年月")],
)  # fmt: skip
def test_a_year_or_a_month_alone_is_an_incomplete_date(cast: Cast, tmp_path, written, says):
    result = member_import(
        actor=SYSTEM, path=write_csv(tmp_path, [row(入会日期=written)]), filename="r.csv"
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "入会日期")]
    message = result.errors[0].message
    assert "不完整" in message and says in message
    assert "出生日期" not in message and "晚于今天" not in message


def test_a_year_or_a_month_typed_into_number_cells_is_incomplete_too(cast: Cast, tmp_path):
    # given 2020 and 202003 as Excel numbers (typed into General cells), and 2020.03
    path = tmp_path / "r.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for i, value in enumerate((2020, 202003, 2020.03), start=1):
        sheet.write_row(i, 0, row(f"测试{i}", 身份证号=nth_id(i)))
        sheet.write_number(i, 8, value)
    workbook.close()
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    assert [(e.row, "不完整" in e.message) for e in result.errors] == [
        (2, True),
        (3, True),
        (4, True),
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [("2020.3.1", "2020-03-01"), ("2020年3月1日", "2020-03-01"), ("2020 年 3 月 1 日", "2020-03-01"),
     ("20200301", "2020-03-01"), ("2020/03/01 00:00:00", "2020-03-01"),
     ("２０２０－０３－０１", "2020-03-01"), ("43891", "2020-03-01"), ("2020", None),
     ("202003", None), ("2020.3", None)],
)  # fmt: skip
def test_dates_as_clerks_write_them(text, day):
    parsed = parse_day(text)
    assert (str(parsed) if parsed else None) == day


def test_an_id_number_that_excel_wrote_into_a_csv_in_scientific_notation(cast: Cast, tmp_path):
    # given a CSV saved by Excel from a sheet whose ID column held numbers
    path = write_csv(tmp_path, [row(身份证号="4.20102E+17")])
    result = member_import(actor=SYSTEM, path=path, filename="r.csv")
    # then the message says the digits were lost and how to fix the column
    assert [(e.row, e.column) for e in result.errors] == [(2, "身份证号")]
    assert "丢失" in result.errors[0].message and "文本" in result.errors[0].message


def test_header_notes_line_breaks_and_a_hidden_first_sheet_through_the_importer(
    cast: Cast, tmp_path
):
    # given a hidden first sheet of instructions and headers with notes on a second line
    path = tmp_path / "r.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    hidden = workbook.add_worksheet("填表须知")
    hidden.write_row(0, 0, ["姓名", "身份证号"])
    hidden.write_row(1, 0, ["示例", "110105194912310021"])
    hidden.hide()
    sheet = workbook.add_worksheet("花名册")
    sheet.write_row(
        0,
        0,
        ["姓名\n（与身份证一致）", "身份证号码（18位）", "入会日期\n(yyyy-mm-dd)",
         "工作单位编码（必填）"],
    )  # fmt: skip
    sheet.write_row(1, 0, ["测试甲", id18("19850315", male=True), "2024-03-01", "GA"])
    sheet.activate()
    workbook.close()
    # when imported, the roster is read and the hidden sheet is not
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    assert result.ok, result.errors
    assert imported() == 1 and not Member.objects.filter(name="示例").exists()


def test_the_import_page_shows_a_converted_number_as_a_hint(cast: Cast, tmp_path, settings):
    # given the officer uploads a roster with a first-generation ID number on the page
    settings.MEDIA_ROOT = tmp_path / "private"
    path = write_csv(tmp_path, [row(身份证号=id15("19660606", male=True))])
    stream = io.BytesIO(path.read_bytes())
    stream.name = "roster.csv"
    client = cast.client("officer")
    response = client.post(reverse("staff:members:member_import"), {"anchor": "GA", "file": stream})
    # then the member is written, and the result names the cell and what was done to it
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.DONE and job.created_count == 1
    page = client.get(response["Location"]).content.decode()
    assert "另有 1 条提示" in page
    assert "第 2 行，列「身份证号」：提示（不影响导入）：这是 15 位的第一代身份证号" in page
    assert "420102660606021" not in page
    # and the downloadable report holds the same line, masked
    report: Any = client.get(reverse("staff:members:member_import_report", args=[job.pk]))
    data = b"".join(report.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[1][2:4] == ["身份证号", "420102*****6021"] and "15 位" in str(rows[1][4])


def test_a_visible_sheet_of_something_else_is_refused_by_its_name(cast: Cast, tmp_path):
    # given a visible 汇总 sheet of counts before the roster
    path = tmp_path / "r.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    summary = workbook.add_worksheet("汇总")
    summary.write_row(0, 0, ["车间", "人数"])
    summary.write_row(1, 0, ["一车间", 4])
    sheet = workbook.add_worksheet("一车间")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, row())
    workbook.close()
    # when imported
    result = member_import(actor=SYSTEM, path=path, filename="r.xlsx")
    # then the file is refused, naming the sheet and what to do
    assert [(e.sheet, e.row) for e in result.errors] == [("汇总", 0)]
    assert "工作表「汇总」" in result.errors[0].message and "隐藏" in result.errors[0].message
    assert imported() == 0
