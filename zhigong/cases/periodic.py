"""Periodic jobs of the cases app (imported by ``CasesConfig.ready`` so that the Huey consumer
registers them)."""

from __future__ import annotations

import logging

from zhigong.cases import figures
from zhigong.cases.services.scan import case_deadline_scan
from zhigong.core.actors import SYSTEM
from zhigong.core.jobs import local_crontab, periodic_job

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(minute="*/5"), lock="case-deadline-scan")
def case_deadline_scan_every_five_minutes() -> str:
    """Every five minutes (DESIGN §6: an escalation at most 5 minutes after it falls due):
    warnings at 50% and 80%, escalation at the deadline. Idempotent, so a missed or doubled
    run does no harm."""
    result = case_deadline_scan(actor=SYSTEM)
    logger.info("case deadline scan: %s", result)
    return str(result)


@periodic_job(local_crontab(hour="3", minute="40"), lock="rebuild-case-figures")
def rebuild_case_figures_nightly() -> int:
    """Every night at 03:40 (site time): recount the case figures from the cases table."""
    rows = figures.rebuild()
    logger.info("case figures rebuilt: %d rows", rows)
    return rows
