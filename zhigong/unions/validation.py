"""Field rules for a union, shared by the create form, the API and the spreadsheet import.

Each check returns messages keyed by field so that one row of an import can report every
bad cell at once.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from zhigong.core.regions import is_six_digits, region
from zhigong.unions.models import UnionKind, UnionLevel

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
# Addresses of the tree's own pages (``/staff/unions/pick/``…), which no union's code may take.
RESERVED_CODES = frozenset({"pick", "new", "import"})

# Accepted spellings of a kind or level in a spreadsheet, Chinese or English.
KIND_ALIASES: dict[str, str] = {
    **{k.value: k.value for k in UnionKind},
    **{str(k.label): k.value for k in UnionKind},
    "总工会": "federation",
    "产业工会": "industry",
    "开发区工会": "zone",
    "园区工会": "zone",
    "街道工会": "street",
    "乡镇工会": "street",
    "社区工会": "community",
    "基层工会": "grassroots",
}
LEVEL_ALIASES: dict[str, str] = {
    **{v.value: v.value for v in UnionLevel},
    **{str(v.label): v.value for v in UnionLevel},
    "省": "province",
    "省级": "province",
    "市": "city",
    "市级": "city",
    "区": "county",
    "县": "county",
    "区级": "county",
    "县级": "county",
    "区县级": "county",
}


def normalise_kind(raw: str) -> str | None:
    return KIND_ALIASES.get((raw or "").strip())


def normalise_level(raw: str) -> str | None:
    value = (raw or "").strip()
    if not value:
        return ""
    return LEVEL_ALIASES.get(value)


def check_code(code: str) -> str | None:
    if not code:
        return _("编码不能为空。")
    if not CODE_RE.match(code):
        return _("编码只能包含字母、数字、点、横线和下划线，且不超过 32 个字符。")
    if code.lower() in RESERVED_CODES:
        return _("“%(code)s”是系统保留字，不能用作编码。") % {"code": code}
    return None


def check_name(name: str) -> str | None:
    if not name or not name.strip():
        return _("名称不能为空。")
    if len(name) > 128:
        return _("名称不能超过 128 个字符。")
    return None


def check_short_name(short_name: str) -> str | None:
    if len(short_name or "") > 64:
        return _("简称不能超过 64 个字符。")
    return None


def check_kind_level(
    kind: str | None, level: str | None, raw_kind: str, raw_level: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind is None:
        errors["kind"] = _(
            "未知的工会类型“%(value)s”。可用：总工会、产业工会、开发区（园区）工会、街道（乡镇）工会、社区工会、基层工会。"
        ) % {"value": raw_kind}
    if level is None:
        errors["level"] = _("未知的级别“%(value)s”。可用：省级、市级、区（县）级。") % {
            "value": raw_level
        }
    elif kind == UnionKind.FEDERATION and not level:
        errors["level"] = _("总工会必须填写级别（省级、市级或区（县）级）。")
    elif kind and kind != UnionKind.FEDERATION and level:
        errors["level"] = _("只有总工会填写级别。")
    return errors


def check_region_code(region_code: str) -> str | None:
    if not region_code:
        return None
    if not is_six_digits(region_code):
        return _("行政区划代码应为 6 位数字（GB/T 2260）。")
    if region(region_code) is None:
        return _("行政区划代码“%(value)s”不存在（GB/T 2260）。") % {"value": region_code}
    return None
