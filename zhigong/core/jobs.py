"""Background jobs: typed decorators over Huey, and periodic jobs in the site's local time.

Huey evaluates a periodic task's schedule on a naive UTC time (``HUEY.utc``); people say
"every night at 03:30" in Beijing time. ``local_crontab`` takes the schedule as people say
it and hands Huey a check that converts first::

    @periodic_job(local_crontab(hour="3", minute="30"), lock="rebuild-member-figures")
    def rebuild_member_figures_nightly() -> int: ...

``job`` marks an on-demand job: calling the function queues it (or, with Huey's
``immediate`` mode in tests, runs it at once) and returns Huey's result handle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

P = ParamSpec("P")
R = TypeVar("R")


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


def job(func: Callable[P, R]) -> Callable[P, Any]:
    """An on-demand job with a database connection of its own (Huey's ``db_task``)."""
    wrapped: Callable[P, Any] = db_task()(func)
    return wrapped


def periodic_job(
    schedule: Callable[[dt.datetime], bool], *, lock: str
) -> Callable[[Callable[[], R]], Callable[[], Any]]:
    """A periodic job; ``lock`` names it so that two consumers never run it at once."""

    def decorate(func: Callable[[], R]) -> Callable[[], Any]:
        wrapped: Callable[[], Any] = db_periodic_task(schedule)(lock_task(lock)(func))
        return wrapped

    return decorate
