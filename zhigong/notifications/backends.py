"""Delivery adapters for notices outside the site (SMS, email).

Two channels:

- notices (``notify``): ``settings.NOTIFICATION_BACKENDS`` lists dotted paths of classes with
  a ``send(message)`` method; the default only logs.
- text messages to a mobile number (``send_sms``: the codes of self-registration and
  password reset): ``settings.SMS_BACKEND`` names one class with a ``send_sms(phone, text)``
  method. The embedded default, ``ConsoleSmsBackend``, writes the text to the server's output
  when ``DEBUG`` is on (``make run``: read the code there) and withholds it otherwise;
  ``MemorySmsBackend`` keeps them for tests.

A real SMS or email gateway is one more class here (or in the deploying organisation's own
package) and one line in the settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from zhigong.core.masking import mask_phone

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


# --- text messages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str


class ConsoleSmsBackend:
    """No gateway: with ``DEBUG`` on (the embedded default, ``make run``) the whole text, code
    included, goes to the server's output, so a developer can read it; otherwise only that a
    text was not sent, to a masked number (a code never lands in a production log)."""

    def send_sms(self, phone: str, text: str) -> None:
        if settings.DEBUG:
            logger.warning("短信（开发环境，未真正发出）→ %s：%s", phone, text)
        else:
            logger.warning(
                "SMS to %s not sent: no SMS gateway configured (SMS_BACKEND)", mask_phone(phone)
            )


class MemorySmsBackend:
    """Keeps sent texts in a list: for tests and local experiments."""

    outbox: list[Sms] = []

    def send_sms(self, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append(Sms(phone, text))

    @classmethod
    def texts_to(cls, phone: str) -> list[str]:
        return [sms.text for sms in cls.outbox if sms.phone == phone]


def sms_backend() -> Any:
    return import_string(settings.SMS_BACKEND)()
