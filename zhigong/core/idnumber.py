"""Resident identity numbers (GB 11643): our own small validator, as DESIGN.md §2 decides.

Errors: wrong length or characters, a wrong check digit, a birth date that does not exist,
is before 1900 or in the future, an unknown province. The six-digit region code is checked
against the *historic* GB/T 2260 table and an unknown code is only a warning: real people
carry the code of the place and year their number was issued (``stdnum.cn.ric.validate``
rejects them, so it is not used).

A first-generation number (15 digits: region, birth date as YYMMDD, sequence; issued until
2004, everyone born in the 1900s) is converted as GB 11643 says: "19" inserted before the
year and the check digit computed (``upgrade``). ``normalise`` does it for look-ups, and
``parse_id_number`` says so in a warning, so the 18-digit number is what is stored.

Roster imports call ``parse_id_number`` a million times, so the common path is kept lean:
the check digit is one ``map`` over the bytes, birth dates and regions are remembered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from operator import mul
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.masking import mask_id_number
from zhigong.core.regions import province_known, region

_FORMAT = re.compile(r"[0-9]{17}[0-9X]")  # ASCII only (\d would take other digits too)
_FIRST_GENERATION = re.compile(r"[0-9]{15}")
_WEIGHTS = bytes(pow(2, 17 - i, 11) for i in range(17))
_DIGIT_OFFSET = ord("0") * sum(_WEIGHTS)  # the weighted sum of the ASCII "0"s, taken away
_CHECK = "10X98765432"
_FIRST_BIRTH_DATE = dt.date(1900, 1, 1)


def check_digit(first17: str) -> str:
    total = sum(map(mul, first17.encode("ascii"), _WEIGHTS)) - _DIGIT_OFFSET
    return _CHECK[total % 11]


class IdNumberInfo(NamedTuple):
    number: str
    birth_date: dt.date | None = None
    gender: str = ""  # "male" / "female"
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors


def _tidy(raw: str) -> str:
    number = (raw or "").strip().replace(" ", "").upper()
    if not number.isascii():
        number = unicodedata.normalize("NFKC", number).replace(" ", "").upper()
    return number


def upgrade(first_generation: str) -> str:
    """A 15-digit first-generation number as its 18 digits (GB 11643): "19" before the
    two-digit year, and the check digit."""
    body = first_generation[:6] + "19" + first_generation[6:]
    return body + check_digit(body)


def normalise(raw: str) -> str:
    """Spaces out, upper case, full-width digits (４２０１…, typed with a Chinese input method)
    as ASCII, and a 15-digit first-generation number as its 18 digits: the number to look
    a person up by."""
    number = _tidy(raw)
    if len(number) == 15 and _FIRST_GENERATION.fullmatch(number):
        return upgrade(number)
    return number


@lru_cache(maxsize=65_536)
def _date(digits: str) -> dt.date | None:
    """YYYYMMDD → the date, or None when there is no such day (about 46,000 distinct days)."""
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


_REGION_KNOWN, _PROVINCE_UNKNOWN, _COUNTY_UNKNOWN = range(3)


@lru_cache(maxsize=16_384)
def _region_status(code: str) -> int:
    """Whether a six-digit region code is known; the messages are made only when needed."""
    if not province_known(code):
        return _PROVINCE_UNKNOWN
    return _REGION_KNOWN if region(code) is not None else _COUNTY_UNKNOWN


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdNumberInfo:
    number = _tidy(raw)
    warnings: tuple[str, ...] = ()
    if len(number) == 15 and _FIRST_GENERATION.fullmatch(number):
        number = upgrade(number)
        message = _("这是 15 位的第一代身份证号，已按国家标准转换为 18 位（%(number)s）。")
        warnings = (message % {"number": mask_id_number(number)},)
    elif not _FORMAT.fullmatch(number):
        return IdNumberInfo(
            number,
            errors=(
                _(
                    "身份证号应为 18 位：17 位数字加 1 位数字或 X"
                    "（15 位的第一代身份证号也可以，会自动转换为 18 位）。"
                ),
            ),
        )
    errors: list[str] = []
    if check_digit(number[:17]) != number[17]:
        errors.append(_("身份证号校验位不正确，请核对。"))
    status = _region_status(number[:6])
    if status == _PROVINCE_UNKNOWN:
        errors.append(_("身份证号前两位不是有效的省级行政区划代码。"))
    elif status == _COUNTY_UNKNOWN:
        message = _("身份证号的地区代码 %(code)s 不在行政区划表中，请核对。")
        warnings = (*warnings, message % {"code": number[:6]})
    birth = _date(number[6:14])
    if birth is None:
        errors.append(_("身份证号中的出生日期不存在。"))
    elif not (_FIRST_BIRTH_DATE <= birth <= (today or timezone.localdate())):
        errors.append(_("身份证号中的出生日期应在 1900 年到今天之间。"))
        birth = None
    gender = "male" if int(number[16]) % 2 else "female"
    return IdNumberInfo(number, birth, gender, tuple(errors), warnings)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years of age on ``day`` (a birthday counts from the day itself)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
