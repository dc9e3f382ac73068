"""CSV as Excel and WPS save it in China: UTF-8 (with or without BOM), GBK/GB18030, or
tab-separated UTF-16 ("Unicode text"), decoded lazily as it is read."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from zhigong.core.sheets.errors import UnreadableSheet

_PIECE = 1 << 20


def encoding_of(stream: IO[bytes]) -> str:
    """UTF-16 with BOM, else UTF-8 (with or without BOM) if the whole file decodes, else
    GB18030 (which contains GBK, what Chinese Excel calls "CSV"). Reads the file once in
    1 MiB pieces through an incremental decoder and leaves it at its start."""
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while piece := stream.read(_PIECE):
            decoder.decode(piece)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        stream.seek(0)
    return "utf-8-sig"


def csv_rows(stream: IO[bytes]) -> Iterator[list[str]]:
    """The records of a CSV file, decoded as they are read; comma or tab separated."""
    encoding = encoding_of(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        text.seek(0)
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise UnreadableSheet(
            _("无法识别文件的字符编码，请另存为“CSV UTF-8（逗号分隔）”后再导入。")
        ) from exc
    except csv.Error as exc:
        raise UnreadableSheet(_("CSV 文件格式有误：%(error)s") % {"error": exc}) from exc
    finally:
        text.detach()  # the caller's stream stays open
