"""Member figures for any subtree: counts per union *for its whole subtree*, by dimension.

A figure for a union is then one indexed read of about 25 rows, whatever the size of the
archive. Services call ``member_added``/``member_removed`` around each change (the member's
union and all its ancestors are adjusted by one batch of upserts); ``rebuild`` recomputes
everything from the members table (after imports, moves of unions, and nightly so age bands
move on). Status counts cover every member; the other dimensions count active members only.

Concurrency: every adjustment touches its rows in one fixed order (union, dimension, value),
so two services changing members of the same union queue behind each other instead of
deadlocking. ``rebuild`` locks the rollup table against writers (PostgreSQL; SQLite has one
writer anyway) before it reads the members, so a change committed meanwhile is either seen
by the rebuild or applied on top of it once the rebuild commits, never lost or counted twice.
Readers are not blocked: they see the old rows until the rebuild commits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

from zhigong.core.batching import chunked
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member, MemberRollup
from zhigong.unions.models import Union

DIMENSIONS = ("status", "gender", "age_band", "political_status", "education")
# (code, lowest age, first age above the band); ages are full years on the day of counting.
AGE_BANDS = [
    ("under_25", 0, 25),
    ("25_34", 25, 35),
    ("35_44", 35, 45),
    ("45_54", 45, 55),
    ("55_plus", 55, 200),
]
UNKNOWN = "unknown"

Key = tuple[int, str, str]  # (union id, dimension, value)


def age_band(birth: dt.date, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    for name, low, high in AGE_BANDS:
        if low <= age < high:
            return name
    return AGE_BANDS[-1][0]  # the SQL of ``rebuild`` does the same for impossible ages


def values_of(member: Member, today: dt.date | None = None) -> list[tuple[str, str]]:
    """The (dimension, value) pairs one member counts towards."""
    return counted_values(
        status=str(member.status),
        gender=str(member.gender),
        band=age_band(member.birth_date, today),
        political_status=member.political_status,
        education=member.education,
    )


def counted_values(
    *,
    status: str,
    gender: str,
    band: str,
    political_status: str,
    education: str,
) -> list[tuple[str, str]]:
    """The (dimension, value) pairs a member with these fields counts towards."""
    values = [("status", status)]
    if status == MemberStatus.ACTIVE:
        values += [
            ("gender", gender),
            ("age_band", band),
            ("political_status", political_status or UNKNOWN),
            ("education", education or UNKNOWN),
        ]
    return values


def _union_ids_up(union_id: int) -> list[int]:
    """The union and all its ancestors."""
    path = Union.objects.filter(pk=union_id).values_list("path", flat=True).get()
    return list(Union.objects.filter(path__in=_paths_up(path)).values_list("id", flat=True))


def _upsert(deltas: dict[Key, int]) -> None:
    rows = sorted((uid, dim, value, n) for (uid, dim, value), n in deltas.items() if n)
    if not rows:
        return
    table = connection.ops.quote_name(MemberRollup._meta.db_table)
    sql = (
        f"INSERT INTO {table} (union_id, dimension, value, count) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT (union_id, dimension, value) DO UPDATE "
        f"SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def adjust(*, removed: Iterable[Member] = (), added: Iterable[Member] = ()) -> None:
    """Apply members leaving and entering the counts as one sorted batch of net changes.

    Use it for a change of one member (``removed=[before], added=[after]``): rows whose
    count does not change are not touched at all."""
    today = timezone.localdate()
    deltas: dict[Key, int] = defaultdict(int)
    ups: dict[int, list[int]] = {}
    for sign, members in ((-1, removed), (+1, added)):
        for member in members:
            if member.union_id not in ups:
                ups[member.union_id] = _union_ids_up(member.union_id)
            for uid in ups[member.union_id]:
                for dim, value in values_of(member, today):
                    deltas[(uid, dim, value)] += sign
    _upsert(deltas)


def member_added(member: Member) -> None:
    adjust(added=[member])


def member_removed(member: Member) -> None:
    adjust(removed=[member])


def add_counts(direct: dict[Key, int], paths: dict[int, str]) -> None:
    """Add many members at once: ``direct`` counts per (own union id, dimension, value);
    ``paths`` holds the tree path of each of those unions.

    An import of a million members adds its counts in one batch of upserts (a few thousand
    rows) instead of recomputing the figures of the whole archive.
    """
    wanted = {up for path in paths.values() for up in _paths_up(path)}
    id_of: dict[str, int] = {}
    for part in chunked(wanted):
        id_of.update(Union.objects.filter(path__in=part).values_list("path", "id"))
    _upsert(_rolled_up(direct, paths, id_of))


def _paths_up(path: str) -> list[str]:
    """The path itself and those of all its ancestors."""
    return [path[:i] for i in range(Union.steplen, len(path) + 1, Union.steplen)]


def _rolled_up(
    direct: dict[Key, int], path_of: dict[int, str], id_of: dict[str, int]
) -> dict[Key, int]:
    """Counts per own union → counts per union for its whole subtree (each union's own
    counts added to it and to every ancestor)."""
    total: dict[Key, int] = defaultdict(int)
    for (uid, dim, value), n in direct.items():
        for up in _paths_up(path_of[uid]):
            total[(id_of[up], dim, value)] += n
    return total


def subtree_moved(union: Union, old_ancestor_paths: list[str]) -> None:
    """A union moved with its subtree: its own rollup rows (the counts of that subtree) leave
    the old ancestors and join the new ones; ancestors common to both are not touched."""
    rows = list(
        MemberRollup.objects.filter(union=union, count__gt=0).values_list(
            "dimension", "value", "count"
        )
    )
    if not rows:
        return
    old_ids = set(Union.objects.filter(path__in=old_ancestor_paths).values_list("id", flat=True))
    new_ids = set(
        Union.objects.filter(path__in=union.ancestor_paths()).values_list("id", flat=True)
    )
    deltas: dict[Key, int] = defaultdict(int)
    for dim, value, n in rows:
        for uid in old_ids - new_ids:
            deltas[(uid, dim, value)] -= n
        for uid in new_ids - old_ids:
            deltas[(uid, dim, value)] += n
    _upsert(deltas)


def figures(union: Union) -> dict[str, dict[str, int]]:
    """{dimension: {value: count}} for the union's whole subtree (one indexed query)."""
    result: dict[str, dict[str, int]] = {dim: {} for dim in DIMENSIONS}
    rows = MemberRollup.objects.filter(union=union, count__gt=0).values_list(
        "dimension", "value", "count"
    )
    for dim, value, count in rows:
        if dim in result:
            result[dim][value] = count
    return result


