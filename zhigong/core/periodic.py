"""Periodic jobs of the platform itself (imported by ``CoreConfig.ready`` so that the Huey
consumer registers them)."""

from __future__ import annotations

import logging

from zhigong.core import idempotency
from zhigong.core.jobs import local_crontab, periodic_job

logger = logging.getLogger(__name__)


@periodic_job(local_crontab(minute="17"), lock="purge-idempotency-keys")
def purge_idempotency_keys_hourly() -> int:
    """Every hour: drop the ``Idempotency-Key`` answers past their lifetime."""
    deleted = idempotency.purge_expired()
    logger.info("idempotency keys purged: %d", deleted)
    return deleted
