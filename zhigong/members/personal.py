"""Setting and reading the encrypted identity fields of a member or an application.

Every ciphertext is bound to its cell (``PersonalFields.sealing_context``: the table, the
column and the blind index of the person's ID number), so a value copied onto another
person's row does not open there; reading it raises ``SealBroken`` instead of showing
someone else's number.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from zhigong.core import crypto
from zhigong.core.errors import DomainError
from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.members.models import ID_PURPOSE, PHONE_PURPOSE, Member, PersonalFields

logger = logging.getLogger(__name__)
MEMBER_TABLE = Member._meta.db_table


class SealBroken(DomainError):
    code = "sealed_value_mismatch"
    status = 409
    default_message = _("该记录的加密数据校验未通过（可能被改动），无法显示，请联系管理员。")


def id_index(id_number: str) -> str:
    return crypto.blind_index(id_number, purpose=ID_PURPOSE)


def phone_index(phone: str) -> str:
    return crypto.blind_index(phone, purpose=PHONE_PURPOSE)


def id_number_columns(
    id_number: str, index: str = "", *, table: str = MEMBER_TABLE
) -> tuple[str, str, str]:
    """(encrypted, blind index, masked): what is stored of an ID number. ``index`` when the
    caller has computed it already (the roster import)."""
    index = index or id_index(id_number)
    context = crypto.bound_to(table, "id_number", index)
    return crypto.encrypt(id_number, context=context), index, mask_id_number(id_number)


def phone_columns(phone: str, *, row: str, table: str = MEMBER_TABLE) -> tuple[str, str, str]:
    """(encrypted, blind index, masked) of a phone; all empty when there is none. ``row``:
    the blind index of the person's ID number, which the ciphertext is bound to."""
    if not phone:
        return "", "", ""
    context = crypto.bound_to(table, "phone", row)
    return crypto.encrypt(phone, context=context), phone_index(phone), mask_phone(phone)


def set_id_number(obj: PersonalFields, id_number: str) -> None:
    obj.id_number_encrypted, obj.id_number_index, obj.id_number_masked = id_number_columns(
        id_number, table=obj._meta.db_table
    )


def set_phone(obj: PersonalFields, phone: str) -> None:
    """Set after the ID number: the phone is bound to the person's row through it."""
    assert obj.id_number_index, "set the ID number first"
    obj.phone_encrypted, obj.phone_index, obj.phone_masked = phone_columns(
        phone, row=obj.id_number_index, table=obj._meta.db_table
    )


def opened(obj: PersonalFields, column: str, sealed: str) -> str:
    """The plain value of one of ``obj``'s ciphertexts, or ``SealBroken`` (logged) when it
    was not sealed for this cell."""
    try:
        return crypto.decrypt(sealed, context=obj.sealing_context(column))
    except crypto.SealBroken:
        logger.error("sealed %s of %s #%s does not open in its cell", column, obj._meta, obj.pk)
        raise SealBroken() from None


def id_number_of(obj: PersonalFields) -> str:
    """The plain ID number. Call only on a deliberate, logged reveal or the owner's export."""
    return opened(obj, "id_number", obj.id_number_encrypted)


def phone_of(obj: PersonalFields) -> str:
    if not obj.phone_encrypted:
        return ""
    return opened(obj, "phone", obj.phone_encrypted)
