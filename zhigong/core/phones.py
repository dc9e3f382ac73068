"""Mainland mobile numbers: one normalisation and one check for accounts and members alike."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits only


def normalise_mobile(raw: str) -> str:
    """Strip spaces, dashes and the +86 / 86 country prefix."""
    if raw and len(raw) == 11 and raw.isascii() and raw.isdigit():
        return raw  # the usual case, without the regular expression (imports: once a row)
    phone = raw or ""
    if not phone.isascii():  # full-width digits, typed with a Chinese input method
        phone = unicodedata.normalize("NFKC", phone)
    phone = re.sub(r"[\s-]", "", phone)
    if phone.startswith("+86"):
        phone = phone[3:]
    elif phone.startswith("86") and len(phone) == 13:
        phone = phone[2:]
    return phone


def check_mobile(phone: str) -> str | None:
    """A message when ``phone`` (already normalised) is not a mainland mobile number."""
    if phone and not MOBILE_RE.match(phone):
        return _("手机号应为 11 位中国大陆手机号码（1 开头，第二位 3-9）。")
    return None
