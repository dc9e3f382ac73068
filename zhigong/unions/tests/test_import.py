"""Importing a union tree from .csv and .xlsx: all or nothing, every bad cell reported."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from zhigong.accounts.models import User
from zhigong.core.actors import SYSTEM, Actor
from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.unions.importing import (
    ImportResult,
    RowError,
    describe,
    union_import,
    write_error_report,
    write_template,
)
from zhigong.unions.models import RoleGrant, Union

pytestmark = pytest.mark.django_db

HEADER = ("code", "name", "kind", "level", "parent_code", "region_code")
CHINESE_HEADER = ("编码", "名称", "类型", "级别", "上级编码", "行政区划代码")

# A city federation, a district below it, a street and a company: the child comes first.
TREE = [
    ("D01", "江岸区总工会", "总工会", "区（县）级", "WH", "420102"),
    ("WH", "武汉市总工会", "federation", "city", "", "420100"),
    ("S01", "大智街道工会", "街道工会", "", "D01", "420102"),
    ("G01", "武汉江城机械有限公司工会", "基层工会", "", "S01", ""),
]


def csv_bytes(
    rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER, encoding: str = "utf-8"
) -> io.BytesIO:
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return io.BytesIO(("\r\n".join(lines) + "\r\n").encode(encoding))


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> io.BytesIO:
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    workbook.close()
    stream.seek(0)
    return stream


def run(
    rows: Sequence[Sequence[object]],
    *,
    actor: Actor = SYSTEM,
    anchor: Union | None = None,
    source: io.BytesIO | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import ``rows`` (or ``source``) as the CSV file unions.csv."""
    return union_import(
        actor=actor,
        source=source or csv_bytes(rows),
        filename="unions.csv",
        anchor=anchor,
        dry_run=dry_run,
    )


def by_code(code: str) -> Union:
    return Union.objects.get(code=code)


def parent_of(code: str) -> Union:
    return Union.objects.get_parent(by_code(code))


def add_child(parent_code: str, code: str, **fields: object) -> Union:
    fields = {"name": code, "kind": "street", **fields}
    return Union.objects.add_child(by_code(parent_code), {"code": code, **fields})


def assert_tree_consistent() -> None:
    assert Union.objects.find_problems() == ([], [], [], [], [])


def city() -> Union:
    return Union.objects.add_root(
        {"code": "CITY", "name": "武汉市总工会", "kind": "federation", "level": "city"}
    )


def errors_at(result: ImportResult, row: int) -> list[RowError]:
    return [e for e in result.errors if e.row == row]


# -- reading ---------------------------------------------------------------------------------


def test_csv_import_builds_the_tree_with_a_parent_defined_later():
    # given a file whose district comes before its city
    # when it is imported by an operator
    result = run(TREE)
    # then all four are written, parents above children, and treebeard finds nothing wrong
    assert result.ok and result.created == 4 and result.rows_read == 4
    wh, d01, s01, g01 = (by_code(c) for c in ("WH", "D01", "S01", "G01"))
    assert wh.depth == 1 and wh.numchild == 1
    assert d01.path.startswith(wh.path) and d01.depth == 2 and d01.kind == "federation"
    assert d01.level == "county" and d01.region_code == "420102"
    assert parent_of("S01") == d01 and s01.kind == "street" and s01.level == ""
    assert parent_of("G01") == s01 and g01.numchild == 0 and g01.is_active
    assert_tree_consistent()


def test_new_roots_come_after_existing_roots():
    existing = city()
    result = run(TREE)
    assert result.ok
    assert by_code("WH").path > existing.path
    assert_tree_consistent()


