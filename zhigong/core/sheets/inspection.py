"""Looking inside an .xlsx before calamine opens it, so that a sheet bomb is refused, not read.

calamine holds a sheet as one dense block of cells from its first used cell to its last: one
cell at XFD1048576 makes it allocate 16,384 × 1,048,576 cells, and a failed allocation in Rust
aborts the whole process. So, before calamine sees the file:

1. the zip: its number of parts, their inflated size (in all, and against their compressed
   size) as the zip declares it; every part is then inflated once, as a stream, which checks
   the declared sizes (Python's zipfile stops at the declared size and checks the CRC);
2. each worksheet: its ``<dimension ref="A1:J200001"/>`` (the first bytes), then, while it
   streams by, that every cell is written as Excel and every common writer writes it
   (``<c r="B7" …>``) inside the declared area. That takes a few C-speed regex searches per
   megabyte and proves the area calamine will allocate.

A sheet that proves nothing (no dimension, cells outside it, cells without a reference,
namespace prefixes, a DOCTYPE) is not refused: it is opened once in a child process whose
address space is capped (``probe``), which reports the sheet's real size or dies in its place.
The legacy .xls format (binary, not a zip) is always probed.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from zhigong.core.sheets.errors import SheetTooLarge, UnreadableSheet
from zhigong.core.sheets.limits import Limits, MiB

CHUNK = 4 * MiB  # larger reads inflate faster (zipfile reads and checks each piece)
_MAX_TAIL = 4 * MiB  # text carried over between chunks: more means no markup at all
_HEAD = 64 * 1024  # the dimension and a DOCTYPE come before the sheet's data
_SMALL_PART = 16 * MiB  # workbook.xml and the relationships are read whole, up to this

# The area's last cell: the end of A1:J200001, or the one cell of A1.
_DIMENSION = re.compile(
    rb"<(?:[\w.-]+:)?dimension\s+ref\s*=\s*[\"']\s*(?:\$?[A-Za-z]{1,4}\$?\d{1,10}:)?"
    rb"\$?([A-Za-z]{1,4})\$?(\d{1,10})\s*[\"']"
)
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
# A cell element with a namespace prefix (<x:c …>): calamine reads it, the checks below do not.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_ATTRIBUTE = re.compile(rb"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_WORKSHEET_TYPE = b"/worksheet"


@dataclass(frozen=True)
class Extent:
    """What the XML of one worksheet proves about it.

    ``fits``: True when every cell lies inside an area within the limits, False when the
    sheet declares an area beyond them, None when nothing is proven (probe it). ``rows`` and
    ``columns`` are the declared ones (0 when none): the rows are also an estimate of the
    data rows.
    """

    rows: int = 0
    columns: int = 0
    fits: bool | None = None


def column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number_at_most(limit: int) -> str:
    """A regex for the decimal numbers (no leading zero) from 1 to ``limit``."""
    text = str(limit)
    size = len(text)
    options = [rf"[1-9]\d{{0,{size - 2}}}"] if size > 1 else []
    for i, char in enumerate(text):
        start = "1" if i == 0 else "0"
        if char > start:
            rest = size - i - 1
            tail = rf"\d{{{rest}}}" if rest else ""
            options.append(f"{text[:i]}[{start}-{chr(ord(char) - 1)}]{tail}")
    options.append(text)
    return "(?:" + "|".join(options) + ")"


def _letters_at_most(limit: str) -> str:
    """A regex for the column letters from A to ``limit``."""
    size = len(limit)
    options = [f"[A-Z]{{1,{size - 1}}}"] if size > 1 else []
    for i, char in enumerate(limit):
        if char > "A":
            rest = size - i - 1
            tail = f"[A-Z]{{{rest}}}" if rest else ""
            options.append(f"{limit[:i]}[A-{chr(ord(char) - 1)}]{tail}")
    options.append(limit)
    return "(?:" + "|".join(options) + ")"


def _inside(rows: int, columns: int, limits: Limits) -> re.Pattern[bytes]:
    """A search for any cell element that is not ``<c r="…"`` with a reference inside the area
    of ``rows`` × ``columns`` (as Excel and every common writer write it).

    When the next power of ten still fits the limits the rows are bounded by their number of
    digits, a cheaper test than the exact one (it runs once a cell).
    """
    round_rows = 10 ** len(str(rows)) - 1
    if round_rows <= limits.rows and round_rows * columns <= limits.cells:
        row_ok = rf"[1-9]\d{{0,{len(str(rows)) - 1}}}"
    else:
        row_ok = _number_at_most(rows)
    column_ok = _letters_at_most(column_letters(columns))
    return re.compile(
        (r'<c(?:[\t\n\r/>]| (?!r=")| r="(?!' + column_ok + row_ok + '"))').encode("ascii")
    )


class _SheetScan:
    """Runs over one worksheet's XML as it streams by; ``extent()`` is the result."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.head = True
        self.declared: tuple[int, int] | None = None
        self.search: re.Pattern[bytes] | None = None
        self.too_large = False
        self.proven = True
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        if self.head:
            self.head = False
            self._start(chunk[:_HEAD])
        if not self.proven or self.search is None:
            return
        # Searched up to the last "<" only: every tag before it is whole, and a reference cut
        # in two at the end of a chunk would look like one outside the area.
        data = self.tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or cut < len(data) - _MAX_TAIL:
            self.proven = False  # no tag in megabytes of text: not what a sheet looks like
            return
        if self.search.search(data, 0, cut) or _PREFIXED_CELL.search(data, 0, cut):
            self.proven = False
        self.tail = data[cut:]

    def finish(self) -> None:
        if (
            self.proven
            and self.search is not None
            and (self.search.search(self.tail) or _PREFIXED_CELL.search(self.tail))
        ):
            self.proven = False

    def _start(self, head: bytes) -> None:
        if _DOCTYPE.search(head):
            self.proven = False  # entities could hide cells from the searches
            return
        if match := _DIMENSION.search(head):
            self.declared = (int(match[2]), column_number(match[1].decode("ascii")))
        limits = self.limits
        if self.declared is not None:
            rows, columns = self.declared
            if rows > limits.rows or columns > limits.columns or rows * columns > limits.cells:
                self.too_large = True  # refused on the declared size: nothing more to prove
                return
        else:
            # No dimension: prove that the sheet fits a tall, narrow area within the limits.
            rows, columns = limits.rows, max(1, limits.cells // limits.rows)
        self.search = _inside(rows, columns, limits)

    def extent(self) -> Extent:
        rows, columns = self.declared or (0, 0)
        if self.too_large:
            return Extent(rows, columns, fits=False)
        if self.head:  # an empty part
            return Extent(0, 0, fits=True)
        return Extent(rows, columns, fits=True if self.proven and self.search else None)


def _damaged() -> UnreadableSheet:
    return UnreadableSheet(_("无法读取这个表格文件，请确认它是有效的 .xlsx 文件。"))


def _bomb() -> SheetTooLarge:
    return SheetTooLarge(
        _("这个 .xlsx 文件解压后异常地大（可能是“压缩炸弹”），为安全起见不予读取。")
    )


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """The declared sizes of the parts, before any is inflated."""
    parts = archive.infolist()
    if len(parts) > limits.parts:
        raise _bomb()
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > limits.ratio_from and (
            part.file_size > limits.ratio * max(part.compress_size, 1)
        ):
            raise _bomb()
    if total > limits.unzipped_bytes:
        raise SheetTooLarge(
            _("这个 .xlsx 文件解压后有 %(size)s MB，超过了上限 %(limit)s MB，请拆分后分批导入。")
            % {"size": f"{total / MiB:,.0f}", "limit": f"{limits.unzipped_bytes / MiB:,.0f}"}
        )


def _attributes(text: bytes) -> dict[str, str]:
    found = {}
    for name, double, single in _ATTRIBUTE.findall(text):
        local = name.decode("utf-8", "replace").rsplit(":", 1)[-1]
        found[local] = (double or single).decode("utf-8", "replace")
    return found


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > _SMALL_PART:
        raise _bomb()
    return archive.read(info)


def worksheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of each sheet in the workbook's order; part "" when not a worksheet."""
    workbook = "xl/workbook.xml"
    for attributes in map(_attributes, _RELATIONSHIP.findall(_read_small(archive, "_rels/.rels"))):
        if attributes.get("Type", "").endswith("/officeDocument"):
            workbook = attributes.get("Target", workbook).lstrip("/")
    folder = PurePosixPath(workbook).parent
    rels = _read_small(archive, str(folder / "_rels" / (PurePosixPath(workbook).name + ".rels")))
    targets = {}
    for attributes in map(_attributes, _RELATIONSHIP.findall(rels)):
        if attributes.get("Type", "").encode().endswith(_WORKSHEET_TYPE):
            target = attributes.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else str(folder / target)
            targets[attributes.get("Id", "")] = path
    sheets = [_attributes(found) for found in _SHEET.findall(_read_small(archive, workbook))]
    return [(html.unescape(s.get("name", "")), targets.get(s.get("id", ""), "")) for s in sheets]


def scan_xlsx(archive: zipfile.ZipFile, limits: Limits) -> dict[str, Extent]:
    """Check the zip, inflate every part once, and scan every worksheet: their extents."""
    check_zip(archive, limits)
    worksheets = {part for _name, part in worksheet_parts(archive) if part}
    extents: dict[str, Extent] = {}
    try:
        for info in archive.infolist():
            scan = _SheetScan(limits) if info.filename in worksheets else None
            with archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    if scan is not None:
                        scan.feed(chunk)
            if scan is not None:
                scan.finish()
                extents[info.filename] = scan.extent()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise _damaged() from exc
    return extents


_PROBE = """
import json, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from python_calamine import CalamineWorkbook
sizes = []
with CalamineWorkbook.from_path(sys.argv[1]) as workbook:
    for index in sys.argv[3:]:
        end = workbook.get_sheet_by_index(int(index)).end
        sizes.append([end[0] + 1, end[1] + 1] if end else [0, 0])
print(json.dumps(sizes))
"""


def probe(path: Path, indexes: Sequence[int], limits: Limits) -> list[tuple[int, int]]:
    """(rows, columns) of these sheets, as calamine reads them in a child process with at
    most ``limits.probe_bytes`` of address space; a sheet bomb kills the child only."""
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _PROBE, str(path), str(limits.probe_bytes)]
            + [str(i) for i in indexes],
            capture_output=True,
            timeout=limits.probe_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _too_large_to_probe() from exc
    if done.returncode != 0:
        if b"CalamineError" in done.stderr or b"XmlError" in done.stderr:
            raise _damaged()
        raise _too_large_to_probe()
    return [(int(rows), int(columns)) for rows, columns in json.loads(done.stdout)]


def _too_large_to_probe() -> SheetTooLarge:
    return SheetTooLarge(
        _(
            "这个表格文件打开后需要的内存超过了上限（可能是某个单元格离数据区很远，"
            "或者文件已损坏），为安全起见不予读取。请把数据复制到一个新的工作簿，另存为 .xlsx 后再导入。"
        )
    )


@contextmanager
def as_path(source: Path | IO[bytes]) -> Iterator[Path]:
    """A path to the upload, for the child process: the upload's own, or a temporary copy."""
    if isinstance(source, Path):
        yield source
        return
    own = getattr(source, "temporary_file_path", None)
    if callable(own):
        yield Path(own())
        return
    with tempfile.NamedTemporaryFile(prefix="sheet-probe-", suffix=".bin") as copy:
        source.seek(0)
        while chunk := source.read(CHUNK):
            copy.write(chunk)
        copy.flush()
        source.seek(0)
        yield Path(copy.name)
