"""Setting and reading the encrypted identity fields of a member or an application."""

from __future__ import annotations

from zhigong.core import crypto
from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.members.models import ID_PURPOSE, PHONE_PURPOSE, PersonalFields


def id_index(id_number: str) -> str:
    return crypto.blind_index(id_number, purpose=ID_PURPOSE)


def phone_index(phone: str) -> str:
    return crypto.blind_index(phone, purpose=PHONE_PURPOSE)


def id_number_columns(id_number: str, index: str = "") -> tuple[str, str, str]:
    """(encrypted, blind index, masked): what is stored of an ID number. ``index`` when the
    caller has computed it already (the roster import)."""
    return (
        crypto.encrypt(id_number, context=ID_PURPOSE),
        index or id_index(id_number),
        mask_id_number(id_number),
    )


def phone_columns(phone: str) -> tuple[str, str, str]:
    """(encrypted, blind index, masked) of a phone; all empty when there is none."""
    if not phone:
        return "", "", ""
    return crypto.encrypt(phone, context=PHONE_PURPOSE), phone_index(phone), mask_phone(phone)


def set_id_number(obj: PersonalFields, id_number: str) -> None:
    obj.id_number_encrypted, obj.id_number_index, obj.id_number_masked = id_number_columns(
        id_number
    )


def set_phone(obj: PersonalFields, phone: str) -> None:
    obj.phone_encrypted, obj.phone_index, obj.phone_masked = phone_columns(phone)


def id_number_of(obj: PersonalFields) -> str:
    """The plain ID number. Call only on a deliberate, logged reveal or the owner's export."""
    return crypto.decrypt(obj.id_number_encrypted, context=ID_PURPOSE)


def phone_of(obj: PersonalFields) -> str:
    if not obj.phone_encrypted:
        return ""
    return crypto.decrypt(obj.phone_encrypted, context=PHONE_PURPOSE)