def test_xlsx_with_chinese_headers_and_numbers_as_floats():
    # given an Excel sheet where codes and region codes were typed as numbers
    rows = [
        (1001, "武汉市总工会", "总工会", "市级", "", 420100),
        (1002, "江岸区总工会", "总工会", "区级", 1001, 420102.0),
        ("", "", "", "", "", ""),
        (1003, "大智街道工会", "街道（乡镇）工会", "", 1002.0, 420102),
    ]
    # when it is imported
    result = union_import(
        actor=SYSTEM, source=xlsx_bytes(rows, CHINESE_HEADER), filename="工会.xlsx", anchor=None
    )
    # then the numbers became plain codes, and the blank row was skipped
    assert result.ok, result.errors
    assert result.rows_read == 3
    assert by_code("1002").region_code == "420102"
    assert parent_of("1003") == by_code("1002")
    assert_tree_consistent()


def test_xlsx_errors_carry_spreadsheet_row_numbers():
    rows = [
        ("WH", "武汉市总工会", "总工会", "市级", "", ""),
        ("", "", "", "", "", ""),
        ("X1", "某工会", "合作社", "", "WH", ""),
    ]
    result = union_import(actor=SYSTEM, source=xlsx_bytes(rows, CHINESE_HEADER), filename="t.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(4, "类型")]


def test_title_row_above_the_header_is_passed_over():
    # given a sheet with a merged title on row 1 and a blank row 2
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.merge_range(0, 0, 0, 5, "武汉市工会组织导入表（2026 年）")
    sheet.write_row(2, 0, CHINESE_HEADER)
    sheet.write_row(3, 0, ("WH", "武汉市总工会", "总工会", "市级", "", "420100"))
    sheet.write_row(4, 0, ("X1", "某工会", "合作社", "", "WH", ""))
    workbook.close()
    # when it is read
    result = union_import(actor=SYSTEM, source=stream, filename="t.xlsx")
    # then the header is found on row 3 and the bad row is row 5
    assert [(e.row, e.column) for e in result.errors] == [(5, "类型")]


def test_django_upload_is_accepted_as_source():
    upload = SimpleUploadedFile("工会.xlsx", xlsx_bytes(TREE).getvalue())
    result = union_import(actor=SYSTEM, source=upload, filename=str(upload.name))
    assert result.ok and result.created == 4


def test_gb18030_csv_from_chinese_excel():
    source = csv_bytes(TREE, CHINESE_HEADER, encoding="gb18030")
    result = run([], source=source)
    assert result.ok and result.created == 4
    assert by_code("S01").name == "大智街道工会"


def test_utf8_csv_with_bom_and_mixed_case_headers():
    header = ("Code", "NAME", " Kind ", "level", "Parent_Code", "Region_Code")
    source = io.BytesIO(b"\xef\xbb\xbf" + csv_bytes(TREE, header).getvalue())
    result = run([], source=source)
    assert result.ok and result.created == 4


def test_short_name_column_is_read_and_region_code_may_be_left_out():
    # given a file with 简称 and without 行政区划代码, columns in another order
    header = ("编码", "名称", "简称", "类型", "级别", "上级编码")
    rows = [("WH", "武汉市总工会", "市总", "总工会", "市级", "")]
    # when it is imported
    result = run([], source=csv_bytes(rows, header))
    # then the short name is kept and the region code is empty
    assert result.ok
    assert by_code("WH").short_name == "市总" and by_code("WH").region_code == ""


def test_short_name_longer_than_64_characters():
    header = ("编码", "名称", "简称", "类型", "级别", "上级编码")
    rows = [("WH", "武汉市总工会", "市" * 65, "总工会", "市级", "")]
    result = run([], source=csv_bytes(rows, header))
    assert [(e.row, e.column) for e in result.errors] == [(2, "简称")]


def test_missing_required_columns_is_one_file_error():
    result = run([], source=csv_bytes([("WH", "武汉市总工会")], ("编码", "名称")))
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (
        error.row == 1
        and "类型（kind）" in error.message
        and "上级编码（parent_code）" in error.message
    )
    assert Union.objects.count() == 0


def test_unsupported_file_type_and_empty_file():
    unsupported = union_import(actor=SYSTEM, source=io.BytesIO(b"x"), filename="unions.txt")
    empty = union_import(actor=SYSTEM, source=io.BytesIO(b""), filename="unions.csv")
    header_only = run([])
    assert ".txt" in unsupported.errors[0].message
    assert empty.errors[0].row == 0
    assert header_only.errors[0].message == "文件中只有表头，没有数据行。"


def test_csv_in_an_unknown_encoding_is_a_file_error():
    result = union_import(
        actor=SYSTEM, source=io.BytesIO(b"code,name\r\n\x80\xff,x\r\n"), filename="u.csv"
    )
    assert [(e.row, e.column) for e in result.errors] == [(0, "")]
    assert "UTF-8" in result.errors[0].message


def test_unreadable_xlsx_is_a_file_error():
    result = union_import(actor=SYSTEM, source=io.BytesIO(b"not a zip"), filename="unions.xlsx")
    assert len(result.errors) == 1 and result.errors[0].row == 0


# -- all or nothing --------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_names_row_and_column():
    # given a good tree with one unknown kind on the third data row (spreadsheet row 4)
    rows = [*TREE]
    rows[2] = ("S01", "大智街道工会", "居委会", "", "D01", "420102")
    # when it is imported
    result = run(rows)
    # then nothing at all is written and the error names the row, the column and the value
    assert Union.objects.count() == 0 and result.created == 0
    assert result.errors[0] == RowError(4, "kind", "居委会", result.errors[0].message)
    assert "未知的工会类型“居委会”" in result.errors[0].message
    assert describe(result.errors[0]).startswith("第 4 行，列「kind」：")


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (("a b", "某工会", "基层工会", "", "WH", ""), "code", "编码只能包含"),
        (("", "某工会", "基层工会", "", "WH", ""), "code", "编码不能为空"),
        (("X1", "", "基层工会", "", "WH", ""), "name", "名称不能为空"),
        (("X1", "名" * 129, "基层工会", "", "WH", ""), "name", "128"),
        (("X1", "某工会", "合作社", "", "WH", ""), "kind", "未知的工会类型"),
        (("X1", "某工会", "总工会", "", "WH", ""), "level", "总工会必须填写级别"),
        (("X1", "某工会", "基层工会", "市级", "WH", ""), "level", "只有总工会填写级别"),
        (("X1", "某工会", "总工会", "镇级", "WH", ""), "level", "未知的级别"),
        (("X1", "某工会", "基层工会", "", "WH", "42010"), "region_code", "6 位数字"),
        (("X1", "某工会", "基层工会", "", "WH", "999999"), "region_code", "不存在"),
        (("X1", "某工会", "基层工会", "", "NOPE", ""), "parent_code", "既不在本文件中"),
    ],
)
def test_each_bad_cell_is_reported_in_chinese(row, column, words):
    result = run([TREE[1], row])
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert words in result.errors[0].message
    assert Union.objects.count() == 0


