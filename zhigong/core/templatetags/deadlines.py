"""``{% load deadlines %}{{ due|deadline }}``: a date counted in working days, with "（预计）"
beside it when it is provisional (a year it relies on has no official holiday schedule yet).

``due`` is a ``calendar.Deadline`` (its own flag decides) or a plain date, e.g. one stored on a
record (provisional when its year's schedule is not loaded). An optional format:
``{{ due|deadline:"Y年n月j日" }}``; the default is ``Y-m-d``.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from zhigong.core.calendar import Deadline, has_schedule

register = template.Library()


def _years_text(years: frozenset[int]) -> str:
    return _("、").join(str(y) for y in sorted(years))


@register.filter
def deadline(value: Deadline | dt.date | None, fmt: str = "Y-m-d") -> SafeString | str:
    if value is None or value == "":
        return ""
    if isinstance(value, Deadline):
        day, years = value.date, value.provisional_years
    else:
        day = value.date() if isinstance(value, dt.datetime) else value
        years = frozenset() if has_schedule(day.year) else frozenset({day.year})
    shown = format_date(day, fmt)
    if not years:
        return shown
    return format_html(
        '{}<span class="provisional" title="{}">{}</span>',
        shown,
        _("%(years)s 年的节假日安排尚未公布，按法定节假日推算，公布后可能变动。")
        % {"years": _years_text(years)},
        _("（预计）"),
    )
