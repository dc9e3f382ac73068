"""The requester's name and phone on a case: stored encrypted, bound to the case's row (its
reference number), masked for pages, the phone with the members' blind index so that a
hotline caller's number finds their member record and their earlier cases."""

from __future__ import annotations

import logging

from zhigong.cases.models import Case
from zhigong.core import crypto
from zhigong.core.masking import mask_name, mask_phone
from zhigong.members.personal import SealBroken, phone_index

logger = logging.getLogger(__name__)


def set_requester(case: Case, *, name: str, phone: str) -> None:
    """Fill the encrypted, masked and indexed columns (``case.reference`` set first)."""
    assert case.reference, "give the case its reference first"
    case.name_encrypted = crypto.encrypt(name, context=case.sealing_context("name"))
    case.name_masked = mask_name(name)
    if phone:
        case.phone_encrypted = crypto.encrypt(phone, context=case.sealing_context("phone"))
        case.phone_index = phone_index(phone)
        case.phone_masked = mask_phone(phone)
    else:
        case.phone_encrypted = case.phone_index = case.phone_masked = ""


def _opened(case: Case, column: str, sealed: str) -> str:
    if not sealed:
        return ""
    try:
        return crypto.decrypt(sealed, context=case.sealing_context(column))
    except crypto.SealBroken:
        logger.error("sealed %s of case %s does not open in its cell", column, case.pk)
        raise SealBroken() from None


def name_of(case: Case) -> str:
    """The full name: for the requester themself, and a deliberate, logged reveal."""
    return _opened(case, "name", case.name_encrypted)


def phone_of(case: Case) -> str:
    return _opened(case, "phone", case.phone_encrypted)
