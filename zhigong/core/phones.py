"""Mainland mobile numbers: one normalisation and one check for accounts and members alike."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalise_mobile(raw: str) -> str:
    """Strip spaces, dashes and the +86 / 86 country prefix."""
    phone = re.sub(r"[\s-]", "", raw or "")
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
