"""The figures kit's charts and tables: how a dimension's counts are shown to people.

Every service's figures page shows the same thing per dimension (a status, a category, an
outcome…): a table of its values with counts and shares, and a chart. ``dimension_table``
builds one from the counts of ``unions.figures`` and the dimension's labels; ``chart_svg``
draws it. The template ``figures/_dimension_tables.html`` lays the tables out.

The charts are pygal SVG rendered on the server with its JavaScript turned off, inlined into
the page: no script and nothing fetched from anywhere. A rendered chart is cached by its
numbers, so an unchanged figure is not drawn twice.

pygal sizes label room by counting characters; our labels are Chinese (twice as wide) or
English (longer), so ``_render`` measures them (``text_width``), wraps long ones on two lines
(``wrap_label``), gives the label column and the axis ends the room they need, and counts in
whole numbers (``integer_ticks``). tests/browser/test_ui.py checks in a real browser that no
two texts of a chart overlap and none is cut off, in English.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import pygal
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

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


# How a dimension is drawn: upright bars (the default), a ring (a few shares of a whole, such
# as gender), or bars lying down (long labels, such as education).
BARS, PIE, LYING = "bars", "pie", "lying"


def chart_svg(dimension: str, title: str, rows: list[Row], *, shape: str = BARS) -> str:
    """The chart of one dimension as inline SVG (cached by its numbers, shape and language)."""
    data = [(r.label, r.count) for r in rows]
    key = (
        "figures-chart:v3:"
        + hashlib.sha256(
            json.dumps([dimension, title, shape, get_language(), data], ensure_ascii=False).encode()
        ).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = _render(shape, title, data)
        cache.set(key, svg, 3600)
    return str(svg)


CHART_WIDTH, CHART_HEIGHT = 560, 320
CHART_MARGIN = 12
AXIS_SPACING = 10  # pygal's space between an axis and its labels
LABEL_GAP = 5  # pygal draws the labels left of a horizontal chart this far from the axis
LINE_HEIGHT = 1.2  # of a wrapped label, in font sizes
LABEL_SHARE = 0.42  # the widest the label column of a horizontal chart may grow, of the width
# Widths of characters in ems for a sans-serif face, for the ones that differ much from an
# average lower-case letter; Chinese characters (East Asian wide) are one em.
_NARROW = frozenset("ijlrtfI.,:;'!|()[]/-’")


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` renders at ``size`` pixels, in pixels.

    pygal guesses 0.6 em for every character, half the width of a Chinese one and too much
    for most Latin ones; margins computed from its guess either cut Chinese labels or squeeze
    the plot under English ones."""
    ems = 0.0
    for char in text:
        if _wide(char):
            ems += 1.0
        elif char == " ":
            ems += 0.28
        elif char in _NARROW:
            ems += 0.3
        elif char.isupper() or char in "mw":
            ems += 0.7
        elif char.isdigit():
            ems += 0.56
        else:
            ems += 0.52
    return ems * size


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def wrap_label(label: str, width: float, size: float) -> list[str]:
    """``label`` on one line if it fits in ``width``, else on the two most even lines: broken
    at a space or after a comma or 、 where that fits, else between two Chinese characters."""
    if text_width(label, size) <= width:
        return [label]
    splits: list[tuple[bool, float, str, str]] = []  # (at punctuation, widest line, lines)
    for i in range(1, len(label)):
        before, after = label[i - 1], label[i]
        soft = before in " ,、，/"
        if not (soft or (_wide(before) and _wide(after))):
            continue  # never inside a Latin word
        first, second = label[:i].rstrip(), label[i:].lstrip()
        if first and second:
            widest = max(text_width(first, size), text_width(second, size))
            splits.append((soft, widest, first, second))
    if not splits:
        return [label]
    fitting = [s for s in splits if s[0] and s[1] <= width] or splits
    _soft, _widest, first, second = min(fitting, key=lambda s: s[1])
    return [first, second]


