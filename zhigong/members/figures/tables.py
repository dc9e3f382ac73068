"""Member figures of a union subtree for people: scope, labels, the children table, charts.

The counts come from ``counting`` (the figures kit) (one indexed read per union). The charts are
pygal SVG rendered on the server with its JavaScript turned off, inlined into the page: no
script and nothing fetched from anywhere. A rendered chart is cached by its numbers, so an
unchanged figure is not drawn twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import pygal
from django.core.cache import cache
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

from zhigong.core.errors import NotFound
from zhigong.members.choices import Education, Gender, MemberStatus, PoliticalStatus
from zhigong.members.figures import counting
from zhigong.unions import policy
from zhigong.unions.models import Figure, Union
from zhigong.unions.roles import Perm

FONT = '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif'
CHART_STYLE = Style(
    font_family=FONT,
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2328",
    foreground_strong="#1f2328",
    foreground_subtle="#5b6470",
    opacity=".9",
    opacity_hover="1",
    colors=("#c8161d", "#e0663a", "#f0a23b", "#7a8b99", "#9e1016", "#5b6470", "#d98c8f", "#3f6e8c"),
    title_font_size=16,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=13,
)
# What pygal adds that a page must not carry: its configuration script, and a comment
# naming its web site.
_STRIP = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>|<!--.*?-->", re.S | re.I)


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
    if code:
        union = policy.union_for(user, Perm.MEMBER_VIEW, code)
        if union is None:
            raise NotFound()
        return union
    root = policy.scope_tops(user, Perm.MEMBER_VIEW).first()
    if root is None:
        raise NotFound()
    return root


def figures_full(union: Union) -> dict[str, dict[str, int]]:
    """Every known value of every dimension (0 when there is none), plus any other value."""
    counts = counting.of_union(union)
    result: dict[str, dict[str, int]] = {}
    for dim, (_title, labels) in dimension_labels().items():
        row = {value: counts[dim].get(value, 0) for value in labels}
        row.update({v: n for v, n in counts[dim].items() if v not in row})
        result[dim] = row
    return result


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    count: int
    share: float  # percent of the dimension's total


@dataclass(frozen=True)
class Table:
    dimension: str
    title: str
    rows: list[Row]
    total: int
    chart: str  # inline SVG


def figure_tables(union: Union) -> list[Table]:
    counts = figures_full(union)
    tables = []
    for dim, (title, labels) in dimension_labels().items():
        total = sum(counts[dim].values())
        rows = [
            Row(
                value,
                labels.get(value, _("未填写") if value == counting.UNKNOWN else value),
                n,
                round(100 * n / total, 1) if total else 0.0,
            )
            for value, n in counts[dim].items()
        ]
        tables.append(Table(dim, title, rows, total, chart_svg(dim, title, rows)))
    return tables


def chart_svg(dimension: str, title: str, rows: list[Row]) -> str:
    """The chart of one dimension as inline SVG (cached by its numbers and language)."""
    data = [(r.label, r.count) for r in rows]
    key = (
        "member-figures-chart:"
        + hashlib.sha256(
            json.dumps([dimension, title, get_language(), data], ensure_ascii=False).encode()
        ).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = _render(dimension, title, data)
        cache.set(key, svg, 3600)
    return str(svg)


def _render(dimension: str, title: str, data: list[tuple[str, int]]) -> str:
    common: dict[str, Any] = {
        "js": [],
        "disable_xml_declaration": True,
        "style": CHART_STYLE,
        "title": None,  # the page's heading names the chart
        "truncate_label": -1,
        "width": 560,
        "height": 320,
        "explicit_size": False,
        "print_values": True,
        "margin": 12,
        "no_data_text": _("暂无数据"),
    }
    chart: Any
    if dimension == "gender":
        chart = pygal.Pie(inner_radius=0.45, legend_at_bottom=True, **common)
        for label, count in data:
            chart.add(label, count)
    else:
        horizontal = dimension in ("political_status", "education")
        if horizontal:  # pygal draws the first bar at the bottom: keep the table's order
            data = data[::-1]
            # pygal sizes the label column for Latin letters; Chinese ones are about twice
            # as wide, so give the longest label the room it lacks.
            common["margin_left"] = 7 * max((len(label) for label, _count in data), default=0)
        chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(show_legend=False, **common)
        chart.x_labels = [label for label, _count in data]
        chart.add(title, [count for _label, count in data])
    svg = str(chart.render(is_unicode=True))
    # pygal writes its configuration into a <script> even with ``js=[]``: drop it.
    return _STRIP.sub("", svg)


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
