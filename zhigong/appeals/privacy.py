"""What must never reach the portal: a public title or story that holds an ID number, a
mobile number, the worker's exact address or full name is refused before it is published
(the help centre edits the text for privacy; this is the check that it did)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.personal import address_of

_SEPARATORS = re.compile(r"[\s\-－—·.]")
_ID_NUMBER = re.compile(r"\d{17}[\dXx]|\d{15}")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def public_text_problem(appeal: HardshipAppeal, text: str) -> str:
    """A message saying what the public text must not hold, or ""."""
    digits = _SEPARATORS.sub("", text)
    if _ID_NUMBER.search(digits):
        return _("公开内容不能包含身份证号。")
    if _MOBILE.search(digits):
        return _("公开内容不能包含手机号。")
    address = address_of(appeal) if appeal.address_encrypted else ""
    if address and _SEPARATORS.sub("", address) in digits:
        return _("公开内容不能包含职工的详细住址。")
    if len(appeal.worker_name) > 1 and appeal.worker_name in text:
        return _("公开内容不能包含职工的全名，请只写姓氏（如“张师傅”）。")
    return ""
