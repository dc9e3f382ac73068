"""``notify``: the one way any part of the platform tells a user something; ``send_sms``:
a text message to a mobile number that may have no account yet (the codes of
self-registration and password reset).

The in-app notice is written in the caller's transaction (so it exists exactly when the
change it reports does); delivery through the adapters (SMS, email) runs only after the
transaction commits, and a failing gateway is logged, never undoes the change.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhigong.notifications import tasks
from zhigong.notifications.backends import Message, backends
from zhigong.notifications.models import Notification

logger = logging.getLogger("zhigong.notifications")


def notify(user: Any, *, title: str, body: str, url: str = "") -> Notification | None:
    """Tell ``user`` (a User, or None for nobody) about something; returns the notice."""
    if user is None or not getattr(user, "pk", None):
        return None
    notice = Notification.objects.create(
        user=user, title=str(title)[:200], body=str(body), url=url[:500]
    )
    message = Message(user.pk, user.get_username(), notice.title, notice.body, notice.url)
    transaction.on_commit(lambda: deliver(message))
    return notice


def deliver(message: Message) -> None:
    for backend in backends():
        try:
            backend.send(message)  # type: ignore[attr-defined]
        except Exception:  # a gateway outage must not break the site
            logger.exception("notice delivery failed via %s", type(backend).__name__)


def send_sms(phone: str, text: str) -> None:
    """Send ``text`` to the mobile number ``phone`` once the caller's transaction commits, by a
    background job (a slow gateway holds up no request, and the time of the answer does not
    tell what was sent). The job's argument is the number and the text sealed with the site's
    key: the job queue never holds a code in plain text."""
    sealed = tasks.seal_sms(phone, text)
    # robust: a queue that cannot be reached is logged; the change stands, the person asks again
    transaction.on_commit(lambda: tasks.sms_deliver(sealed), robust=True)


def notices_mark_read(user: Any) -> int:
    """Mark every unread notice of the user as read (when they open their list)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
