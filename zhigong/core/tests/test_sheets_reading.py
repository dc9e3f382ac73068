"""The spreadsheet kit reads what unions keep: titles, notes in headers, footers, numbered
empty lines, several workshops in one workbook, hidden sheets, CSV from Chinese Excel."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from zhigong.core.sheets.cells import NumberText, cell_text, exact_digits, excel_number
from zhigong.core.sheets.columns import Column, ColumnSet, header_key
from zhigong.core.sheets.errors import RowError, UnreadableSheet, describe
from zhigong.core.sheets.reading import Reading
from zhigong.core.sheets.rows import is_footer, is_serial
from zhigong.core.sheets.templates import write_template

COLUMNS = ColumnSet(
    (
        Column("name", "name", "姓名", True),
        Column("id_number", "id_number", "身份证号", True, ("身份证号码",), text_only=True),
        Column("joined_on", "joined_on", "入会日期", True),
        Column("phone", "phone", "手机号", False, ("手机号码",), ("联系电话",)),
        Column("job", "job", "岗位", False, (), ("职务",)),
    )
)
ID = "420102198503150011"
ROW = ["张三", ID, "2024-03-01"]


def workbook(path: Path, build: Callable[[Any], None]) -> Path:
    """An .xlsx written by xlsxwriter: ``build`` gets the workbook and adds the sheets."""
    book = xlsxwriter.Workbook(str(path))
    build(book)
    book.close()
    return path


def read(
    source: Path | io.BytesIO, filename: str = ""
) -> tuple[list[tuple[str, int, tuple[Any, ...]]], list[RowError]]:
    """(sheet, row number, cells) of every record, and the errors."""
    reading = Reading(source, filename or getattr(source, "name", "t.xlsx"), COLUMNS)
    records = [(sheet.name, n, cells) for sheet in reading.sheets() for n, cells in sheet.records()]
    return records, reading.errors


def test_title_rows_header_notes_serial_rows_and_a_merged_footer(tmp_path):
    # given a form: a merged title, a subtitle, a header with notes on a second line,
    # numbered lines nobody filled in, and a footer merged across the table
    def build(book: Any) -> None:
        sheet = book.add_worksheet("花名册")
        sheet.merge_range(0, 0, 0, 5, "某某公司工会会员花名册")
        sheet.write_row(1, 0, ["填报单位：某某公司工会", "", "", "填报日期：2024年3月1日"])
        sheet.write_row(
            3, 0, ["序号", "姓 名", "身份证号码\n（18位）", "入会日期\n(yyyy-mm-dd)", "备注"]
        )
        sheet.write_row(4, 0, [1, *ROW, "新会员"])
        sheet.write_row(5, 0, [2])
        sheet.write_row(6, 0, ["3"])
        sheet.write_row(8, 0, [4, "李四", "42010219850315002X", "2024/3/2"])
        sheet.merge_range(
            10, 0, 10, 4, "负责人：王五        填表人：赵六        联系电话：027-12345678"
        )
        sheet.write_row(12, 0, ["", "审核人：某某"])

    records, errors = read(workbook(tmp_path / "t.xlsx", build))
    # then the header is row 4, the data rows keep their row numbers, the rest is passed over
    assert records == [
        ("花名册", 5, ("张三", ID, "2024-03-01", "", "")),
        ("花名册", 9, ("李四", "42010219850315002X", "2024/3/2", "", "")),
    ]
    assert errors == []


def test_a_footer_spread_over_cells_ends_the_data(tmp_path):
    def build(book: Any) -> None:
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["姓名", "身份证号", "入会日期"])
        sheet.write_row(1, 0, ROW)
        sheet.write_row(2, 0, ["负责人：", "王五", "填表人：", "赵六"])
        sheet.write_row(3, 0, ["制表人 孙七"])

    records, errors = read(workbook(tmp_path / "t.xlsx", build))
    assert [n for _s, n, _c in records] == [2] and errors == []


def test_data_after_the_footer_is_an_error_not_lost(tmp_path):
    def build(book: Any) -> None:
        sheet = book.add_worksheet("一车间")
        sheet.write_row(0, 0, ["姓名", "身份证号", "入会日期"])
        sheet.write_row(1, 0, ROW)
        sheet.write_row(2, 0, ["负责人：王五"])
        sheet.write_row(3, 0, ["李四", "42010219850315002X", "2024-03-02"])

    records, errors = read(workbook(tmp_path / "t.xlsx", build))
    assert [n for _s, n, _c in records] == [2]
    assert [(e.sheet, e.row) for e in errors] == [("一车间", 4)]
    assert "表尾" in errors[0].message and "第 3 行" in errors[0].message


@pytest.mark.parametrize(
    ("text", "footer"),
    [
        ("负责人：张三", True),
        ("负 责 人: 张三", True),
        ("  填表人：", True),
        ("制表人 张三", True),
        ("填报日期：2024年3月1日", True),
        ("单位（盖章）", True),
        ("联系电话：027-1234", True),
        ("联系电话", True),
        ("合计：35人", True),
        ("注：本表一式两份", True),
        ("联系电话号码簿", False),
        ("注意", False),
        ("单丽", False),
        ("张三", False),
    ],
)
def test_footer_words(text, footer):
    assert is_footer(text) is footer


def test_every_visible_sheet_is_read_and_a_hidden_one_ignored(tmp_path):
    # given a hidden first sheet (a list for drop-downs) and one sheet per workshop, with the
    # columns in another order on the second
    def build(book: Any) -> None:
        hidden = book.add_worksheet("字典")
        hidden.write_row(0, 0, ["姓名", "身份证号", "入会日期"])
        hidden.write_row(1, 0, ["不该读", ID, "2024-01-01"])
        hidden.hide()
        first = book.add_worksheet("一车间")
        first.write_row(0, 0, ["姓名", "身份证号", "入会日期"])
        first.write_row(1, 0, ROW)
        second = book.add_worksheet("二车间")
        second.write_row(0, 0, ["入会日期", "姓名", "身份证号码"])
        second.write_row(1, 0, ["2024-03-02", "李四", "42010219850315002X"])
        book.add_worksheet("空白")
        first.activate()
        first.set_first_sheet()

    records, errors = read(workbook(tmp_path / "t.xlsx", build))
    assert [(s, n, c[0]) for s, n, c in records] == [("一车间", 2, "张三"), ("二车间", 2, "李四")]
    assert errors == []


def test_a_visible_sheet_of_something_else_is_refused_by_name(tmp_path):
    def build(book: Any) -> None:
        sheet = book.add_worksheet("花名册")
        sheet.write_row(0, 0, ["姓名", "身份证号", "入会日期"])
        sheet.write_row(1, 0, ROW)
        summary = book.add_worksheet("汇总")
        summary.write_row(0, 0, ["共计", 1, "人"])

    _records, errors = read(workbook(tmp_path / "t.xlsx", build))
    assert [(e.sheet, e.row) for e in errors] == [("汇总", 0)]
    assert "汇总" in describe(errors[0]) and "隐藏" in errors[0].message


def test_a_sheet_missing_a_required_column_names_the_sheet(tmp_path):
    def build(book: Any) -> None:
        sheet = book.add_worksheet("二车间")
        sheet.write_row(0, 0, ["姓名", "入会日期"])
        sheet.write_row(1, 0, ["张三", "2024-03-01"])

    _records, errors = read(workbook(tmp_path / "t.xlsx", build))
    assert [(e.sheet, e.row) for e in errors] == [("二车间", 1)]
    assert "身份证号（id_number）" in errors[0].message
    assert describe(errors[0]).startswith("工作表「二车间」第 1 行：缺少必需的列")


def test_our_template_is_read_without_its_instructions_sheet(tmp_path):
    # given our own template: the columns on the first sheet, 填写说明 (naming every column
    # again, one per row) on the second
    path = tmp_path / "template.xlsx"
    notes = dict.fromkeys(COLUMNS.fields, "必填")
    write_template(path, sheet_name="会员", columns=COLUMNS.columns, notes=notes)
    # then the instructions are passed over: the template is just a header without rows
    _records, errors = read(path)
    assert [e.message for e in errors] == ["文件中只有表头，没有数据行。"]

    # and a workbook filled in the same way is read
    def build(book: Any) -> None:
        sheet = book.add_worksheet("会员")
        sheet.write_row(0, 0, [c.chinese for c in COLUMNS.columns])
        sheet.write_row(1, 0, ROW)
        guide = book.add_worksheet("填写说明")
        for i, column in enumerate(COLUMNS.columns):
            guide.write_row(i, 0, [column.chinese, column.english, "必填"])

    records, errors = read(workbook(tmp_path / "filled.xlsx", build))
    assert [n for _s, n, _c in records] == [2] and errors == []


def test_headers_match_with_notes_widths_and_line_breaks():
    assert header_key("身份证号码（18位）") == header_key("身份证号码")
    assert header_key("入会日期\n(yyyy-mm-dd)") == "入会日期"
    assert header_key("工作单位编码（必填）*") == "工作单位编码"
    assert header_key("ＩＤ＿Ｎｕｍｂｅｒ") == "idnumber"
    assert header_key("【必填】姓名：") == "姓名"
    assert header_key(" 姓\u3000名 ") == "姓名"


def test_a_sure_name_wins_over_a_fallback_and_neither_is_a_prefix():
    # 联系电话 is the phone only without 手机号码; 职务 is the job only without 岗位
    both = COLUMNS.layout(["姓名", "身份证号", "入会日期", "联系电话", "手机号码", "职务"], 1)
    assert both.error is None
    assert both.positions["phone"] == 4 and both.positions["job"] == 5
    alone = COLUMNS.layout(["姓名", "身份证号", "入会日期", "联系电话"], 1)
    assert alone.positions["phone"] == 3 and alone.headers["phone"] == "联系电话"
    # and a header that merely starts like a column is another column
    other = COLUMNS.layout(["姓名", "身份证号", "入会日期", "手机号码归属地", "岗位职责"], 1)
    assert "phone" not in other.positions and "job" not in other.positions


def test_the_same_column_twice_is_an_error():
    layout = COLUMNS.layout(["姓名", "身份证号", "身份证号码", "入会日期"], 1, "一车间")
    assert layout.error is not None and layout.error.sheet == "一车间"
    assert "是同一列" in layout.error.message


def test_two_columns_sharing_a_name_fail_when_declared():
    with pytest.raises(ValueError, match="电话"):
        ColumnSet(
            (
                Column("phone", "phone", "电话"),
                Column("landline", "landline", "座机", aliases=("电话",)),
            )
        )


def test_a_number_in_a_text_column_is_not_read_as_rounded_digits(tmp_path):
    # given an ID number Excel stored as a number (its last digits are gone)
    def build(book: Any) -> None:
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["姓名", "身份证号", "入会日期", "手机号"])
        sheet.write_row(1, 0, ["张三", 420102198503150011, dt.date(2024, 3, 1), 13812345678])

    records, _errors = read(workbook(tmp_path / "t.xlsx", build))
    cells = records[0][2]
    # then it comes as what Excel shows, marked, and the phone (exact) as its digits
    assert type(cells[1]) is NumberText and cells[1] == "4.20102198503150E+17"
    assert cells[3] == "13812345678"
    # and the typed rows keep the cell types
    reading = Reading(tmp_path / "t.xlsx", "t.xlsx", COLUMNS)
    ((_number, values),) = (r for sheet in reading.sheets() for r in sheet.values())
    assert type(values[1]) is float and type(values[3]) is float and values[0] == "张三"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.0, "12"),
        (12.5, "12.5"),
        (420102.0, "420102"),
        (4.20102198503150e17, "4.2010219850315e+17"),
        (True, "TRUE"),
        (dt.datetime(2024, 3, 1), "2024-03-01"),  # noqa: DTZ001 (Excel cells are naive)
        (dt.datetime(2024, 3, 1, 8, 30), "2024-03-01 08:30:00"),  # noqa: DTZ001
        (dt.date(2024, 3, 1), "2024-03-01"),
        (None, ""),
        ("  张三 ", "张三"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        (420102850315123, "420102850315123"),  # a first-generation ID number: exact
        (13812345678, "13812345678"),
        (999_999_999_999_999, "999999999999999"),
        (420102198503150011, None),  # 18 digits: the last ones are lost
        (1_000_000_000_000_000, None),
        (12.5, None),
    ],
)
def test_exact_digits_of_a_number_excel_kept(value, digits):
    assert exact_digits(NumberText(excel_number(value))) == digits


def test_excel_number_and_serials():
    assert excel_number(420102198503150011) == "4.20102198503150E+17"
    assert excel_number(13812345678.0) == "13812345678"
    assert [is_serial(v) for v in (1, 2.0, "3", "3.5", "一", 2.5, True)] == [True] * 3 + [False] * 4


def csv_bytes(text: str, encoding: str) -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (
            csv_bytes("姓名,身份证号,入会日期\r\n张三,420102198503150011,2024-03-01\r\n", "gbk"),
            "gbk",
        ),
        (
            csv_bytes(
                "姓名,身份证号,入会日期\r\n张三,420102198503150011,2024-03-01\r\n", "gb18030"
            ),
            "gb18030",
        ),
        (
            csv_bytes(
                "\ufeff姓名,身份证号,入会日期\n张三,420102198503150011,2024-03-01\n", "utf-8"
            ),
            "bom",
        ),
        (
            csv_bytes("姓名,身份证号,入会日期\n张三,420102198503150011,2024-03-01\n", "utf-8"),
            "utf-8",
        ),
        (
            io.BytesIO(
                codecs.BOM_UTF16_LE
                + "姓名\t身份证号\t入会日期\r\n张三\t420102198503150011\t2024-03-01\r\n".encode(
                    "utf-16-le"
                )
            ),
            "utf-16 tabs",
        ),
    ],
)
def test_csv_as_chinese_excel_saves_it(data, name):
    records, errors = read(data, "roster.csv")
    assert records == [("", 2, ("张三", ID, "2024-03-01", "", ""))], name
    assert errors == []


def test_csv_footer_and_serial_lines():
    text = "序号,姓名,身份证号,入会日期\n1,张三,420102198503150011,2024-03-01\n2,,,\n,,,\n填表人：李四,,,\n"
    records, errors = read(csv_bytes(text, "utf-8"), "r.csv")
    assert [n for _s, n, _c in records] == [2] and errors == []


def test_files_that_cannot_be_read():
    with pytest.raises(UnreadableSheet, match=r"\.txt"):
        Reading(io.BytesIO(b"x"), "r.txt", COLUMNS)
    with pytest.raises(UnreadableSheet, match="xlsx"):
        Reading(io.BytesIO(b"not a zip"), "r.xlsx", COLUMNS)
    _records, errors = read(io.BytesIO(b""), "r.csv")
    assert [e.message for e in errors] == ["文件是空的：没有表头，也没有数据。"]
    _records, errors = read(csv_bytes("姓名,身份证号,入会日期\n", "utf-8"), "r.csv")
    assert [e.message for e in errors] == ["文件中只有表头，没有数据行。"]