def test_several_bad_cells_in_one_row_are_all_reported():
    result = run([("a b", "", "合作社", "", "NOPE", "12")])
    assert {e.column for e in result.errors} == {
        "code",
        "name",
        "kind",
        "region_code",
        "parent_code",
    }


def test_code_already_in_the_database():
    city()
    result = run([("CITY", "武汉市总工会", "总工会", "市级", "", "")])
    assert result.errors[0].column == "code" and "已存在" in result.errors[0].message


def test_duplicate_codes_name_the_first_row():
    rows = [
        *TREE,
        ("S01", "另一个街道", "街道工会", "", "D01", ""),
        ("S01", "第三个", "街道工会", "", "D01", ""),
    ]
    result = run(rows)
    duplicates = [e for e in result.errors if "重复" in e.message]
    assert [(e.row, e.column, e.value) for e in duplicates] == [
        (6, "code", "S01"),
        (7, "code", "S01"),
    ]
    assert all("第 4 行" in e.message for e in duplicates)
    assert Union.objects.count() == 0


def test_cycle_is_reported_on_every_row_of_it():
    rows = [
        ("WH", "武汉市总工会", "总工会", "市级", "", ""),
        ("A", "甲工会", "基层工会", "", "B", ""),
        ("B", "乙工会", "基层工会", "", "C", ""),
        ("C", "丙工会", "基层工会", "", "A", ""),
        ("D", "丁工会", "基层工会", "", "C", ""),  # below the cycle
    ]
    result = run(rows)
    cycle = [e for e in result.errors if "循环" in e.message]
    assert [e.row for e in cycle] == [3, 4, 5]
    assert all("第 3、4、5 行" in e.message and e.column == "parent_code" for e in cycle)
    assert [e.message for e in errors_at(result, 6)] == [
        "上级编码所在的第 5 行有错误，本行也无法导入。"
    ]
    assert errors_at(result, 2) == []
    assert Union.objects.count() == 0


