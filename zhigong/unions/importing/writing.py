"""Placing checked rows in the tree and writing them in bulk.

Paths are computed here the way treebeard numbers them (``MP_Node._get_path`` and
``_inc_path``): a child's path is its parent's path plus one step of ``steplen`` base-36
digits, and a new child comes after the parent's current last child. Adding the rows one
``add_child`` at a time would cost three queries a row; this costs one insert per batch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import F, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.unions.importing.checking import chunked
from zhigong.unions.importing.reading import Sheet
from zhigong.unions.importing.rows import ParentNode, RowError
from zhigong.unions.models import Union

STEPLEN = Union.steplen
ALPHABET = Union.alphabet
MAX_STEP = len(ALPHABET) ** STEPLEN - 1
MAX_PATH = Union._meta.get_field("path").max_length or 255
BATCH_SIZE = 5000


def step(position: int) -> str:
    return Union._int2str(position).rjust(STEPLEN, ALPHABET[0])


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
        row = rows[index]
        errors.append(RowError(row.row, sheet.column("parent_code"), row.parent_code, message))

    for i in order:
        row = rows[i]
        if row.parent_index >= 0:
            parent_path = rows[row.parent_index].path
            if not parent_path:
                fail(
                    i,
                    _("上级编码所在的第 %(row)s 行有错误，本行也无法导入。")
                    % {"row": rows[row.parent_index].row},
                )
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
    errors.sort(key=lambda e: e.row)
    return errors


def write_rows(sheet: Sheet, order: list[int], *, batch_size: int = BATCH_SIZE) -> int:
    """Insert the planned rows and bring the database parents' ``numchild`` up to date."""
    rows = sheet.rows
    now = timezone.now()
    for batch in chunked(order, batch_size):
        Union.objects.bulk_create(
            [
                Union(
                    code=row.code,
                    name=row.name,
                    short_name=row.short_name,
                    kind=row.kind_value,
                    level=row.level_value,
                    region_code=row.region_code,
                    is_active=True,
                    path=row.path,
                    depth=row.depth,
                    numchild=row.numchild,
                    created_at=now,
                    updated_at=now,
                )
                for row in (rows[i] for i in batch)
            ],
            batch_size=batch_size,
        )
    added = Counter(r.db_parent.pk for r in rows if r.parent_index < 0 and r.db_parent is not None)
    by_count: dict[int, list[int]] = defaultdict(list)
    for pk, count in added.items():
        by_count[count].append(pk)
    for count, pks in by_count.items():
        for batch in chunked(pks):
            Union.objects.filter(pk__in=batch).update(numchild=F("numchild") + count)
    return len(order)
