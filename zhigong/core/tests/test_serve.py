"""``manage.py serve``: the development server and one job consumer, stopped together."""

from __future__ import annotations

import signal
from typing import Any

import pytest
from django.core.management import call_command

from zhigong.core.management.commands import serve


class FakeConsumer:
    pid = 4242

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        self.argv, self.kwargs, self.waited = argv, kwargs, False

    def poll(self) -> None:
        return None  # still running

    def wait(self, timeout: float) -> int:
        self.waited = True
        return 0


def test_serve_starts_one_consumer_and_stops_it_with_the_server(monkeypatch):
    started: list[FakeConsumer] = []
    killed: list[tuple[int, int]] = []

    def popen(argv: list[str], **kwargs: Any) -> FakeConsumer:
        started.append(FakeConsumer(argv, **kwargs))
        return started[-1]

    def runserver(name: str, addrport: str) -> None:
        assert name == "runserver" and addrport == "127.0.0.1:9000"
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.delenv("RUN_MAIN", raising=False)
    monkeypatch.setattr("subprocess.Popen", popen)
    monkeypatch.setattr(serve, "call_command", runserver)
    monkeypatch.setattr("os.killpg", lambda pid, sig: killed.append((pid, sig)))
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", "127.0.0.1:9000")
    assert len(started) == 1 and started[0].argv[-3:] == ["run_huey", "--workers", "1"]
    assert killed == [(4242, signal.SIGTERM)] and started[0].waited


def test_a_reload_does_not_start_a_second_consumer(monkeypatch):
    monkeypatch.setenv("RUN_MAIN", "true")  # the reloaded child process
    monkeypatch.setattr("subprocess.Popen", lambda *a, **k: pytest.fail("started"))
    monkeypatch.setattr(serve, "call_command", lambda *args: None)
    call_command("serve")
