"""Periodic jobs of the events app (imported by ``EventsConfig.ready`` so that the Huey
consumer registers them)."""

from __future__ import annotations

import logging

from zhigong.core.jobs import local_crontab, periodic_job
from zhigong.events import figures

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(hour="3", minute="50"), lock="rebuild-event-figures")
def rebuild_event_figures_nightly() -> int:
    """Every night at 03:50 (site time): recount the event figures from the tables."""
    rows = figures.rebuild()
    logger.info("event figures rebuilt: %d rows", rows)
    return rows
