"""Periodic jobs in the site's local time.

Huey evaluates a periodic task's schedule on a naive UTC time (``HUEY.utc``); people say
"every night at 03:30" in Beijing time. ``local_crontab`` takes the schedule as people say
it and hands Huey a check that converts first::

    @db_periodic_task(local_crontab(hour="3", minute="30"))
    def rebuild_member_figures_nightly() -> int: ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab


def local_crontab(
    month: str = "*", day: str = "*", day_of_week: str = "*", hour: str = "*", minute: str = "*"
) -> Callable[[dt.datetime], bool]:
    """A Huey schedule read in ``settings.TIME_ZONE`` (crontab fields, as strings)."""
    matches = crontab(month=month, day=day, day_of_week=day_of_week, hour=hour, minute=minute)

    def due(moment: dt.datetime) -> bool:
        from huey.contrib.djhuey import HUEY

        if HUEY.utc:
            moment = (
                moment.replace(tzinfo=dt.UTC)
                .astimezone(ZoneInfo(settings.TIME_ZONE))
                .replace(tzinfo=None)
            )
        return bool(matches(moment))

    return due
