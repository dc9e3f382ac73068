"""Encryption at rest for personal data: AES-GCM with a key ring, and a keyed blind index.

Ciphertext format (text, so it fits a CharField on both databases)::

    <key id>$<base64url(nonce + ciphertext + tag)>

The key id travels in every ciphertext, so old rows stay readable after a new key becomes
current; ``rotate_keys`` re-encrypts them in batches. Every ciphertext is bound to its cell
(table, column and the row's identity, as AES-GCM associated data: ``bound_to``), so a value
copied onto another row does not decrypt there. The blind index is an HMAC-SHA256 of the
normalised value with a separate key: equal values give equal indexes (exact search,
uniqueness) and the index says nothing about the value without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        keys: dict[str, bytes] = {}
        current = ""
        for item in (part.strip() for part in spec.split(",") if part.strip()):
            key_id, _, encoded = item.partition(":")
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            if len(raw) not in (16, 24, 32) or not key_id or "$" in key_id:
                raise ImproperlyConfigured(f"encryption key {key_id!r} is malformed")
            keys[key_id] = raw
            current = current or key_id
        if not keys:
            raise ImproperlyConfigured("ZHIGONG_ENCRYPTION_KEYS holds no key")
        return cls(current, keys)


# The key ring and the keyed HMAC are read from the settings once (a settings look-up costs
# as much as an encryption, and imports encrypt millions of values) and forgotten when a
# test or ``override_settings`` changes the keys.
@lru_cache(maxsize=1)
def key_ring() -> KeyRing:
    return KeyRing.parse(settings.ZHIGONG_ENCRYPTION_KEYS)


@lru_cache(maxsize=16)
def _aead(key: bytes) -> AESGCM:
    # One AES-GCM object per key: imports and exports call this a million times. The object
    # holds the key only; every nonce comes from ``os.urandom`` at the call.
    return AESGCM(key)


@lru_cache(maxsize=1)
def _mac() -> hmac.HMAC:
    # The keyed HMAC state, copied for each value rather than keyed again each time.
    return hmac.new(settings.ZHIGONG_BLIND_INDEX_KEY.encode(), digestmod=hashlib.sha256)


@receiver(setting_changed)
def _keys_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "ZHIGONG_ENCRYPTION_KEYS":
        key_ring.cache_clear()
    elif setting == "ZHIGONG_BLIND_INDEX_KEY":
        _mac.cache_clear()


def bound_to(table: str, column: str, row: object) -> str:
    """The associated data that binds a ciphertext to one cell: its table, its column and
    its row's identity. A value copied onto another row, or into another column, no longer
    decrypts there (``decrypt`` raises ``SealBroken``)."""
    return f"{table}.{column}#{row}"


class SealBroken(Exception):
    """A ciphertext that does not open under its cell's binding: moved from another row or
    column, or corrupted."""


def encrypt(plaintext: str, *, context: str = "") -> str:
    """Encrypt with the current key; ``context`` (``bound_to``) binds it to its cell."""
    ring = key_ring()
    nonce = os.urandom(12)
    sealed = _aead(ring.keys[ring.current_id]).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{ring.current_id}${base64.urlsafe_b64encode(nonce + sealed).decode()}"


def decrypt(token: str, *, context: str = "") -> str:
    key_id, _, body = token.partition("$")
    ring = key_ring()
    if key_id not in ring.keys:
        raise ImproperlyConfigured(f"no key {key_id!r} in the key ring")
    raw = base64.urlsafe_b64decode(body)
    try:
        return _aead(ring.keys[key_id]).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except InvalidTag as exc:
        raise SealBroken(context) from exc


def blind_index(value: str, *, purpose: str) -> str:
    """HMAC of the normalised value; ``purpose`` keeps indexes of different columns apart."""
    mac = _mac().copy()
    mac.update(f"{purpose}:{value.strip().upper()}".encode())
    return mac.hexdigest()[:40]