def test_own_code_as_parent_is_a_cycle():
    result = run([("A", "甲工会", "基层工会", "", "A", "")])
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "parent_code", "上级编码不能是本行自己的编码。")
    ]


def test_rows_below_a_bad_row_are_reported_too():
    # given a bad district: its street and the company below the street cannot go in either
    rows = [*TREE]
    rows[0] = ("D01", "江岸区总工会", "总工会", "", "WH", "420102")  # federation without level
    result = run(rows)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "level"),
        (4, "parent_code"),
        (5, "parent_code"),
    ]
    assert "第 2 行有错误" in errors_at(result, 4)[0].message
    assert "第 4 行有错误" in errors_at(result, 5)[0].message


def test_dry_run_checks_but_writes_nothing():
    before = AuditEvent.objects.count()
    good = run(TREE, dry_run=True)
    bad = run([("A", "甲工会", "基层工会", "", "A", "")], dry_run=True)
    assert good.ok and good.dry_run and good.created == 0 and good.rows_read == 4
    assert len(bad.errors) == 1
    assert Union.objects.count() == 0 and AuditEvent.objects.count() == before


# -- under an existing union -----------------------------------------------------------------


def test_import_under_a_database_parent_continues_after_its_last_child():
    # given a city with three districts, the middle one since deleted (so numchild != last step)
    root = city()
    for code in ("D1", "D2", "D3"):
        add_child("CITY", code, kind="federation", level="county")
    by_code("D2").delete()
    add_child("D1", "S1", name="老街道")
    # when new districts (and their streets) go under the city and a new street under D1
    rows = [
        ("D4", "新区总工会", "总工会", "区级", "CITY", ""),
        ("S41", "新区街道", "街道工会", "", "D4", ""),
        ("S42", "新区二街道", "街道工会", "", "D4", ""),
        ("S2", "新街道", "街道工会", "", "D1", ""),
        ("D5", "又一新区总工会", "总工会", "区级", "CITY", ""),
    ]
    result = run(rows)
    # then paths follow the last children, numchild is right and the tree is consistent
    assert result.ok, result.errors
    root.refresh_from_db()
    assert root.numchild == 4
    assert by_code("D4").path > by_code("D3").path
    assert by_code("D5").path > by_code("D4").path
    assert by_code("S2").path > by_code("S1").path
    assert by_code("D1").numchild == 2 and by_code("D4").numchild == 2
    assert [c.code for c in Union.objects.get_children(root)] == ["D1", "D3", "D4", "D5"]
    assert_tree_consistent()
    # and treebeard can keep adding after the import
    add_child("CITY", "D6", kind="federation", level="county")
    add_child("D4", "S43")
    assert_tree_consistent()


