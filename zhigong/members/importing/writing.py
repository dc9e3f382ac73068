"""Sealing the personal fields of many rows, and writing the rows in batches.

Personal fields are sealed by ``zhigong.members.personal``, exactly as the registry stores
them (``zhigong.core.crypto`` keeps one AES-GCM object and one keyed HMAC per key).
Rows travel as the text ``COPY`` reads, made in the worker processes: on PostgreSQL a batch
goes into the table as one block of bytes (``BackgroundCopy``), with no Python work per row in
the main process; elsewhere the lines are split back into values for ``executemany``
(``Writer.insert``; ``bulk_create`` spends most of its time preparing values field by field).
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.services.registry import CheckedPerson

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


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPED = re.compile(r"\\(.)")
_NULL = "\\N"
_ACTIVE = MemberStatus.ACTIVE.value


def copy_line(
    union_id: int,
    person: CheckedPerson,
    joined_on: dt.date,
    sealed: Sequence[str],
    constant: str,
) -> str:
    """One member as a line of COPY text, the columns of ``ROW_FIELDS`` then ``constant``.

    Only the free-text fields can hold a character COPY escapes, and only a backslash:
    ``check_person`` refuses control characters in a name and turns them into spaces in a
    job. Every other value is a code, a date, or base64 or hex text.
    """
    name, job = person.name, person.job
    if "\\" in name:
        name = name.translate(_COPY_ESCAPES)
    if "\\" in job:
        job = job.translate(_COPY_ESCAPES)
    id_sealed, id_index, id_masked, phone_sealed, phone_index, phone_masked = sealed
    return (
        f"{union_id}\t{name}\t{person.gender}\t{person.birth_date.isoformat()}\t"
        f"{person.ethnicity}\t{person.political_status}\t{person.education}\t{job}\t"
        f"{joined_on.isoformat()}\t{_ACTIVE}\t{id_sealed}\t{id_index}\t{id_masked}\t"
        f"{phone_sealed}\t{phone_index}\t{phone_masked}{constant}\n"
    )


def copy_values(line: str) -> list[str | None]:
    """A line of COPY text back into values (for databases without COPY)."""
    return [
        None if v == _NULL else _ESCAPED.sub(lambda m: _COPY_UNESCAPES[m[1]], v) if "\\" in v else v
        for v in line.split("\t")
    ]


def copy_text(value: Any) -> str:
    if value is None:
        return _NULL
    return str(value).translate(_COPY_ESCAPES)


class Writer:
    """The members table as the import writes it: its columns, the ``COPY`` statement, and
    ``insert`` for databases without COPY. Rows come as COPY text; ``constant`` is the COPY
    text of the columns every row shares (the timestamps, no account), at each row's end.
    """

    def __init__(self) -> None:
        now = timezone.now()
        fields = Member._meta.concrete_fields
        others = [f for f in fields if not f.primary_key and f.attname not in ROW_FIELDS]
        values = [
            f.get_db_prep_save(now if f.attname in TIMESTAMPS else f.get_default(), connection)
            for f in others
        ]
        self.constant = "".join("\t" + copy_text(v) for v in values)
        column_of = {f.attname: f.column for f in fields}
        quote = connection.ops.quote_name
        columns = [*(column_of[name] for name in ROW_FIELDS), *(f.column for f in others)]
        self.table = quote(Member._meta.db_table)
        self.names = ", ".join(quote(c) for c in columns)
        self.copy_sql = f"COPY {self.table} ({self.names}) FROM STDIN"
        self.width = len(columns)

    def insert(self, data: bytes) -> None:
        """Lines of COPY text into the table with ``executemany`` (SQLite; PostgreSQL takes
        them by ``BackgroundCopy``). Call inside the import's transaction."""
        if not data:
            return
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * self.width)
            sql = f"INSERT INTO {self.table} ({self.names}) VALUES ({marks})"
            lines = data.decode().split("\n")[:-1]  # every line ends with "\n"
            for start in range(0, len(lines), 2000):
                cursor.executemany(sql, [copy_values(line) for line in lines[start : start + 2000]])

    def check_unions_at_once(self, at_once: bool) -> None:
        """PostgreSQL: check the foreign key to the union per row (``IMMEDIATE``) or, as
        Django sets it up, at commit (``DEFERRED``) for the rest of the transaction."""
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, Member._meta.db_table)
            for name, info in constraints.items():
                if info["foreign_key"] and info["columns"] == [
                    Member._meta.get_field("union").column
                ]:
                    mode = "IMMEDIATE" if at_once else "DEFERRED"
                    cursor.execute(f"SET CONSTRAINTS {connection.ops.quote_name(name)} {mode}")


class BackgroundCopy:
    """PostgreSQL: each block goes in by ``COPY`` in a thread of its own, on the import's
    connection and so in its transaction, while the main thread checks the next batch.

    psycopg serialises the use of a connection: a query of the main thread (the archive
    check) simply waits for the COPY under way. At most two blocks wait in line. An error
    of a COPY is raised in the main thread at the next ``add`` or at ``close``, as Django's
    own error (``IntegrityError`` for a unique index).
    """

    def __init__(self, writer: Writer) -> None:
        connection.ensure_connection()
        self.raw = connection.connection
        self.sql = writer.copy_sql
        self.blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        # Started with the first block, after the worker processes are forked: a process
        # is best forked while it runs one thread.
        self.thread: threading.Thread | None = None

    def _run(self) -> None:
        while (data := self.blocks.get()) is not None:
            if self.error is not None:
                continue  # the transaction is lost; let the main thread find out
            try:
                with self.raw.cursor() as cursor, cursor.copy(self.sql) as copy:
                    copy.write(data)
            except BaseException as exc:  # handed to the main thread
                self.error = exc

    def add(self, data: bytes) -> None:
        self.raise_error()
        if not data:
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="member-import-copy", daemon=True)
            self.thread.start()
        self.blocks.put(data)

    def close(self) -> None:
        """Wait for every block to be in (or failed); raises the first error."""
        if self.thread is not None and self.thread.is_alive():
            self.blocks.put(None)
            self.thread.join()
        self.raise_error()

    def raise_error(self) -> None:
        if self.error is not None:
            with connection.wrap_database_errors:
                raise self.error
