"""Member figures of a union subtree for people: scope, labels, the children table.

The counts come from ``counting`` (the figures kit) (one indexed read per union); tables and
charts are drawn by the kit's ``unions.charts``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from zhigong.members.choices import Education, Gender, MemberStatus, PoliticalStatus
from zhigong.members.figures import counting
from zhigong.unions import policy
from zhigong.unions.charts import BARS, LYING, PIE, Table, dimension_table
from zhigong.unions.models import Figure, Union
from zhigong.unions.roles import Perm

# How each dimension is drawn (``unions.charts``): shares of a whole as a ring, long labels
# lying down.
SHAPES = {"gender": PIE, "political_status": LYING, "education": LYING}


def age_band_labels() -> dict[str, str]:
    labels = {}
    for code, low, high in counting.AGE_BANDS:
        if low == 0:
            labels[code] = _("%(age)d岁以下") % {"age": high}
        elif high >= 200:
            labels[code] = _("%(age)d岁及以上") % {"age": low}
        else:
            labels[code] = _("%(low)d至%(high)d岁") % {"low": low, "high": high - 1}
    return labels


def dimension_labels() -> dict[str, tuple[str, dict[str, str]]]:
    """{dimension: (title, {value: label})} in display order."""
    return {
        "status": (_("会员状态"), {str(k): str(v) for k, v in MemberStatus.choices}),
        "gender": (_("性别"), {str(k): str(v) for k, v in Gender.choices}),
        "age_band": (_("年龄段"), age_band_labels()),
        "political_status": (_("政治面貌"), {str(k): str(v) for k, v in PoliticalStatus.choices}),
        "education": (_("学历"), {str(k): str(v) for k, v in Education.choices}),
    }


def figures_union(*, user: Any, code: str = "") -> Union:
    """The union whose figures are asked for: ``code``, or the top of the user's scope.

    Unknown, out of scope and "no member.view anywhere" are all ``NotFound``."""
    return policy.union_or_top(user, Perm.MEMBER_VIEW, code)


def figures_full(union: Union) -> dict[str, dict[str, int]]:
    """Every known value of every dimension (0 when there is none), plus any other value."""
    counts = counting.of_union(union)
    result: dict[str, dict[str, int]] = {}
    for dim, (_title, labels) in dimension_labels().items():
        row = {value: counts[dim].get(value, 0) for value in labels}
        row.update({v: n for v, n in counts[dim].items() if v not in row})
        result[dim] = row
    return result


def figure_tables(union: Union) -> list[Table]:
    counts = figures_full(union)
    tables = []
    for dim, (title, labels) in dimension_labels().items():
        # Every value counted, a value without a label under its own name.
        named = {
            value: labels.get(value, _("未填写") if value == counting.UNKNOWN else value)
            for value in counts[dim]
        }
        tables.append(
            dimension_table(
                dim, title, named, counts[dim], chart_key=dim, shape=SHAPES.get(dim, BARS)
            )
        )
    return tables


def children_table(union: Union) -> QuerySet[Union]:
    """The union's direct children with their members (all statuses) and active members,
    read from their figures in the same query; the most members first."""

    def rollup(**filters: Any) -> Subquery:
        rows = (
            Figure.objects.filter(
                union=OuterRef("pk"), topic=counting.TOPIC, dimension="status", **filters
            )
            .order_by()
            .values("union")
            .annotate(n=Sum("count"))
            .values("n")
        )
        return Subquery(rows, output_field=IntegerField())

    # A range on the unique path index (a LIKE prefix cannot use it on SQLite).
    children = Union.objects.filter(
        path__gt=union.path, path__lt=union.path + "~", depth=union.depth + 1
    )
    return children.annotate(
        total_members=Coalesce(rollup(), Value(0)),
        active_members=Coalesce(rollup(value=MemberStatus.ACTIVE), Value(0)),
    ).order_by("-active_members", "code")
