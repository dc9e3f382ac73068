"""Modules that apps keep under an agreed name, found the way the menus are found.

An app that contributes to a shared page keeps a module of an agreed name: ``todo.py`` (the
workbench's to-do list, ``core.todo``), ``audit_labels.py`` (the words of the audit log, read
by the ``audit`` app). ``app_modules("todo")`` imports each installed app's module of that
name, in ``INSTALLED_APPS`` order, so adding an app adds its contribution without editing the
page that shows it, and without the page's app importing the contributor.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from django.apps import apps


@functools.cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Every installed project app's module ``<app>.<name>``, found once per process."""
    found: list[ModuleType] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zhigong."):
            continue
        qualified = f"{config.name}.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name != qualified:
                raise  # the module exists but imports something missing: a real error
            continue
        found.append(module)
    return tuple(found)
