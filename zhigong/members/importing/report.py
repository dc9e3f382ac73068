"""Masking for the error report of an import, and the blank roster template."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.core.sheets import templates
from zhigong.members.importing.columns import COLUMNS


def masked(field: str, value: str) -> str:
    """A cell's value as a report may show it: ID numbers and phones masked."""
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    return value


def write_template(stream: Path | IO[bytes]) -> None:
    """The blank template of the roster import."""
    notes = {
        "name": _("必填。最多 64 个字符。"),
        "gender": _("选填。男或女；须与身份证号一致，留空则按身份证号。"),
        "id_number": _(
            "必填。18 位居民身份证号（末位可为 X）。请把这一列设为“文本”格式，"
            "否则 Excel 会把它变成科学计数法。"
        ),
        "phone": _("选填。11 位中国大陆手机号。"),
        "ethnicity": _("选填。如 汉族、回族、土家族（可省略“族”字）。"),
        "political_status": _(
            "选填。中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。"
        ),
        "education": _(
            "选填。小学及以下、初中、高中、中专、技校、大专、本科、硕士研究生、博士研究生。"
        ),
        "union_code": _(
            "会员所在基层工会的编码；须在导入范围之内。导入位置本身是基层工会时可以留空。"
        ),
        "joined_on": _("必填。如 2024-03-01、2024/3/1，或 Excel 日期；不能晚于今天。"),
        "job": _("选填。最多 64 个字符。"),
    }
    templates.write_template(
        stream,
        sheet_name=_("会员"),
        columns=COLUMNS.columns,
        notes=notes,
        width=lambda column: 20 if column.field == "id_number" else 14,
    )
