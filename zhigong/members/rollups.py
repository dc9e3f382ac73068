"""Member figures for any subtree: counts per union *for its whole subtree*, by dimension.

A figure for a union is then one indexed read of about 25 rows, whatever the size of the
archive. Services call ``member_added``/``member_removed`` around each change (the member's
union and all its ancestors are adjusted by one upsert); ``rebuild`` recomputes everything
from the members table (after imports, moves of unions, and nightly so age bands move on).
Status counts cover every member; the other dimensions count active members only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member, MemberRollup
from zhigong.unions.models import Union

DIMENSIONS = ("status", "gender", "age_band", "political_status", "education")
AGE_BANDS = [
    ("under_25", 0, 25),
    ("25_34", 25, 35),
    ("35_44", 35, 45),
    ("45_54", 45, 55),
    ("55_plus", 55, 200),
]
UNKNOWN = "unknown"


def age_band(birth: dt.date, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    for name, low, high in AGE_BANDS:
        if low <= age < high:
            return name
    return AGE_BANDS[-1][0]


def _values(member: Member) -> list[tuple[str, str]]:
    values = [("status", member.status)]
    if member.status == MemberStatus.ACTIVE:
        values += [
            ("gender", member.gender),
            ("age_band", age_band(member.birth_date)),
            ("political_status", member.political_status or UNKNOWN),
            ("education", member.education or UNKNOWN),
        ]
    return values


def _union_ids_up(union: Union) -> list[int]:
    paths = [*union.ancestor_paths(), union.path]
    return list(Union.objects.filter(path__in=paths).values_list("id", flat=True))


def _upsert(rows: Iterable[tuple[int, str, str, int]]) -> None:
    table = MemberRollup._meta.db_table
    sql = (
        f"INSERT INTO {table} (union_id, dimension, value, count) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT (union_id, dimension, value) DO UPDATE "
        f"SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _adjust(member: Member, delta: int) -> None:
    ids = _union_ids_up(member.union)
    _upsert((uid, dim, value, delta) for uid in ids for dim, value in _values(member))


def member_added(member: Member) -> None:
    _adjust(member, +1)


def member_removed(member: Member) -> None:
    _adjust(member, -1)


def figures(union: Union) -> dict[str, dict[str, int]]:
    """{dimension: {value: count}} for the union's whole subtree."""
    result: dict[str, dict[str, int]] = {dim: {} for dim in DIMENSIONS}
    for dim, value, count in MemberRollup.objects.filter(union=union, count__gt=0).values_list(
        "dimension", "value", "count"
    ):
        result[dim][value] = count
    return result


@transaction.atomic
def rebuild() -> int:
    """Recompute every rollup row from the members table; returns the rows written."""
    today = timezone.localdate()
    direct: dict[tuple[int, str, str], int] = defaultdict(int)
    for row in Member.objects.order_by().values("union_id", "status").annotate(n=Count("id")):
        direct[(row["union_id"], "status", row["status"])] += row["n"]
    active = Member.objects.filter(status=MemberStatus.ACTIVE).order_by()
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
    for dim in ("gender", "political_status", "education"):
        for row in active.values("union_id", dim).annotate(n=Count("id")):
            direct[(row["union_id"], dim, row[dim] or UNKNOWN)] += row["n"]
    for row in active.annotate(band=band).values("union_id", "band").annotate(n=Count("id")):
        direct[(row["union_id"], "age_band", row["band"])] += row["n"]
    # Roll each union's direct counts up to all its ancestors.
    path_of = dict(Union.objects.values_list("id", "path"))
    id_of = {path: uid for uid, path in path_of.items()}
    total: dict[tuple[int, str, str], int] = defaultdict(int)
    for (uid, dim, value), n in direct.items():
        path = path_of[uid]
        for i in range(Union.steplen, len(path) + 1, Union.steplen):
            total[(id_of[path[:i]], dim, value)] += n
    MemberRollup.objects.all().delete()
    MemberRollup.objects.bulk_create(
        [
            MemberRollup(union_id=uid, dimension=dim, value=value, count=n)
            for (uid, dim, value), n in total.items()
        ],
        batch_size=5000,
    )
    return len(total)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
