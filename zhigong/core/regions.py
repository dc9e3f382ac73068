"""GB/T 2260 administrative region codes, from python-stdnum's historic table.

The table keeps codes that no longer exist, with the years they were in use, because real
documents (and resident ID numbers) carry the code of their time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum import numdb

_SIX_DIGITS = re.compile(r"^\d{6}$")
_YEARS = re.compile(r"^\[(\d{4})?-(\d{4})?\]")


@dataclass(frozen=True)
class Region:
    code: str
    province: str
    name: str
    current: bool  # still in use (no end year in the table)


@lru_cache(maxsize=8192)
def region(code: str) -> Region | None:
    """The region for a six-digit code, or None when the code is malformed or unknown."""
    if not _SIX_DIGITS.match(code or ""):
        return None
    parts = numdb.get("cn/loc").info(code)
    if len(parts) < 2 or "province" not in parts[0][1] or "county" not in parts[1][1]:
        return None
    raw = parts[1][1]["county"]
    match = _YEARS.match(raw)
    current = not (match and match.group(2))
    name = raw[match.end() :] if match else raw
    return Region(code, parts[0][1]["province"], name, current)


def is_six_digits(code: str) -> bool:
    return bool(_SIX_DIGITS.match(code or ""))


def province_known(code: str) -> bool:
    """Whether the first two digits name a province (used for resident ID numbers)."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return False
    return _province_known(code[:2])


@lru_cache(maxsize=128)
def _province_known(prefix: str) -> bool:
    # The table lookup scans python-stdnum's data: cached, as imports call it per row.
    parts = numdb.get("cn/loc").info(prefix + "0000")
    return bool(parts and "province" in parts[0][1])
