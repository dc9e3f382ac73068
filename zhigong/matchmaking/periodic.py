"""Periodic jobs of the matchmaking app (imported by ``MatchmakingConfig.ready`` so that the
Huey consumer registers them)."""

from __future__ import annotations

import logging

from zhigong.core.jobs import local_crontab, periodic_job
from zhigong.matchmaking import figures
from zhigong.matchmaking.exposure import exposure_recount

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(hour="4", minute="0"), lock="matchmaking-exposure")
def exposure_recount_nightly() -> int:
    """Every night at 04:00 (site time): offers older than 30 days stop counting against a
    profile in the screening's ranking."""
    recounted = exposure_recount()
    logger.info("matchmaking exposure recounted: %d profiles", recounted)
    return recounted


@periodic_job(local_crontab(hour="4", minute="20"), lock="rebuild-matchmaking-figures")
def rebuild_matchmaking_figures_nightly() -> int:
    """Every night at 04:20 (site time): recount the matchmaking figures from the tables."""
    rows = figures.rebuild()
    logger.info("matchmaking figures rebuilt: %d rows", rows)
    return rows
