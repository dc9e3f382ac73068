"""The blank template of the union-tree import (the error report is the kit's)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from zhigong.core.sheets import templates
from zhigong.unions.importing.columns import COLUMNS


def write_template(stream: Path | IO[bytes]) -> None:
    notes = {
        "code": _("必填。字母、数字、点、横线、下划线，最多 32 个字符；全系统唯一。"),
        "name": _("必填。最多 128 个字符。"),
        "short_name": _("选填。最多 64 个字符。"),
        "kind": _(
            "必填。总工会、产业工会、开发区（园区）工会、街道（乡镇）工会、社区工会、基层工会。"
        ),
        "level": _("总工会必填（省级、市级、区（县）级），其他类型留空。"),
        "parent_code": _(
            "上级工会的编码：可以是本文件中的工会（先后不限），也可以是系统中已有的工会。"
            "留空表示直接挂在导入位置之下。"
        ),
        "region_code": _("选填。6 位行政区划代码（GB/T 2260），如 420102。"),
    }
    templates.write_template(stream, sheet_name=_("工会"), columns=COLUMNS.columns, notes=notes)