def test_under_an_anchor_rows_without_parent_go_below_it():
    city()
    anchor = add_child("CITY", "D1", name="江岸区总工会", kind="federation", level="county")
    rows = [
        ("S1", "大智街道工会", "街道工会", "", "", ""),
        ("G1", "某公司工会", "基层工会", "", "S1", ""),
    ]
    result = run(rows, anchor=anchor)
    assert result.ok
    assert parent_of("S1") == anchor and parent_of("G1") == by_code("S1")
    assert Union.objects.filter(depth=1).count() == 1
    assert_tree_consistent()


def test_inactive_parent_is_refused():
    city()
    add_child("CITY", "D1", name="旧区", kind="federation", level="county", is_active=False)
    result = run([("S1", "街道", "街道工会", "", "D1", "")])
    assert result.errors[0].column == "parent_code" and "已停用" in result.errors[0].message


# -- who may import --------------------------------------------------------------------------


def scoped_tree() -> tuple[Union, Union, User]:
    """A city with two districts; a user who administers only the first district."""
    city()
    add_child("CITY", "DA", name="江岸区总工会", kind="federation", level="county")
    add_child("CITY", "DB", name="武昌区总工会", kind="federation", level="county")
    add_child("DA", "SA", name="大智街道工会")
    da, db = by_code("DA"), by_code("DB")
    user = User.objects.create_user(username="da_admin", password="x-Passw0rd!")
    RoleGrant.objects.create(user=user, union=da, role="federation_admin")
    return da, db, user


def test_user_cannot_attach_rows_outside_their_scope():
    # given a district administrator
    da, _db, user = scoped_tree()
    # when their file hangs unions under the other district, and under an unknown code
    rows = [
        ("G1", "甲公司工会", "基层工会", "", "SA", ""),
        ("G2", "乙公司工会", "基层工会", "", "DB", ""),
        ("G3", "丙公司工会", "基层工会", "", "NOWHERE", ""),
    ]
    result = run(rows, actor=user, anchor=da)
    # then both are refused with the same words (nothing tells the other district exists)
    assert [(e.row, e.column) for e in result.errors] == [(3, "parent_code"), (4, "parent_code")]
    assert result.errors[0].message.replace("DB", "?") == result.errors[1].message.replace(
        "NOWHERE", "?"
    )
    assert not Union.objects.filter(code__in=["G1", "G2", "G3"]).exists()


def test_user_imports_inside_their_scope():
    da, _db, user = scoped_tree()
    result = run(
        [("G1", "甲公司工会", "基层工会", "", "SA", ""), ("S2", "新街道", "街道工会", "", "", "")],
        actor=user,
        anchor=da,
    )
    assert result.ok
    assert parent_of("S2") == da and parent_of("G1") == by_code("SA")
    event = AuditEvent.objects.get(action="union.import")
    assert event.actor == user and event.union == da
    assert_tree_consistent()


def test_user_needs_the_permission_at_the_anchor():
    da, db, user = scoped_tree()
    outsider = User.objects.create_user(username="outsider", password="x-Passw0rd!")
    with pytest.raises(NotFound):
        run(TREE, actor=user, anchor=db)
    with pytest.raises(NotFound):
        run(TREE, actor=outsider, anchor=da)
    with pytest.raises(PermissionDenied):  # new roots: operators only
        run(TREE, actor=user, anchor=None)
    assert Union.objects.count() == 4


# -- audit, report, command ------------------------------------------------------------------


def test_one_audit_event_for_the_whole_import():
    before = AuditEvent.objects.count()
    run(TREE)
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action="union.import")
    assert event.target_type == "unions.import" and event.target_label == "unions.csv"
    assert event.changes == {"created": [0, 4]} and event.actor_label == "system"


def test_failed_import_writes_no_audit_event():
    run([("A", "甲工会", "基层工会", "", "A", "")])
    assert not AuditEvent.objects.filter(action="union.import").exists()


