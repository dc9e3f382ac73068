"""How much a spreadsheet may hold, checked before it is read.

A "sheet bomb" is small on the wire and huge once opened: a zip whose parts inflate a
thousandfold, or an .xlsx of 5 KB with one cell at XFD1048576, for which calamine would
allocate 16,384 × 1,048,576 cells (half a terabyte) and abort the process. Every limit here is
checked before calamine allocates anything; see ``inspection``.

The defaults take a roster of 10^6 members × 20 columns. ``settings.SPREADSHEET_LIMITS``
(a dict with any of the fields below) changes them for a site.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from zhigong.core.sheets.errors import SheetTooLarge

MiB = 1 << 20
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 300 * MiB  # the file as uploaded (about 2.5 million rows of CSV)
    unzipped_bytes: int = 2048 * MiB  # all parts of an .xlsx, inflated
    ratio: int = 100  # inflated / compressed, for each part of more than ``ratio_from`` bytes
    ratio_from: int = MiB  # small parts (styles, themes) may compress far better
    parts: int = 10_000  # members of the zip
    cells: int = 20_000_000  # rows × columns of one sheet, as calamine holds it
    rows: int = EXCEL_ROWS
    columns: int = EXCEL_COLUMNS
    # A sheet whose size cannot be told from its XML is opened in a child process first,
    # with at most this much address space and time: a bomb kills the child, not the server.
    probe_bytes: int = 4096 * MiB
    probe_seconds: int = 300


def current_limits() -> Limits:
    """The limits of this site: the defaults, changed by ``settings.SPREADSHEET_LIMITS``."""
    overrides = getattr(settings, "SPREADSHEET_LIMITS", None) or {}
    known = {f.name for f in dataclasses.fields(Limits)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"unknown SPREADSHEET_LIMITS keys: {sorted(unknown)}")
    return Limits(**overrides)


def source_size(source: Path | IO[bytes]) -> int:
    if isinstance(source, Path):
        return source.stat().st_size
    position = source.tell()
    size = source.seek(0, 2)
    source.seek(position)
    return size


def check_upload_size(size: int, limits: Limits) -> None:
    if size > limits.upload_bytes:
        raise SheetTooLarge(
            _("文件太大（%(size)s MB，最大 %(limit)s MB），请拆分后分批导入。")
            % {"size": _megabytes(size), "limit": _megabytes(limits.upload_bytes)}
        )


def check_cells(sheet: str, rows: int, columns: int, limits: Limits) -> None:
    """Refuse a sheet whose used area is larger than the limits allow."""
    if rows <= limits.rows and columns <= limits.columns and rows * columns <= limits.cells:
        return
    raise SheetTooLarge(
        _(
            "工作表「%(sheet)s」的使用范围有 %(rows)s 行 × %(columns)s 列，"
            "超过了一次可以读取的 %(cells)s 个单元格。"
            "这常常是因为远处的某个单元格（比如最后一行或最后一列）里有内容或空格："
            "请删除数据区域以外的行和列后再导入，或者把数据拆成几个文件。"
        )
        % {
            "sheet": sheet,
            "rows": f"{rows:,}",
            "columns": f"{columns:,}",
            "cells": f"{limits.cells:,}",
        }
    )


def _megabytes(size: int) -> str:
    return f"{size / MiB:,.0f}" if size >= MiB else f"{size / MiB:.2f}"
