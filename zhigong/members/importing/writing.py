"""Sealing the personal fields of many rows, and writing the rows in batches.

``Sealer`` gives exactly what ``zhigong.core.crypto.encrypt``/``blind_index`` give (tests
prove it) but creates the AES-GCM object and the HMAC key schedule once, not once a row.
Batches go in with ``COPY`` on PostgreSQL (psycopg 3) and ``executemany`` elsewhere:
``bulk_create`` spends most of its time preparing values field by field.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from collections.abc import Iterable, Sequence
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection
from django.utils import timezone

from zhigong.core import crypto
from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.members.choices import MemberStatus
from zhigong.members.models import ID_PURPOSE, PHONE_PURPOSE, Member

# The columns written from each row, in this order; every other column gets its default.
ROW_FIELDS = (
    "union_id",
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "job",
    "joined_on",
    "status",
    "id_number_encrypted",
    "id_number_index",
    "id_number_masked",
    "phone_encrypted",
    "phone_index",
    "phone_masked",
)
TIMESTAMPS = frozenset({"created_at", "updated_at"})


class Sealer:
    """Encryption and blind indexes for a whole import, with the keys set up once."""

    def __init__(self) -> None:
        ring = crypto.key_ring()
        self.key_id = ring.current_id
        self.aead = AESGCM(ring.keys[ring.current_id])
        self.mac = hmac.new(settings.ZHIGONG_BLIND_INDEX_KEY.encode(), digestmod=hashlib.sha256)
        self.id_context = ID_PURPOSE.encode()
        self.phone_context = PHONE_PURPOSE.encode()

    def encrypt(self, plaintext: str, context: bytes) -> str:
        nonce = os.urandom(12)
        sealed = self.aead.encrypt(nonce, plaintext.encode(), context)
        return f"{self.key_id}${base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def index(self, value: str, purpose: str) -> str:
        mac = self.mac.copy()
        mac.update(f"{purpose}:{value.strip().upper()}".encode())
        return mac.hexdigest()[:40]

    def id_index(self, id_number: str) -> str:
        return self.index(id_number, ID_PURPOSE)

    def personal(self, id_number: str, phone: str) -> tuple[str, str, str, str, str, str]:
        """The six stored columns of an ID number and a phone (phone may be empty)."""
        id_columns = (
            self.encrypt(id_number, self.id_context),
            self.index(id_number, ID_PURPOSE),
            mask_id_number(id_number),
        )
        if not phone:
            return (*id_columns, "", "", "")
        return (
            *id_columns,
            self.encrypt(phone, self.phone_context),
            self.index(phone, PHONE_PURPOSE),
            mask_phone(phone),
        )


def person_columns(
    *,
    name: str,
    gender: str,
    birth_date: dt.date,
    ethnicity: str,
    political_status: str,
    education: str,
    job: str,
    joined_on: dt.date,
    personal: Sequence[str],
) -> tuple[Any, ...]:
    """A row's columns after ``union_id`` (the first of ``ROW_FIELDS``)."""
    return (
        name,
        gender,
        birth_date.isoformat(),  # text suits COPY and SQLite alike
        ethnicity,
        political_status,
        education,
        job,
        joined_on.isoformat(),
        MemberStatus.ACTIVE.value,
        *personal,
    )


class Writer:
    """Writes member rows in batches; call inside the import's transaction."""

    def __init__(self) -> None:
        now = timezone.now()
        fields = Member._meta.concrete_fields
        others = [f for f in fields if not f.primary_key and f.attname not in ROW_FIELDS]
        self.constant = tuple(
            f.get_db_prep_save(now if f.attname in TIMESTAMPS else f.get_default(), connection)
            for f in others
        )
        column_of = {f.attname: f.column for f in fields}
        quote = connection.ops.quote_name
        columns = [*(column_of[name] for name in ROW_FIELDS), *(f.column for f in others)]
        self.table = quote(Member._meta.db_table)
        self.names = ", ".join(quote(c) for c in columns)
        self.width = len(columns)
        self.copy = connection.vendor == "postgresql"

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        constant = self.constant
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if self.copy and hasattr(raw, "copy"):  # psycopg 3
                with raw.copy(f"COPY {self.table} ({self.names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row, *constant))
            else:
                marks = ", ".join(["%s"] * self.width)
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.names}) VALUES ({marks})",
                    [(*row, *constant) for row in rows],
                )
