"""Case figures of a union subtree for people (CASE-6, EVAL-1 later): the headline numbers,
tables and charts, and the same for each child union. Read from the figures kit (``figures``:
one indexed read per union); tables and charts by the kit's ``unions.charts``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhigong.cases import figures
from zhigong.cases.choices import OPEN, CaseKind, CaseStatus, Category, Channel
from zhigong.unions import policy
from zhigong.unions.charts import Table, dimension_tables
from zhigong.unions.figures import counts_of_each, median_from_histogram
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm


def figures_union(*, user: Any, code: str = "") -> Union:
    """``code``, or the top of the user's ``case.view`` scope; unknown, out of scope and "no
    case.view anywhere" are all ``NotFound``."""
    return policy.union_or_top(user, Perm.CASE_VIEW, code)


@dataclass(frozen=True)
class Summary:
    """The headline numbers of one subtree."""

    received: int
    open: int
    replied: int
    closed: int
    replied_on_time: int
    replied_late: int
    overdue: int
    escalated: int
    escalated_by_deadline: int
    median_reply_days: float | None
    rated: int
    rating_average: float | None
    satisfied: int  # 4 or 5 stars

    @property
    def on_time_share(self) -> float | None:
        answered = self.replied_on_time + self.replied_late
        return round(100 * self.replied_on_time / answered, 1) if answered else None

    @property
    def satisfied_share(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None


def summary(counts: dict[str, dict[str, int]]) -> Summary:
    status = counts.get("status", {})
    ratings = {int(k): n for k, n in counts.get("rating", {}).items()}
    rated = sum(ratings.values())
    escalated = counts.get("escalated", {})
    return Summary(
        received=sum(counts.get("kind", {}).values()),
        open=sum(status.get(s, 0) for s in OPEN),
        replied=status.get(CaseStatus.REPLIED, 0),
        closed=status.get(CaseStatus.CLOSED, 0),
        replied_on_time=counts.get("on_time", {}).get("yes", 0),
        replied_late=counts.get("on_time", {}).get("no", 0),
        overdue=counts.get("overdue", {}).get("yes", 0),
        escalated=sum(escalated.values()),
        escalated_by_deadline=escalated.get("deadline", 0),
        median_reply_days=median_from_histogram(counts.get("reply_days", {})),
        rated=rated,
        rating_average=round(sum(k * n for k, n in ratings.items()) / rated, 2) if rated else None,
        satisfied=ratings.get(4, 0) + ratings.get(5, 0),
    )


def _labels() -> dict[str, tuple[str, dict[str, str]]]:
    """{dimension: (title, {value: label})} of the charts, in display order."""
    days = {str(d): str(d) for d in range(figures.REPLY_DAYS_CAP)}
    days[str(figures.REPLY_DAYS_CAP)] = _("%(n)d 及以上") % {"n": figures.REPLY_DAYS_CAP}
    return {
        "kind": (_("诉求类型"), {str(k): str(v) for k, v in CaseKind.choices}),
        "category": (_("问题类别"), {str(k): str(v) for k, v in Category.choices}),
        "channel": (_("渠道"), {str(k): str(v) for k, v in Channel.choices}),
        "status": (_("办理状态"), {str(k): str(v) for k, v in CaseStatus.choices}),
        "reply_days": (_("首次答复用时（工作日）"), days),
        "rating": (_("满意度（星）"), {str(n): "★" * n for n in range(1, 6)}),
    }


def tables(counts: dict[str, dict[str, int]]) -> list[Table]:
    return dimension_tables(_labels(), counts, chart_prefix="cases", histograms={"reply_days"})


@dataclass(frozen=True)
class ChildRow:
    union: Union
    summary: Summary


def children(union: Union) -> QuerySet[Union]:
    """The union's direct children (a range on the unique path index)."""
    return Union.objects.filter(
        path__gt=union.path, path__lt=union.path + "~", depth=union.depth + 1
    ).order_by("code")


def child_rows(unions: list[Union]) -> list[ChildRow]:
    """The summary of each union's subtree, from one query."""
    each = counts_of_each(figures.TOPIC, unions)
    return [ChildRow(u, summary(each[u.pk])) for u in unions]
