"""``manage.py serve [ADDRPORT]``: the development server and one job consumer together.

A job queued with no consumer looks like a hang (an import page "排队中" for ever), so the
embedded default runs both: Huey's consumer (``run_huey``) in a child process, Django's
development server in the foreground. Ctrl-C stops both. The consumer is started once, by
the reloading parent process, so code reloads do not start a second one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the development server and one Huey job consumer; Ctrl-C stops both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        consumer = None
        if os.environ.get("RUN_MAIN") != "true":  # the reloader's parent, not each reload
            consumer = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--workers", "1"],
                start_new_session=True,  # Ctrl-C is ours to pass on, once
            )
            self.stdout.write(f"后台任务进程已启动（pid {consumer.pid}）。")
        try:
            call_command("runserver", addrport)
        finally:
            if consumer is not None and consumer.poll() is None:
                os.killpg(consumer.pid, signal.SIGTERM)
                consumer.wait(timeout=30)
