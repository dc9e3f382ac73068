"""Resident identity numbers (GB 11643): our own small validator, as DESIGN.md §2 decides.

Errors: wrong length or characters, a wrong check digit, a birth date that does not exist,
is before 1900 or in the future, an unknown province. The six-digit region code is checked
against the *historic* GB/T 2260 table and an unknown code is only a warning: real people
carry the code of the place and year their number was issued (``stdnum.cn.ric.validate``
rejects them, so it is not used).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zhigong.core.regions import province_known, region

_FORMAT = re.compile(r"^\d{17}[\dX]$")
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    birth_date: dt.date | None = None
    gender: str = ""  # "male" / "female"
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def normalise(raw: str) -> str:
    return (raw or "").strip().replace(" ", "").upper()


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdNumberInfo:
    number = normalise(raw)
    if not _FORMAT.match(number):
        return IdNumberInfo(number, errors=[_("身份证号应为 18 位：17 位数字加 1 位数字或 X。")])
    errors: list[str] = []
    warnings: list[str] = []
    if check_digit(number[:17]) != number[17]:
        errors.append(_("身份证号校验位不正确，请核对。"))
    if not province_known(number[:6]):
        errors.append(_("身份证号前两位不是有效的省级行政区划代码。"))
    elif region(number[:6]) is None:
        warnings.append(
            _("身份证号的地区代码 %(code)s 不在行政区划表中，请核对。") % {"code": number[:6]}
        )
    birth: dt.date | None
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
        errors.append(_("身份证号中的出生日期不存在。"))
    today = today or dt.date.today()
    if birth is not None and not (dt.date(1900, 1, 1) <= birth <= today):
        errors.append(_("身份证号中的出生日期应在 1900 年到今天之间。"))
        birth = None
    gender = "male" if int(number[16]) % 2 else "female"
    return IdNumberInfo(number, birth, gender, errors, warnings)
