"""Placing checked rows in the tree and writing them in bulk.

Paths are computed here the way treebeard numbers them (``MP_Node._get_path`` and
``_inc_path``): a child's path is its parent's path plus one step of ``steplen`` base-36
digits, and a new child comes after the parent's current last child. Adding the rows one
``add_child`` at a time would cost three queries a row; here a batch of 5,000 rows is one
``COPY`` on PostgreSQL (DESIGN.md §2, bulk writes) or one ``executemany`` on SQLite.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import F, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.batching import chunked
from zhigong.core.sheets.errors import RowError
from zhigong.unions.importing.checking import parent_is_bad_message
from zhigong.unions.importing.reading import Sheet
from zhigong.unions.importing.rows import ParentNode
from zhigong.unions.models import Union

STEPLEN = Union.steplen
ALPHABET = Union.alphabet
MAX_STEP = len(ALPHABET) ** STEPLEN - 1
MAX_PATH = Union._meta.get_field("path").max_length or 255
BATCH_SIZE = 5000
TIMESTAMPS = frozenset({"created_at", "updated_at"})
# The columns whose values come from the file or the planner, in the order written below.
ROW_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "region_code",
    "path",
    "depth",
    "numchild",
)


def step(position: int) -> str:
    text: str = Union._int2str(position)
    return text.rjust(STEPLEN, ALPHABET[0])


def last_positions(parents: Iterable[ParentNode]) -> dict[int, int]:
    """For each database parent, the step of its current last child (0 when it has none)."""
    by_depth: dict[int, list[ParentNode]] = defaultdict(list)
    for parent in parents:
        by_depth[parent.depth].append(parent)
    last: dict[int, int] = {}
    for depth, group in by_depth.items():
        pk_of = {p.path: p.pk for p in group}
        for batch in chunked(group, 400):
            interval = Q()
            for parent in batch:
                interval |= Q(path__range=Union._get_children_path_interval(parent.path))
            rows = (
                Union.objects.filter(interval, depth=depth + 1)
                .annotate(parent_prefix=Substr("path", 1, depth * STEPLEN))
                .values("parent_prefix")
                .annotate(last=Max("path"))
                .values_list("parent_prefix", "last")
            )
            for parent_path, last_path in rows:
                last[pk_of[parent_path]] = Union._str2int(last_path[-STEPLEN:])
    for parent in parents:
        last.setdefault(parent.pk, 0)
    return last


def last_root_position() -> int:
    path = Union.objects.filter(depth=1).aggregate(last=Max("path"))["last"]
    return Union._str2int(path[-STEPLEN:]) if path else 0


def plan_paths(sheet: Sheet, order: list[int]) -> list[RowError]:
    """Give every row its path, depth and number of children; report what does not fit."""
    rows = sheet.rows
    db_parents = {r.db_parent.pk: r.db_parent for r in rows if r.db_parent is not None}
    next_under_db = {pk: last + 1 for pk, last in last_positions(db_parents.values()).items()}
    next_root = (
        last_root_position() + 1
        if any(r.parent_index < 0 and r.db_parent is None for r in rows)
        else 1
    )
    next_under_row = [1] * len(rows)
    errors: list[RowError] = []

    def fail(index: int, message: str) -> None:
        errors.append(sheet.error(rows[index], "parent_code", message))

    for i in order:
        row = rows[i]
        if row.parent_index >= 0:
            parent_path = rows[row.parent_index].path
            if not parent_path:
                fail(i, parent_is_bad_message(rows[row.parent_index], row))
                continue
            position = next_under_row[row.parent_index]
            next_under_row[row.parent_index] += 1
            rows[row.parent_index].numchild += 1
        elif row.db_parent is not None:
            parent_path = row.db_parent.path
            position = next_under_db[row.db_parent.pk]
            next_under_db[row.db_parent.pk] += 1
        else:
            parent_path = ""
            position = next_root
            next_root += 1
        if position > MAX_STEP:
            fail(i, _("上级工会的下级已达上限（%(max)s 个），无法再添加。") % {"max": MAX_STEP})
            continue
        path = parent_path + step(position)
        if len(path) > MAX_PATH:
            fail(i, _("层级太深：最多 %(max)s 级。") % {"max": MAX_PATH // STEPLEN})
            continue
        row.path = path
        row.depth = len(path) // STEPLEN
    sheets = {name: i for i, name in enumerate(sheet.layouts)}
    errors.sort(key=lambda e: (sheets.get(e.sheet, 0), e.row))
    return errors


def write_rows(sheet: Sheet, order: list[int], *, batch_size: int = BATCH_SIZE) -> int:
    """Insert the planned rows and bring the database parents' ``numchild`` up to date."""
    rows = sheet.rows
    now = timezone.now()
    # Every other column (timestamps, is_active, any added later) is the same for all rows.
    others = [
        f for f in Union._meta.concrete_fields if not f.primary_key and f.attname not in ROW_FIELDS
    ]
    constant = tuple(
        f.get_db_prep_save(now if f.attname in TIMESTAMPS else f.get_default(), connection)
        for f in others
    )
    column_of = {f.attname: f.column for f in Union._meta.concrete_fields}
    columns = [*(column_of[name] for name in ROW_FIELDS), *(f.column for f in others)]
    for batch in chunked(order, batch_size):
        _insert(
            columns,
            [
                (
                    row.code,
                    row.name,
                    row.short_name,
                    row.kind_value,
                    row.level_value,
                    row.region_code,
                    row.path,
                    row.depth,
                    row.numchild,
                    *constant,
                )
                for row in (rows[i] for i in batch)
            ],
        )

    added = Counter(r.db_parent.pk for r in rows if r.parent_index < 0 and r.db_parent is not None)
    by_count: dict[int, list[int]] = defaultdict(list)
    for pk, count in added.items():
        by_count[count].append(pk)
    for count, pks in by_count.items():
        for pk_batch in chunked(pks):
            Union.objects.filter(pk__in=pk_batch).update(numchild=F("numchild") + count)
    return len(order)


def _insert(columns: list[str], tuples: list[tuple[Any, ...]]) -> None:
    """Many rows in one go: COPY on PostgreSQL, executemany elsewhere.

    ``bulk_create`` spends nine tenths of its time preparing values field by field
    (about 5,000 rows/s here); the values of an import are plain strings and numbers.
    """
    table = connection.ops.quote_name(Union._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):  # psycopg 3
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in tuples:
                    copy.write_row(values)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", tuples)
