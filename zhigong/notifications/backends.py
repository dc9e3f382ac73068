"""Delivery adapters for notices outside the site (SMS, email).

``settings.NOTIFICATION_BACKENDS`` lists dotted paths of classes with a ``send(message)``
method; the default only logs. A real SMS or email gateway is one more class here (or in
the deploying organisation's own package) and one line in the settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("zhigong.notifications")

DEFAULT_BACKENDS = ["zhigong.notifications.backends.LoggingBackend"]


@dataclass(frozen=True)
class Message:
    user_id: int
    username: str
    title: str
    body: str
    url: str


class LoggingBackend:
    """Writes one log line per notice (no personal data: the user id and the title)."""

    def send(self, message: Message) -> None:
        logger.info("notice to user %s: %s", message.user_id, message.title)


class MemoryBackend:
    """Keeps sent messages in a list: for tests and local experiments."""

    outbox: list[Message] = []

    def send(self, message: Message) -> None:
        MemoryBackend.outbox.append(message)


def backends() -> list[object]:
    paths = getattr(settings, "NOTIFICATION_BACKENDS", DEFAULT_BACKENDS)
    return [import_string(path)() for path in paths]
