"""The matchmaking topic of the figures kit (DESIGN §3.5) and the figures of a union subtree.

A profile counts under its member's grassroots union (``Profile.union``), an introduction
under the union of the member it serves. Kept by the services as they change things
(explicit calls, like the cases topic); ``rebuild`` recounts from the tables:
- ``status``: profiles by status (registrations by state);
- ``introduction``: introductions offered, chosen by the member, agreed by the candidate (to
  meet or to exchange contacts), meetings, contacts exchanged, declined;
- ``first_days``: days from entry into the pool to the first candidate who said yes
  (a histogram, capped at ``FIRST_DAYS_CAP``);
- ``outcome``: why services ended.
Two more are read directly from the last 30 days of introductions of the subtree (a small
table): the share of active members who were offered candidates, and exposure
concentration (the share of offers that went to the most offered tenth of candidates)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.matchmaking.choices import EndReason, IntroductionStatus, ProfileStatus
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.unions import figures
from zhigong.unions.charts import Table, dimension_tables
from zhigong.unions.figures import Key, median_from_histogram
from zhigong.unions.models import Union

TOPIC = "matchmaking"
DIMENSIONS = ("status", "introduction", "first_days", "outcome")
FIRST_DAYS_CAP = 90
RECENT = dt.timedelta(days=30)


def days_bucket(days: int) -> str:
    return str(min(max(days, 0), FIRST_DAYS_CAP))


def registered(profile: Profile) -> None:
    figures.adjust(TOPIC, {(profile.union_id, "status", profile.status): 1})


def moved(profile: Profile, old_status: str) -> None:
    deltas: dict[Key, int] = defaultdict(int)
    if old_status != profile.status:
        deltas[(profile.union_id, "status", old_status)] -= 1
        deltas[(profile.union_id, "status", profile.status)] += 1
    if profile.status == ProfileStatus.ENDED and profile.end_reason:
        deltas[(profile.union_id, "outcome", profile.end_reason)] += 1
    figures.adjust(TOPIC, deltas)


def introduced(member: Profile, *values: str, count: int = 1) -> None:
    figures.adjust(TOPIC, {(member.union_id, "introduction", v): count for v in values})


def first_yes(member: Profile, days: int) -> None:
    figures.adjust(TOPIC, {(member.union_id, "first_days", days_bucket(days)): 1})


def direct_counts() -> dict[Key, int]:
    direct: dict[Key, int] = defaultdict(int)
    profiles = Profile.objects.order_by()
    for uid, status, n in profiles.values_list("union_id", "status").annotate(n=Count("id")):
        direct[(uid, "status", status)] += n
    for uid, reason, n in (
        profiles.exclude(end_reason="")
        .values_list("union_id", "end_reason")
        .annotate(n=Count("id"))
    ):
        direct[(uid, "outcome", reason)] += n
    for uid, entered, first in profiles.filter(
        first_introduced_at__isnull=False, entered_at__isnull=False
    ).values_list("union_id", "entered_at", "first_introduced_at"):
        if entered is not None and first is not None:
            direct[(uid, "first_days", days_bucket((first - entered).days))] += 1
    intros = Introduction.objects.order_by().values_list("member__union_id")

    def add(value: str, rows: Any) -> None:
        for uid, n in rows.annotate(n=Count("id")):
            direct[(uid, "introduction", value)] += n

    add("offered", intros)
    add("chosen", intros.filter(chosen_at__isnull=False))
    agreed = [IntroductionStatus.MEET, IntroductionStatus.EXCHANGED]
    add("agreed", intros.filter(status__in=agreed))
    add(IntroductionStatus.MEET, intros.filter(meeting_at__isnull=False))
    add(IntroductionStatus.EXCHANGED, intros.filter(status=IntroductionStatus.EXCHANGED))
    add("declined", intros.filter(status=IntroductionStatus.DECLINED))
    return dict(direct)


def rebuild() -> int:
    return figures.rebuild(TOPIC, direct_counts)


@dataclass(frozen=True)
class Summary:
    registered: int
    active: int
    offered: int
    chosen: int
    agreed: int
    met: int
    exchanged: int
    median_first_days: float | None
    screened_share: float | None  # of active members, offered candidates in 30 days
    exposure_top_share: float | None  # of offers in 30 days, to the most offered tenth

    @property
    def accept_rate(self) -> float | None:
        return round(100 * self.agreed / self.chosen, 1) if self.chosen else None

    @property
    def meet_rate(self) -> float | None:
        return round(100 * self.met / self.agreed, 1) if self.agreed else None


def _recent(union: Union) -> tuple[float | None, int]:
    """Exposure concentration and the members offered candidates, in the last 30 days."""
    since = timezone.now() - RECENT
    recent = Introduction.objects.filter(
        member__union__path__startswith=union.path, created_at__gte=since
    )
    served = recent.values("member_id").distinct().count()
    per_candidate = sorted(
        (row["n"] for row in recent.values("candidate_id").annotate(n=Count("id")).order_by()),
        reverse=True,
    )
    total = sum(per_candidate)
    top = per_candidate[: max(1, len(per_candidate) // 10)]
    exposure = round(100 * sum(top) / total, 1) if total else None
    return exposure, served


def summary(union: Union, counts: dict[str, dict[str, int]]) -> Summary:
    status, intro = counts.get("status", {}), counts.get("introduction", {})
    active = status.get(ProfileStatus.ACTIVE, 0)
    exposure, served = _recent(union)
    return Summary(
        registered=sum(status.values()),
        active=active,
        offered=intro.get("offered", 0),
        chosen=intro.get("chosen", 0),
        agreed=intro.get("agreed", 0),
        met=intro.get(IntroductionStatus.MEET, 0),
        exchanged=intro.get(IntroductionStatus.EXCHANGED, 0),
        median_first_days=median_from_histogram(counts.get("first_days", {})),
        screened_share=round(100 * served / active, 1) if active else None,
        exposure_top_share=exposure,
    )


def of_union(union: Union) -> dict[str, dict[str, int]]:
    found = figures.counts(TOPIC, union)
    return {dim: found.get(dim, {}) for dim in DIMENSIONS}


def _labels() -> dict[str, tuple[str, dict[str, str]]]:
    days = {str(d): str(d) for d in range(FIRST_DAYS_CAP)}
    days[str(FIRST_DAYS_CAP)] = _("%(n)d 及以上") % {"n": FIRST_DAYS_CAP}
    return {
        "status": (_("登记状态"), {str(k): str(v) for k, v in ProfileStatus.choices}),
        "introduction": (
            _("引荐"),
            {
                "offered": _("推荐"),
                "chosen": _("会员选择"),
                "agreed": _("对方同意"),
                IntroductionStatus.MEET.value: _("见面"),
                IntroductionStatus.EXCHANGED.value: _("交换联系方式"),
                "declined": _("对方婉拒"),
            },
        ),
        "first_days": (_("入库到首次引荐成功（天）"), days),
        "outcome": (_("终止服务原因"), {str(k): str(v) for k, v in EndReason.choices}),
    }


def tables(counts: dict[str, dict[str, int]]) -> list[Table]:
    return dimension_tables(_labels(), counts, chart_prefix="mm", histograms={"first_days"})


def as_dict(union: Union) -> dict[str, Any]:
    counts = of_union(union)
    s = summary(union, counts)
    return {
        "union": union.code,
        "registered": s.registered,
        "active": s.active,
        "introductions_offered": s.offered,
        "chosen": s.chosen,
        "agreed": s.agreed,
        "met": s.met,
        "exchanged": s.exchanged,
        "accept_rate": s.accept_rate,
        "meet_rate": s.meet_rate,
        "median_days_to_first_introduction": s.median_first_days,
        "screened_share_30_days": s.screened_share,
        "exposure_top_tenth_share_30_days": s.exposure_top_share,
        "counts": counts,
    }
