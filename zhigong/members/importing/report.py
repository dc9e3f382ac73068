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
        "name": _(
            "必填。最多 64 个字符。汉字之间对齐用的空格会去掉（王　磊 → 王磊）；"
            "少数民族姓名中的间隔号“·”保留。"
        ),
        "gender": _(
            "选填。男、女、男性、女性，或国家标准代码 1（男）、2（女）；须与身份证号一致，"
            "留空则按身份证号。"
        ),
        "id_number": _(
            "必填。18 位居民身份证号（末位可为 X）；15 位的第一代身份证号会自动转换为 18 位。"
            "请把这一列设为“文本”格式，否则 Excel 会把它变成科学计数法，后几位会丢失。"
        ),
        "phone": _("选填。11 位中国大陆手机号。"),
        "ethnicity": _("选填。如 汉族、回族、土家族（可省略“族”字）。"),
        "political_status": _(
            "选填。中共党员、中共预备党员、共青团员、民主党派（也可写具体党派，如 民盟盟员、"
            "九三学社社员）、无党派人士、群众，或国家标准 GB/T 4762 代码 01–13。"
        ),
        "education": _(
            "选填。小学及以下、初中、高中、中专、技校、大专、本科、硕士研究生、博士研究生，"
            "或国家标准 GB/T 4658 的名称（大学本科、大学专科、中等专科、职业高中、技工学校、"
            "普通高中等）。"
        ),
        "union_code": _(
            "会员所在基层工会的编码；须在导入范围之内。导入位置本身是基层工会时可以留空。"
        ),
        "joined_on": _(
            "必填。如 2024-03-01、2024/3/1、2024.3.1、2024年3月1日、20240301，或 Excel 日期；"
            "须写到日（只有年份或年月的不能导入）；不能晚于今天。"
        ),
        "job": _("选填。最多 64 个字符。"),
    }
    templates.write_template(
        stream,
        sheet_name=_("会员"),
        columns=COLUMNS.columns,
        notes=notes,
        width=lambda column: 20 if column.field == "id_number" else 14,
    )
