"""The cases topic of the figures kit (DESIGN §3.5): what one case counts towards.

A case counts under its ``origin`` (the requester's grassroots union, or the district a
non-member chose), which never changes, so the figures of any union subtree read: cases
received (by kind, category, channel), where they stand (status), replied on time or late,
overdue, escalated, the working days to the first reply (a histogram: the median is read from
it) and the satisfaction ratings. The services adjust the counts as they change a case
(explicit calls); ``rebuild`` recounts the topic from the cases table (nightly)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Count

from zhigong.cases.models import Case
from zhigong.unions import figures
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

TOPIC = "cases"
DIMENSIONS = (
    "kind",
    "category",
    "channel",
    "status",
    "on_time",
    "overdue",
    "escalated",
    "reply_days",
    "rating",
)
REPLY_DAYS_CAP = 30  # 30 and more working days share one bucket ("30")


def reply_bucket(days: int) -> str:
    return str(min(max(days, 0), REPLY_DAYS_CAP))


def received(case: Case) -> None:
    """A new case: counted by kind, category, channel and status."""
    figures.adjust(
        TOPIC,
        {
            (case.origin_id, "kind", case.kind): 1,
            (case.origin_id, "category", case.category): 1,
            (case.origin_id, "channel", case.channel): 1,
            (case.origin_id, "status", case.status): 1,
        },
    )


def moved(case: Case, old_status: str) -> None:
    if old_status != case.status:
        figures.adjust(
            TOPIC,
            {
                (case.origin_id, "status", old_status): -1,
                (case.origin_id, "status", case.status): 1,
            },
        )


def counted(case: Case, *pairs: tuple[str, str | None]) -> None:
    """One more case under each (dimension, value); a pair whose value is None is skipped."""
    deltas: dict[Key, int] = defaultdict(int)
    for dim, value in pairs:
        if value is not None:
            deltas[(case.origin_id, dim, value)] += 1
    figures.adjust(TOPIC, deltas)


def rated(case: Case, old: int | None) -> None:
    deltas: dict[Key, int] = defaultdict(int)
    if old is not None:
        deltas[(case.origin_id, "rating", str(old))] -= 1
    if case.rating is not None:
        deltas[(case.origin_id, "rating", str(case.rating))] += 1
    figures.adjust(TOPIC, deltas)


def adjust_many(deltas: Mapping[Key, int]) -> None:
    """Net changes of many cases at once (the deadline scan's batches)."""
    figures.adjust(TOPIC, deltas)


def of_union(union: Union) -> dict[str, dict[str, int]]:
    found = figures.counts(TOPIC, union)
    return {dim: found.get(dim, {}) for dim in DIMENSIONS}


def direct_counts() -> dict[Key, int]:
    """Counts per own union (the origin) from the cases table."""
    direct: dict[Key, int] = defaultdict(int)
    cases = Case.objects.order_by()

    def add(dim: str, rows: Iterable[tuple[int, object, int]]) -> None:
        for uid, value, n in rows:
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            direct[(uid, dim, str(value))] += n

    for dim in ("kind", "category", "channel", "status"):
        add(dim, cases.values_list("origin_id", dim).annotate(n=Count("id")))
    add("on_time", cases.values_list("origin_id", "replied_on_time").annotate(n=Count("id")))
    for uid, n in (
        cases.filter(overdue_at__isnull=False).values_list("origin_id").annotate(n=Count("id"))
    ):
        direct[(uid, "overdue", "yes")] += n
    add("escalated", cases.values_list("origin_id", "escalated").annotate(n=Count("id")))
    for uid, days, n in (
        cases.filter(reply_working_days__isnull=False)
        .values_list("origin_id", "reply_working_days")
        .annotate(n=Count("id"))
    ):
        direct[(uid, "reply_days", reply_bucket(days))] += n
    add("rating", cases.values_list("origin_id", "rating").annotate(n=Count("id")))
    return dict(direct)


def rebuild() -> int:
    """Recount the cases topic; returns how many rows it holds."""
    return figures.rebuild(TOPIC, direct_counts)
