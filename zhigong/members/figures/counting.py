"""The members topic of the figures kit: what one member counts towards.

Status counts cover every member; the other dimensions (gender, age band, political status,
education) count active members only. Services change members through
``registry.member_changing``, which calls ``adjust``; imports add their totals with
``figures.add_counts``; ``rebuild`` recounts from the members table (nightly, so that age
bands follow birthdays).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

from zhigong.core.idnumber import age_on
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.unions import figures
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

TOPIC = "members"
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


def age_band(birth: dt.date, today: dt.date | None = None) -> str:
    age = age_on(birth, today or timezone.localdate())
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


def adjust(*, removed: Iterable[Member] = (), added: Iterable[Member] = ()) -> None:
    """Members leaving and entering the counts, as one batch of net changes.

    For a change of one member (``removed=[before], added=[after]``) rows whose count does
    not change are not touched at all."""
    today = timezone.localdate()
    deltas: dict[Key, int] = defaultdict(int)
    for sign, members in ((-1, removed), (+1, added)):
        for member in members:
            for dim, value in values_of(member, today):
                deltas[(member.union_id, dim, value)] += sign
    figures.adjust(TOPIC, deltas)


def of_union(union: Union) -> dict[str, dict[str, int]]:
    """{dimension: {value: count}} for the union's whole subtree (one indexed query)."""
    found = figures.counts(TOPIC, union)
    return {dim: found.get(dim, {}) for dim in DIMENSIONS}


def direct_counts(today: dt.date | None = None) -> dict[Key, int]:
    """Counts per union of its own members (not its subtree), from the members table."""
    today = today or timezone.localdate()
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
                Q(birth_date__gt=years_before(today, high))
                & Q(birth_date__lte=years_before(today, low)),
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


def rebuild() -> int:
    """Recount the members topic from the members table; returns how many rows it holds."""
    return figures.rebuild(TOPIC, direct_counts)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