def _direct_counts(today: dt.date) -> dict[Key, int]:
    """Counts per union of its own members (not its subtree), from the members table."""
    direct: dict[Key, int] = defaultdict(int)
    members = Member.objects.order_by()
    for uid, status, n in members.values_list("union_id", "status").annotate(n=Count("id")):
        direct[(uid, "status", status)] += n
    active = members.filter(status=MemberStatus.ACTIVE)
    for dim in ("gender", "political_status", "education"):
        for uid, value, n in active.values_list("union_id", dim).annotate(n=Count("id")):
            direct[(uid, dim, value or UNKNOWN)] += n
    band = Case(
        *[
            When(
                Q(birth_date__gt=_years_before(today, high))
                & Q(birth_date__lte=_years_before(today, low)),
                then=Value(name),
            )
            for name, low, high in AGE_BANDS
        ],
        default=Value(AGE_BANDS[-1][0]),
        output_field=CharField(),
    )
    rows = active.annotate(band=band).values_list("union_id", "band").annotate(n=Count("id"))
    for uid, value, n in rows:
        direct[(uid, "age_band", value)] += n
    return direct


@transaction.atomic
def rebuild() -> int:
    """Recompute every rollup row from the members table; returns how many rows it holds."""
    table = connection.ops.quote_name(MemberRollup._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Blocks writers (services adjusting counts) until commit, not readers.
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    direct = _direct_counts(timezone.localdate())
    id_of = dict(Union.objects.order_by().values_list("path", "id"))
    total = _rolled_up(direct, {uid: path for path, uid in id_of.items()}, id_of)
    _write(total)
    return len(total)


def _write(total: dict[Key, int]) -> None:
    """Make the table hold exactly ``total``, writing only the rows that differ (a nightly
    rebuild changes a few age bands, not the 400,000 rows of a large tree)."""
    table = connection.ops.quote_name(MemberRollup._meta.db_table)
    existing = {
        (uid, dim, value): (pk, n)
        for pk, uid, dim, value, n in MemberRollup.objects.order_by()
        .values_list("id", "union_id", "dimension", "value", "count")
        .iterator(chunk_size=20_000)
    }
    gone = [pk for key, (pk, _n) in existing.items() if key not in total]
    changed: list[tuple[int, int]] = []  # (count, id)
    new: list[tuple[int, str, str, int]] = []
    for key, n in total.items():
        if key not in existing:
            new.append((*key, n))
        elif existing[key][1] != n:
            changed.append((n, existing[key][0]))
    new.sort()
    changed.sort(key=lambda row: row[1])
    with connection.cursor() as cursor:
        for start in range(0, len(gone), 10_000):
            chunk = gone[start : start + 10_000]
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk
            )
        if changed:
            cursor.executemany(f"UPDATE {table} SET count = %s WHERE id = %s", changed)
    _insert(new)


def _insert(rows: list[tuple[int, str, str, int]]) -> None:
    table = connection.ops.quote_name(MemberRollup._meta.db_table)
    columns = "(union_id, dimension, value, count)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)"
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
