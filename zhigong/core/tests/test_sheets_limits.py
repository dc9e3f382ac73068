"""Sheet bombs are refused before calamine allocates anything; honest files are not."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

from zhigong.core.sheets import inspection
from zhigong.core.sheets.columns import Column, ColumnSet
from zhigong.core.sheets.errors import SheetTooLarge, UnreadableSheet
from zhigong.core.sheets.limits import Limits
from zhigong.core.sheets.reading import Reading

COLUMNS = ColumnSet((Column("name", "name", "姓名", True), Column("code", "code", "编码", True)))


def small_xlsx(extra: tuple[int, int] | None = None) -> bytes:
    """A sheet with a header and one row; ``extra``: one more cell, far away."""
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = book.add_worksheet("花名册")
    sheet.write_row(0, 0, ["姓名", "编码"])
    sheet.write_row(1, 0, ["张三", "G01"])
    if extra is not None:
        sheet.write_string(*extra, "x")
    book.close()
    return stream.getvalue()


def rewrite_sheet(data: bytes, change: Callable[[bytes], bytes]) -> io.BytesIO:
    """The same workbook with the first worksheet's XML changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(info, content)
    out.seek(0)
    return out


def names(
    source: io.BytesIO | Path, filename: str = "t.xlsx", limits: Limits | None = None
) -> list[str]:
    reading = Reading(source, filename, COLUMNS, limits=limits)
    return [cells[0] for sheet in reading.sheets() for _n, cells in sheet.records()]


def test_one_cell_at_xfd1048576_is_refused_with_a_clear_message():
    # given a 5 KB workbook with one cell at the last row and column of Excel
    data = small_xlsx(extra=(1_048_575, 16_383))
    assert len(data) < 10_000
    # when it is opened, it is refused before calamine sees it (which would abort the process)
    with pytest.raises(SheetTooLarge) as refused:
        Reading(io.BytesIO(data), "bomb.xlsx", COLUMNS).sheets().__next__()
    message = str(refused.value.message)
    assert "花名册" in message and "1,048,576 行 × 16,384 列" in message
    assert "删除" in message


def test_a_bomb_behind_a_lying_dimension_is_probed_and_refused():
    # given the same bomb, its dimension rewritten to claim two rows and two columns
    data = rewrite_sheet(
        small_xlsx(extra=(1_048_575, 16_383)),
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', xml),
    )
    # then the cell outside the claim is seen, the sheet opened in a capped child process,
    # which dies in the server's place
    with pytest.raises(SheetTooLarge, match="内存"):
        names(data)


def test_a_sheet_without_dimension_or_references_is_probed_and_read():
    # given cells written without references (valid, if unusual) and no dimension
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        return re.sub(rb' r="[A-Z]+\d+"', b"", xml)

    assert names(rewrite_sheet(small_xlsx(), change)) == ["张三"]


def test_an_honest_wide_sheet_is_read_without_a_probe(monkeypatch):
    # given a sheet whose cells all lie inside its declared dimension
    def no_probe(*args: object) -> None:
        raise AssertionError("probed")

    monkeypatch.setattr(inspection, "probe", no_probe)
    assert names(io.BytesIO(small_xlsx(extra=(30, 40))))[0] == "张三"


def test_a_zip_bomb_is_refused():
    # given a workbook carrying a part that inflates a thousandfold
    stream = io.BytesIO(small_xlsx())
    with zipfile.ZipFile(stream, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b" " * (20 << 20))
    assert len(stream.getvalue()) < 100_000
    with pytest.raises(SheetTooLarge, match="压缩炸弹"):
        names(stream)


def test_sizes_over_the_limits_of_the_site_are_refused(settings):
    data = small_xlsx()
    settings.SPREADSHEET_LIMITS = {"upload_bytes": 1000}
    with pytest.raises(SheetTooLarge, match="文件太大"):
        names(io.BytesIO(data))
    settings.SPREADSHEET_LIMITS = {"unzipped_bytes": 2000}
    with pytest.raises(SheetTooLarge, match="解压后"):
        names(io.BytesIO(data))
    settings.SPREADSHEET_LIMITS = {"cells": 3}
    with pytest.raises(SheetTooLarge, match="2 行 × 2 列"):
        names(io.BytesIO(data))
    settings.SPREADSHEET_LIMITS = {"no_such_limit": 1}
    with pytest.raises(ValueError, match="no_such_limit"):
        names(io.BytesIO(data))


def test_a_damaged_part_is_an_unreadable_file():
    # given a workbook whose sheet's bytes were changed after the checksum was taken
    data = bytearray(small_xlsx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10] ^= 0xFF
    with pytest.raises(UnreadableSheet):
        names(io.BytesIO(bytes(data)))


def test_the_area_searches_accept_inside_and_catch_outside():
    limits = Limits()
    search = inspection._inside(200_001, 10, limits)  # A1:J200001, rows bounded by digits
    exact = inspection._inside(1_000_001, 15, limits)  # A1:O1000001, rows bounded exactly
    for ref in ("A1", "J200001", "C999999"):
        assert not search.search(f'<c r="{ref}" t="s">'.encode()), ref
    for ref in ("K1", "AA1", "A1000000", "a1", "A01", "&#65;1"):
        assert search.search(f'<c r="{ref}">'.encode()), ref
    for ref in ("O1000001", "A999999", "N1000000"):
        assert not exact.search(f'<c r="{ref}">'.encode()), ref
    for ref in ("P1", "A1000002", "A1048576", "A2000000"):
        assert exact.search(f'<c r="{ref}">'.encode()), ref
    # cells without a reference, or with other attributes first, are not the usual form
    for tag in ("<c>", "<c/>", '<c t="s" r="A1">', "<c\tr='A1'>", "<c  r="):
        assert search.search(tag.encode()), tag


@pytest.mark.parametrize("limit", [1, 9, 10, 26, 27, 52, 702, 703, 16_384])
def test_column_letters_round_trip_and_bound(limit):
    letters = inspection.column_letters(limit)
    assert inspection.column_number(letters) == limit
    allowed = re.compile(inspection._letters_at_most(letters) + "$")
    assert allowed.match(letters) and allowed.match("A")
    assert not allowed.match(inspection.column_letters(limit + 1))
