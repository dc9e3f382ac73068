"""Figures over the tree (DESIGN §3.5): counts per union *for its whole subtree*, by topic,
dimension and value, in one table (``Figure``).

A figure for a union is then one indexed read of a few dozen rows, whatever the size of the
archive. Each topic (``"members"``; cases, volunteer hours… later) is kept by its own app:

- the services that change what a topic counts call ``adjust`` with the net change per
  *own* union (a member leaving GA: ``{(GA, "status", "active"): -1, …}``); the counts are
  rolled up to the union and all its ancestors in one sorted batch of upserts;
- bulk writers (imports) call ``add_counts`` once with their totals;
- ``union_move`` calls ``subtree_moved`` for every topic at once (explicitly, no signal);
- a job calls ``rebuild(topic, direct)`` with a fresh count of the topic's own rows, which
  makes the table hold exactly that (nightly, so that age bands follow birthdays).

Concurrency: every adjustment touches its rows in one fixed order (union, topic, dimension,
value), so two services changing the same union queue behind each other instead of
deadlocking. ``rebuild`` locks the table against writers (PostgreSQL; SQLite has one writer
anyway) before its caller's counts are read, so a change committed meanwhile is either seen
by the rebuild or applied on top of it once the rebuild commits, never lost or counted twice.
Readers are not blocked: they see the old rows until the rebuild commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from django.db import connection, transaction
from django.db.models import QuerySet, Sum

from zhigong.core.batching import chunked
from zhigong.unions.models import Figure, Union

# (union id, dimension, value): one count of a topic.
Key = tuple[int, str, str]


def paths_up(path: str) -> list[str]:
    """The path itself and those of all its ancestors."""
    return [path[:i] for i in range(Union.steplen, len(path) + 1, Union.steplen)]


def _table() -> str:
    return connection.ops.quote_name(Figure._meta.db_table)


def _upsert(topic: str, deltas: Mapping[Key, int]) -> None:
    rows = sorted((uid, topic, dim, value, n) for (uid, dim, value), n in deltas.items() if n)
    if not rows:
        return
    table = _table()
    sql = (
        f"INSERT INTO {table} (union_id, topic, dimension, value, count) "
        f"VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT (union_id, topic, dimension, value) DO UPDATE "
        f"SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _ids_of(paths: Iterable[str]) -> dict[str, int]:
    id_of: dict[str, int] = {}
    for part in chunked(set(paths)):
        id_of.update(Union.objects.filter(path__in=part).values_list("path", "id"))
    return id_of


def rolled_up(
    direct: Mapping[Key, int], path_of: Mapping[int, str], id_of: Mapping[str, int]
) -> dict[Key, int]:
    """Counts per own union → counts per union for its whole subtree (each union's own
    counts added to it and to every ancestor)."""
    total: dict[Key, int] = defaultdict(int)
    for (uid, dim, value), n in direct.items():
        for up in paths_up(path_of[uid]):
            total[(id_of[up], dim, value)] += n
    return total


def adjust(topic: str, direct: Mapping[Key, int]) -> None:
    """Apply net changes per own union (keys name the union the counted thing belongs to)."""
    direct = {key: n for key, n in direct.items() if n}
    if not direct:
        return
    own = {uid for uid, _dim, _value in direct}
    path_of = dict(Union.objects.filter(pk__in=own).values_list("id", "path"))
    id_of = _ids_of(up for path in path_of.values() for up in paths_up(path))
    _upsert(topic, rolled_up(direct, path_of, id_of))


def add_counts(topic: str, direct: Mapping[Key, int], paths: Mapping[int, str]) -> None:
    """Add many counted things at once: ``direct`` counts per own union; ``paths`` holds the
    tree path of each of those unions (the bulk writer knows them already).

    An import of a million members adds its counts in one batch of upserts (a few thousand
    rows) instead of recomputing the figures of the whole archive."""
    id_of = _ids_of(up for path in paths.values() for up in paths_up(path))
    _upsert(topic, rolled_up(direct, paths, id_of))


def subtree_moved(union: Union, old_ancestor_paths: list[str]) -> None:
    """A union moved with its subtree: its own rows (the counts of that subtree, every topic)
    leave the old ancestors and join the new ones; ancestors common to both are untouched."""
    rows = list(
        Figure.objects.filter(union=union, count__gt=0).values_list(
            "topic", "dimension", "value", "count"
        )
    )
    if not rows:
        return
    old_ids = set(Union.objects.filter(path__in=old_ancestor_paths).values_list("id", flat=True))
    new_ids = set(
        Union.objects.filter(path__in=union.ancestor_paths()).values_list("id", flat=True)
    )
    by_topic: dict[str, dict[Key, int]] = defaultdict(lambda: defaultdict(int))
    for topic, dim, value, n in rows:
        for uid in old_ids - new_ids:
            by_topic[topic][(uid, dim, value)] -= n
        for uid in new_ids - old_ids:
            by_topic[topic][(uid, dim, value)] += n
    for topic in sorted(by_topic):
        _upsert(topic, by_topic[topic])


def counts(topic: str, union: Union) -> dict[str, dict[str, int]]:
    """{dimension: {value: count}} for the union's whole subtree (one indexed query)."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    rows = Figure.objects.filter(union=union, topic=topic, count__gt=0).values_list(
        "dimension", "value", "count"
    )
    for dim, value, count in rows:
        result[dim][value] = count
    return dict(result)