def test_error_report_is_an_xlsx_with_one_line_per_error():
    result = run([*TREE, ("X1", "", "合作社", "", "WH", "")])
    stream = io.BytesIO()
    write_error_report(result.errors, stream)
    stream.seek(0)
    rows = CalamineWorkbook.from_filelike(stream).get_sheet_by_index(0).to_python()
    assert rows[0] == ["工作表", "行号", "列", "值", "错误说明"]
    assert [r[:4] for r in rows[1:]] == [["", 6.0, "name", ""], ["", 6.0, "kind", "合作社"]]


def test_template_headers_are_accepted_by_the_reader():
    stream = io.BytesIO()
    write_template(stream)
    result = union_import(actor=SYSTEM, source=stream, filename="模板.xlsx")
    assert [e.message for e in result.errors] == ["文件中只有表头，没有数据行。"]


def write_file(tmp_path: Path, rows: Sequence[Sequence[object]]) -> Path:
    path = tmp_path / "unions.csv"
    path.write_bytes(csv_bytes(rows).getvalue())
    return path


def test_command_imports_and_reports_the_count(tmp_path):
    out = io.StringIO()
    call_command("import_unions", str(write_file(tmp_path, TREE)), stdout=out)
    assert "新建 4 个工会" in out.getvalue()
    assert Union.objects.count() == 4


def test_command_fails_with_every_error_line_and_writes_nothing(tmp_path):
    rows = [*TREE, ("X1", "某工会", "合作社", "", "NOPE", "")]
    err = io.StringIO()
    report = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_unions",
            str(write_file(tmp_path, rows)),
            "--error-report",
            str(report),
            stderr=err,
        )
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("第 6 行，列「kind」：未知的工会类型“合作社”")
    assert lines[1].startswith("第 6 行，列「parent_code」：")
    assert "未写入任何数据" in str(failure.value)
    assert report.stat().st_size > 0
    assert Union.objects.count() == 0


def test_command_dry_run_and_under(tmp_path):
    city()
    rows = [("S1", "街道", "街道工会", "", "", "")]
    out = io.StringIO()
    call_command(
        "import_unions", str(write_file(tmp_path, rows)), "--dry-run", "--under", "CITY", stdout=out
    )
    assert "未写入" in out.getvalue() and Union.objects.count() == 1
    call_command("import_unions", str(write_file(tmp_path, rows)), "--under", "CITY", stdout=out)
    assert parent_of("S1") == by_code("CITY")
    with pytest.raises(CommandError):
        call_command("import_unions", str(write_file(tmp_path, rows)), "--under", "NOPE")


def test_every_visible_sheet_is_read_and_errors_name_their_sheet():
    # given districts on one sheet and the streets under them on another
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    first = workbook.add_worksheet("区")
    first.write_row(0, 0, CHINESE_HEADER)
    first.write_row(1, 0, TREE[1])
    first.write_row(2, 0, TREE[0])
    second = workbook.add_worksheet("街道")
    second.write_row(0, 0, CHINESE_HEADER)
    second.write_row(1, 0, TREE[2])
    second.write_row(2, 0, ("S02", "某街道工会", "合作社", "", "D01", ""))
    workbook.close()
    stream.seek(0)
    # when imported: the bad row is reported with its sheet
    result = union_import(actor=SYSTEM, source=stream, filename="t.xlsx")
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("街道", 3, "类型")]
    assert describe(result.errors[0]).startswith("工作表「街道」第 3 行，列「类型」：")
    # and a code repeated across the sheets names the other sheet
    rows = [TREE[1], TREE[0]]
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    for name in ("一", "二"):
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, CHINESE_HEADER)
        for i, row in enumerate(rows, start=1):
            sheet.write_row(i, 0, row)
        rows = [TREE[2], ("WH", "重复", "基层工会", "", "D01", "")]
    workbook.close()
    stream.seek(0)
    result = union_import(actor=SYSTEM, source=stream, filename="t.xlsx")
    assert [(e.sheet, e.row) for e in result.errors] == [("二", 3)]
    assert "工作表「一」第 2 行" in result.errors[0].message
    assert Union.objects.count() == 0
