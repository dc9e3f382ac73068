"""The worker's address and a pledger's contact: encrypted like the ID number and phone
(``members.personal``), bound to their row, masked for pages."""

from __future__ import annotations

from zhigong.appeals.models import HardshipAppeal, Pledge
from zhigong.core import crypto
from zhigong.core.masking import mask_address, mask_phone
from zhigong.members.personal import opened


def set_address(appeal: HardshipAppeal, address: str) -> None:
    """Set after the ID number: the address is bound to the worker's row through it."""
    assert appeal.id_number_index, "set the ID number first"
    appeal.address_encrypted = crypto.encrypt(address, context=appeal.sealing_context("address"))
    appeal.address_masked = mask_address(address)


def address_of(appeal: HardshipAppeal) -> str:
    """The plain address. Only on a deliberate, logged reveal."""
    return opened(appeal, "address", appeal.address_encrypted)


def set_contact(pledge: Pledge, contact: str) -> None:
    pledge.contact_encrypted = (
        crypto.encrypt(contact, context=pledge.sealing_context("contact")) if contact else ""
    )
    pledge.contact_masked = mask_phone(contact)[:40] if contact else ""


def contact_of(pledge: Pledge) -> str:
    if not pledge.contact_encrypted:
        return ""
    return crypto.decrypt(pledge.contact_encrypted, context=pledge.sealing_context("contact"))
