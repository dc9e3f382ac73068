"""``python manage.py case_deadline_scan [--now ISO-TIME]``: the deadline scan by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhigong.cases.services.scan import case_deadline_scan
from zhigong.core.actors import SYSTEM


def parse_now(text: str) -> dt.datetime:
    """An ISO date or time; without a zone it is the site's local time."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--now: not an ISO date or time: {text!r} (e.g. 2025-10-11 or 2025-10-11T09:00)"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Warn about cases at 50%/80% of their time and escalate those past their deadline "
        "to the parent federation's centre (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="act as of this moment (ISO 8601; local time when no zone is given)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_now(options["now"]) if options.get("now") else timezone.now()
        result = case_deadline_scan(actor=SYSTEM, now=now)
        self.stdout.write(
            f"as of {timezone.localtime(now):%Y-%m-%d %H:%M %Z}: "
            f"warned {result.warned}, escalated {result.escalated}, "
            f"overdue at the top of the tree {result.overdue_at_top}, "
            f"provisional deadlines recounted {result.recounted}"
        )
