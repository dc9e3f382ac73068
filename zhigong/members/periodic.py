"""Periodic jobs of the members app (imported by ``MembersConfig.ready`` so that the Huey
consumer registers them; ``tasks.py`` holds the on-demand jobs)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, lock_task

from zhigong.members import rollups

logger = logging.getLogger(__name__)

_AT_0330 = crontab(hour="3", minute="30")


def at_0330_local(moment: dt.datetime) -> bool:
    """03:30 in the site's time zone (Huey hands periodic checks a naive UTC time)."""
    if HUEY.utc:
        moment = (
            moment.replace(tzinfo=dt.UTC)
            .astimezone(ZoneInfo(settings.TIME_ZONE))
            .replace(tzinfo=None)
        )
    return bool(_AT_0330(moment))


@db_periodic_task(at_0330_local)
@lock_task("rebuild-member-rollups")
def rebuild_member_rollups_nightly() -> int:
    """Every night at 03:30: recompute the figures, so age bands follow birthdays and any
    drift (a change written around the services) is gone by morning."""
    rows = rollups.rebuild()
    logger.info("member rollups rebuilt: %d rows", rows)
    return rows
