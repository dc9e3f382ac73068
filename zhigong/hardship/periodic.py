"""Periodic jobs of hardship pairs."""

from __future__ import annotations

import logging

from zhigong.core.jobs import local_crontab, periodic_job
from zhigong.hardship.services.alerts import remind_overdue

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(hour="8", minute="10"), lock="pairing-visit-reminders")
def remind_overdue_daily() -> int:
    """Every morning: remind the volunteers of pairs without a visit for 30 days (once per
    silence, however many times it runs)."""
    sent = remind_overdue()
    logger.info("pairing visit reminders sent: %d", sent)
    return sent
