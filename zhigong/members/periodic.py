"""Periodic jobs of the members app (imported by ``MembersConfig.ready`` so that the Huey
consumer registers them; ``tasks.py`` holds the on-demand jobs)."""

from __future__ import annotations

import logging

from zhigong.core.actors import SYSTEM
from zhigong.core.jobs import local_crontab, periodic_job
from zhigong.members.figures import counting
from zhigong.members.retention import purge_retained
from zhigong.members.services.transfers import transfers_expire

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(hour="3", minute="30"), lock="rebuild-member-rollups")
def rebuild_member_rollups_nightly() -> int:
    """Every night at 03:30 (site time): recompute the member figures, so age bands follow
    birthdays and any drift (a change written around the services) is gone by morning."""
    rows = counting.rebuild()
    logger.info("member figures rebuilt: %d rows", rows)
    return rows


@periodic_job(local_crontab(hour="2", minute="10"), lock="expire-member-transfers")
def expire_transfers_nightly() -> int:
    """Every night: transfers nobody decided in time lapse, and their askers are told."""
    lapsed = transfers_expire(actor=SYSTEM)
    logger.info("member transfers lapsed: %d", lapsed)
    return lapsed


@periodic_job(local_crontab(hour="4", minute="10"), lock="purge-retained")
def purge_retained_nightly() -> None:
    """Every night: what the retention settings let go (``members.retention``)."""
    purged = purge_retained()
    logger.info("retention: %s", purged)
