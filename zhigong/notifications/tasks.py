"""Background jobs of notifications: delivering a text message through ``SMS_BACKEND``."""

from __future__ import annotations

import json
import logging

from zhigong.core import crypto
from zhigong.core.jobs import job
from zhigong.core.masking import mask_phone
from zhigong.notifications.backends import sms_backend

logger = logging.getLogger("zhigong.notifications")

# The associated data of a sealed text: it opens only as the argument of this job.
_SEALED_SMS = "notifications.sms_deliver"


def seal_sms(phone: str, text: str) -> str:
    return crypto.encrypt(json.dumps([phone, text], ensure_ascii=False), context=_SEALED_SMS)


@job
def sms_deliver(sealed: str) -> None:
    """Hand one text to the gateway. A failing gateway is logged with the number masked and
    not retried: the person asks for a new code, which the limits allow after a minute."""
    phone, text = json.loads(crypto.decrypt(sealed, context=_SEALED_SMS))
    try:
        sms_backend().send_sms(phone, text)
    except Exception:
        logger.exception("SMS delivery to %s failed", mask_phone(phone))