def counts_of_each(topic: str, unions: Iterable[Union]) -> dict[int, dict[str, dict[str, int]]]:
    """``counts`` of each of ``unions`` (a page of child unions), in one query: {union id:
    {dimension: {value: count}}}, an empty dict for a union with nothing counted."""
    ids = [u.pk for u in unions]
    result: dict[int, dict[str, dict[str, int]]] = {pk: defaultdict(dict) for pk in ids}
    rows = Figure.objects.filter(union__in=ids, topic=topic, count__gt=0).values_list(
        "union_id", "dimension", "value", "count"
    )
    for pk, dim, value, count in rows:
        result[pk][dim][value] = count
    return {pk: dict(found) for pk, found in result.items()}


def total(
    topic: str, unions: QuerySet[Union] | Iterable[int], dimension: str, value: str = ""
) -> int:
    """The sum of one dimension (or of one value of it) over some unions' subtrees: for
    disjoint subtrees (the tops of a scope), the count of everything in them."""
    rows = Figure.objects.filter(union__in=unions, topic=topic, dimension=dimension)
    if value:
        rows = rows.filter(value=value)
    return rows.aggregate(n=Sum("count"))["n"] or 0


@transaction.atomic
def rebuild(topic: str, direct: Callable[[], Mapping[Key, int]]) -> int:
    """Make the topic's rows hold exactly ``direct()`` rolled up the tree; ``direct`` counts
    the topic's own rows per own union (called after the table is locked). Returns how many
    rows the topic holds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Blocks writers (services adjusting counts) until commit, not readers.
            cursor.execute(f"LOCK TABLE {_table()} IN EXCLUSIVE MODE")
    counted = direct()
    id_of = dict(Union.objects.order_by().values_list("path", "id"))
    path_of = {uid: path for path, uid in id_of.items()}
    wanted = rolled_up(counted, path_of, id_of)
    _write(topic, wanted)
    return len(wanted)


def _write(topic: str, wanted: dict[Key, int]) -> None:
    """Make the topic hold exactly ``wanted``, writing only the rows that differ (a nightly
    rebuild changes a few age bands, not the 400,000 rows of a large tree)."""
    table = _table()
    existing = {
        (uid, dim, value): (pk, n)
        for pk, uid, dim, value, n in Figure.objects.filter(topic=topic)
        .order_by()
        .values_list("id", "union_id", "dimension", "value", "count")
        .iterator(chunk_size=20_000)
    }
    gone = [pk for key, (pk, _n) in existing.items() if key not in wanted]
    changed: list[tuple[int, int]] = []  # (count, id)
    new: list[tuple[int, str, str, str, int]] = []
    for key, n in wanted.items():
        if key not in existing:
            new.append((key[0], topic, key[1], key[2], n))
        elif existing[key][1] != n:
            changed.append((n, existing[key][0]))
    new.sort()
    changed.sort(key=lambda row: row[1])
    with connection.cursor() as cursor:
        for chunk in chunked(gone, 10_000):
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk
            )
        if changed:
            cursor.executemany(f"UPDATE {table} SET count = %s WHERE id = %s", changed)
    _insert(new)


def _insert(rows: list[tuple[int, str, str, str, int]]) -> None:
    table = _table()
    columns = "(union_id, topic, dimension, value, count)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s, %s)"
        for chunk in chunked(rows, 10_000):
            cursor.executemany(sql, chunk)


def median_from_histogram(histogram: dict[str, int]) -> float | None:
    """The median of values counted in buckets ``{"0": n0, "1": n1, …}`` (the last bucket
    holds that many and more)."""
    values = sorted((int(k), n) for k, n in histogram.items() if n > 0)
    total = sum(n for _v, n in values)
    if not total:
        return None

    def nth(position: int) -> int:
        seen = 0
        for value, n in values:
            seen += n
            if seen > position:
                return value
        return values[-1][0]

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2