def integer_ticks(largest: int, count: int = 5) -> list[int]:
    """About ``count`` whole-number steps of 1, 2 or 5 × 10ⁿ from 0 to just above
    ``largest`` (a bar never reaches the top edge; one member is never "0.1, 0.2, …")."""
    wanted = max(1, math.ceil(largest / count))
    magnitude = 10 ** (len(str(wanted)) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= wanted)
    return list(range(0, (largest // step + 1) * step + 1, step))


def _multiline(svg: str, wrapped: dict[str, list[str]], *, middle: bool) -> str:
    """pygal writes each label as one line: put the wrapped ones on their lines, centred
    on where pygal put the label (``middle``: below it, for labels under the bars)."""
    for label, lines in wrapped.items():
        first = "0" if middle else f"{-(len(lines) - 1) * LINE_HEIGHT / 2:.2f}em"
        pattern = re.compile(
            r'(<text\b[^>]*\bx="([^"]+)"[^>]*>)' + re.escape(escape(label)) + "</text>"
        )

        def spans(match: re.Match[str], lines: list[str] = lines, first: str = first) -> str:
            x, shifts = match.group(2), [first] + [f"{LINE_HEIGHT}em"] * (len(lines) - 1)
            parts = [
                f'<tspan x="{x}" dy="{dy}">{escape(line)}</tspan>'
                for dy, line in zip(shifts, lines, strict=True)
            ]
            return match.group(1) + "".join(parts) + "</text>"

        svg = pattern.sub(spans, svg)
    return svg


def _render(shape: str, title: str, data: list[tuple[str, int]]) -> str:
    size = CHART_STYLE.label_font_size
    common: dict[str, Any] = {
        "js": [],
        "disable_xml_declaration": True,
        "style": CHART_STYLE,
        "title": None,  # the page's heading names the chart
        "truncate_label": -1,
        "truncate_legend": -1,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "explicit_size": False,
        "print_values": True,
        "print_zeroes": False,
        "print_values_position": "top",
        "margin": CHART_MARGIN,
        "spacing": AXIS_SPACING,
        "no_data_text": _("暂无数据"),
    }
    if shape == PIE:
        pie = pygal.Pie(inner_radius=0.45, legend_at_bottom=True, **common)
        for label, count in data:
            pie.add(label, count)
        return _strip(pie)
    horizontal = shape == LYING
    if horizontal:  # pygal draws the first bar at the bottom: keep the table's order
        data = data[::-1]
    labels = [label for label, _count in data]
    ticks = integer_ticks(max((count for _label, count in data), default=0))
    tick_width = max(text_width(str(t), size) for t in ticks)
    if horizontal:
        wrapped = {label: wrap_label(label, CHART_WIDTH * LABEL_SHARE, size) for label in labels}
        column = max(text_width(line, size) for lines in wrapped.values() for line in lines)
        # pygal adds its own guess of the label column to margin_left: give the difference.
        guess = AXIS_SPACING + max(0.6 * size * max(len(label) for label in labels), size)
        common["margin_left"] = round(CHART_MARGIN + LABEL_GAP + column - guess)
        common["margin_right"] = round(max(CHART_MARGIN, tick_width / 2 + 4))
    else:
        plot = CHART_WIDTH - 2 * CHART_MARGIN - AXIS_SPACING - tick_width
        slot = plot / max(len(labels), 1) - 8
        wrapped = {label: wrap_label(label, slot, size) for label in labels}
        lines = max(len(lines) for lines in wrapped.values())
        common["margin_bottom"] = round(CHART_MARGIN + (lines - 1) * LINE_HEIGHT * size)
    chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(
        show_legend=False, range=(0, ticks[-1]), **common
    )
    chart.x_labels = labels
    chart.y_labels = ticks
    chart.add(title, [count for _label, count in data])
    svg = _strip(chart)
    if horizontal:  # each count just past the end of its bar, not across it
        svg = svg.replace('<text text-anchor="middle"', '<text text-anchor="start"')
    return _multiline(svg, {k: v for k, v in wrapped.items() if len(v) > 1}, middle=not horizontal)


def _strip(chart: Any) -> str:
    # pygal writes its configuration into a <script> even with ``js=[]``: drop it.
    return _STRIP.sub("", str(chart.render(is_unicode=True)))


def dimension_table(
    dimension: str,
    title: str,
    labels: Mapping[str, str],
    counts: Mapping[str, int],
    *,
    chart_key: str,
    shape: str = BARS,
    keep: Callable[[str, int], bool] | None = None,
) -> Table:
    """One dimension's table: a row per labelled value (in the labels' order; ``keep`` drops
    rows, e.g. the empty ones of a long histogram), counts, shares of the total and the chart
    (none when nothing was counted). ``chart_key`` names the chart in the cache."""
    total = sum(counts.values())
    rows = [
        Row(value, str(label), counts.get(value, 0), share(counts.get(value, 0), total))
        for value, label in labels.items()
        if keep is None or keep(value, counts.get(value, 0))
    ]
    chart = chart_svg(chart_key, title, rows, shape=shape) if total else ""
    return Table(dimension, title, rows, total, chart)


def dimension_tables(
    dimensions: Mapping[str, tuple[str, Mapping[str, str]]],
    counts: Mapping[str, Mapping[str, int]],
    *,
    chart_prefix: str,
    histograms: Collection[str] = (),
) -> list[Table]:
    """A table per dimension ({dimension: (title, {value: label})}, in display order); of a
    histogram (days to a reply…), only the values that occur."""
    return [
        dimension_table(
            dim,
            title,
            labels,
            counts.get(dim, {}),
            chart_key=f"{chart_prefix}-{dim}",
            keep=(lambda _value, n: n > 0) if dim in histograms else None,
        )
        for dim, (title, labels) in dimensions.items()
    ]


def share(count: int, total: int) -> float:
    """``count`` as a percentage of ``total``, to one decimal (0 of nothing)."""
    return round(100 * count / total, 1) if total else 0.0
