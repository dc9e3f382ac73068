"""The kit's writer keeps strings as text; the error report reads back as it was written."""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from zhigong.core.sheets.errors import RowError, describe
from zhigong.core.sheets.report import ErrorReport, read_error_report, write_error_report
from zhigong.core.sheets.writing import open_workbook, write_row


def cells(data: bytes) -> list[list[Any]]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        return workbook.get_sheet_by_index(0).to_python()


def test_write_row_by_type_with_strings_as_text():
    stream = io.BytesIO()
    workbook = open_workbook(stream)
    sheet = workbook.add_worksheet()
    write_row(sheet, 0, ["=1+1", "0012", "http://x", 7, 2.5, True, dt.date(2024, 3, 1), None])
    workbook.close()
    assert cells(stream.getvalue()) == [["=1+1", "0012", "http://x", 7.0, 2.5, True, "2024-03-01"]]


def test_error_report_round_trip_with_sheets(tmp_path: Path):
    errors = [
        RowError(5, "身份证号", "420102********0011", "身份证号与第 3 行重复。", "一车间"),
        RowError(0, "", "", "文件是空的。"),
    ]
    path = tmp_path / "report.xlsx"
    write_error_report(errors, path)
    assert read_error_report(path) == errors
    assert cells(path.read_bytes())[0] == ["工作表", "行号", "列", "值", "错误说明"]


def test_error_report_is_written_only_when_there_is_an_error(tmp_path: Path):
    report = ErrorReport(tmp_path / "none.xlsx")
    report.close()
    assert not (tmp_path / "none.xlsx").exists() and report.count == 0


def test_notes_follow_the_errors_and_are_not_counted(tmp_path: Path):
    # given a report with one error, then a note
    path = tmp_path / "report.xlsx"
    report = ErrorReport(path)
    error = RowError(3, "身份证号", "4.2010**********E+17", "数字丢失。")
    note = RowError(4, "身份证号", "420102*****6021", "提示：已转换。")
    report.add(error)
    report.note(note)
    report.close()
    # then both are lines of the file, and only the error is counted and kept
    assert read_error_report(path) == [error, note]
    assert report.count == 1 and report.first == [error]
    # and a report of notes alone is written too
    only = ErrorReport(tmp_path / "notes.xlsx")
    only.note(note)
    only.close()
    assert read_error_report(tmp_path / "notes.xlsx") == [note] and only.count == 0


def test_reports_written_before_sheets_were_named_are_still_read(tmp_path: Path):
    path = tmp_path / "old.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["行号", "列", "值", "错误说明"])
    sheet.write_row(1, 0, [57, "身份证号", "420102********0011", "校验位不正确。"])
    workbook.close()
    assert read_error_report(path) == [
        RowError(57, "身份证号", "420102********0011", "校验位不正确。")
    ]


def test_describe_names_the_sheet_when_there_is_one():
    assert describe(RowError(4, "kind", "x", "未知。")) == "第 4 行，列「kind」：未知。"
    assert describe(RowError(4, "", "", "未知。", "二车间")) == "工作表「二车间」第 4 行：未知。"
    assert describe(RowError(0, "", "", "找不到表头。", "汇总")) == "工作表「汇总」：找不到表头。"
    assert describe(RowError(0, "", "", "文件是空的。")) == "文件：文件是空的。"


def test_row_errors_survive_a_session_as_plain_lists():
    error = RowError(4, "kind", "x", "未知。", "二车间")
    assert RowError.from_list(error.as_list()) == error
    assert RowError.from_list([4, "kind", "x", "未知。"]) == RowError(4, "kind", "x", "未知。")


def test_the_kit_imports_no_domain_app():
    # core is below every app: the kit must not reach up into one (DESIGN.md §4)
    core = Path(__file__).resolve().parents[1]
    imported: set[str] = set()
    for path in [*sorted((core / "sheets").glob("*.py")), core / "batching.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.startswith("zhigong.")}
    assert ours and all(name.startswith("zhigong.core.") for name in ours), ours
