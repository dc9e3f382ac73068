"""Browser journeys: Playwright drives Debian's Chromium against Django's live server.

- One browser per xdist worker, launched by the first journey the worker runs and closed
  after the last journey of this folder (``scope="package"``); each test gets a fresh
  context (no cookies, Chinese ``Accept-Language``) and page.
- The browser is ``/usr/bin/chromium`` from Debian's ``chromium`` package (``apt-get install
  chromium``), never a browser that Playwright downloads. ``ZHIGONG_CHROMIUM`` names another
  executable. A missing browser fails every journey, loudly; a developer without one may set
  ``ZHIGONG_SKIP_BROWSER=1`` to skip them instead (ignored under ``CI``).
- Tests request ``live_server`` (through ``base_url``), so pytest-django gives them
  transactional database access: what the test writes, the server sees. The ``cast``
  fixture of the root conftest is built with no transaction around it.
- Playwright's sync API keeps an asyncio loop "running" in this thread while the browser is
  open. Django then refuses ORM calls from the test (``SynchronousOnlyOperation``), and asgiref
  hands the test fresh database connections kept per context instead of the thread's own
  (those pytest-django set up, with the rows migrations wrote for ``serialized_rollback``).
  The loop is Playwright's, not the code under test's: while the browser is open
  ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set, and the thread's connections are installed where
  Django now looks for them.
- When a journey fails, a screenshot of its page is left in ``var/browser-failures/``.
- What journeys do with a page (log in, log out, ...) is in ``tests/browser/helpers.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

CHROMIUM = os.environ.get("ZHIGONG_CHROMIUM", "/usr/bin/chromium")
# As root on a machine with no network but the package registries: no sandbox, no GPU, and
# none of Chromium's own connections (updates, sync, field trials) at start.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000  # one step: generous for a busy 2-core machine, short enough to fail fast
FAILURES = Path(__file__).resolve().parents[2] / "var" / "browser-failures"

expect.set_options(timeout=TIMEOUT_MS)


def _skip_allowed() -> bool:
    return os.environ.get("ZHIGONG_SKIP_BROWSER") == "1" and not os.environ.get("CI")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or set ZHIGONG_CHROMIUM; "
            "ZHIGONG_SKIP_BROWSER=1 skips the browser journeys on a developer's machine."
        )
        if _skip_allowed():
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    if _skip_allowed():
        pytest.skip("ZHIGONG_SKIP_BROWSER=1")
    # The test's database connections, before Playwright's loop makes Django look for them
    # in another place (asgiref keeps connections per context while a loop runs).
    held = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in held.items():
                connections[alias] = connection
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def base_url(live_server: Any, django_db_serialized_rollback: None) -> str:
    """The live server's address. Requesting it makes the test transactional, with the rows
    that migrations wrote (the holiday calendar) put back before each journey: every journey
    starts from the same database, whichever ran before it on its worker."""
    return str(live_server.url)


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator[Callable[[], Page]]:
    """Opens pages in fresh contexts (separate cookies: one per person in a journey)."""
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        context = browser.new_context(base_url=base_url, locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Page], request: pytest.FixtureRequest) -> Iterator[Page]:
    opened = new_page()
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        with contextlib.suppress(Exception):  # the page may be gone with the failure
            opened.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
