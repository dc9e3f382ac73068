"""The platform kit's promises, checked over the whole code base (DESIGN §3.1, §3.3, §4):

- every write service refuses nobody (``None``, an anonymous user, an inactive account);
- every status change goes through ``transition()``, and each workflow refuses the moves its
  table does not list;
- ``core`` imports no domain app, and the apps import each other in one direction only, as
  ``docs/architecture.md`` draws it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import FunctionType, ModuleType, SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

import zhigong
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import NotFound
from zhigong.core.models import AccessLog, AuditEvent
from zhigong.core.service import SERVICES
from zhigong.core.workflow import WORKFLOWS, BadTransition, transition
from zhigong.testing.cast import Cast

ROOT = Path(zhigong.__file__).parent
DOCS = ROOT.parent / "docs" / "architecture.md"


def _modules() -> list[str]:
    """Every module of the project package (tests and migrations aside)."""
    return [
        info.name
        for info in pkgutil.walk_packages([str(ROOT)], prefix="zhigong.")
        if ".tests" not in info.name and ".migrations" not in info.name
    ]


def _service_modules() -> list[ModuleType]:
    names = [n for n in _modules() if ".services" in n or n.endswith((".exports", ".service"))]
    return [importlib.import_module(n) for n in names]


def _write_functions_with_an_actor() -> list[FunctionType]:
    """Public functions of service modules that take an ``actor``: each is a service."""
    found: list[FunctionType] = []
    for module in _service_modules():
        for name, func in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            if func.__module__ != module.__name__:
                continue  # imported from elsewhere
            if "actor" in inspect.signature(func).parameters:
                found.append(func)
    return found


def test_every_function_of_a_service_module_that_takes_an_actor_is_a_service():
    # Steps inside services that have authorised already (the member recorder, a status
    # change, the card following it): they take the actor to record it; no page, command
    # or job calls them directly.
    steps = {
        "apply_status",
        "cards_follow_member_status",
        "end_pairing_locked",  # hardship: a pair ends inside the service that ends it
        "member_changing",
        "record",
        "revoke_tokens",  # accounts: a password change, deactivation or role loss ends tokens
    }
    unguarded = [
        f"{f.__module__}.{f.__name__}"
        for f in _write_functions_with_an_actor()
        if f not in SERVICES and f.__name__ not in steps
    ]
    assert unguarded == []
    assert len(SERVICES) >= 30


def _arguments(service: Any) -> dict[str, object]:
    """Something for every argument without a default: the refusal comes before any use."""
    wrapped = inspect.unwrap(service)
    return {
        name: object()
        for name, parameter in inspect.signature(wrapped).parameters.items()
        if parameter.default is inspect.Parameter.empty and name != "actor"
    }


@pytest.mark.django_db
@pytest.mark.parametrize("nobody", [None, AnonymousUser(), "inactive"], ids=str)
def test_every_service_refuses_nobody_and_changes_nothing(cast: Cast, nobody: object):
    if nobody == "inactive":
        nobody = cast.users["city_admin"]
        nobody.is_active = False
    _service_modules()
    events, reads = AuditEvent.objects.count(), AccessLog.objects.count()
    for service in SERVICES:
        with pytest.raises(NotFound):
            service(actor=nobody, **_arguments(service))
    assert (AuditEvent.objects.count(), AccessLog.objects.count()) == (events, reads)


def test_a_service_cannot_be_declared_without_a_keyword_only_actor():
    from zhigong.core.service import service

    with pytest.raises(TypeError):
        service(lambda actor, x: None)
    with pytest.raises(TypeError):
        service(lambda *, actor=None: None)


# --- workflows -------------------------------------------------------------------------------


def _workflow_cases() -> list[tuple[str, str, str, bool]]:
    _modules_loaded = [importlib.import_module(f"{c.name}.models") for c in _project_apps()]
    assert _modules_loaded
    return [
        (workflow.name, old, new, workflow.allows(old, new))
        for workflow in WORKFLOWS
        for old in workflow.statuses.values
        for new in workflow.statuses.values
    ]


def _project_apps() -> list[Any]:
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("zhigong.") and config.models_module is not None
    ]


def test_each_workflow_refuses_every_move_its_table_does_not_list():
    cases = _workflow_cases()
    assert {name for name, *_ in cases} >= {
        "member",
        "application",
        "card",
        "member_change",
        "transfer",
        "member_import",
    }
    by_name = {w.name: w for w in WORKFLOWS}
    for name, old, new, allowed in cases:
        thing = SimpleNamespace(status=old)
        if allowed:
            assert transition(thing, by_name[name], new, actor=SYSTEM, commit=False) == old
            assert thing.status == new
        else:
            with pytest.raises(BadTransition) as refused:
                transition(thing, by_name[name], new, actor=SYSTEM, commit=False)
            assert refused.value.code == "bad_transition"
            assert thing.status == old, f"{name}: {old} → {new} must change nothing"


def _status_fields() -> set[str]:
    _workflow_cases()
    return {w.field for w in WORKFLOWS}


def test_no_status_changes_outside_transition():
    """An assignment to a workflow's status field, or a bulk ``update(status=…)``, anywhere
    but in ``core/workflow.py`` would be a move no table checks."""
    fields = _status_fields()
    offences = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "workflow.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr in fields:
                        offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and any(k.arg in fields for k in node.keywords)
            ):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offences == []


# --- the import graph --------------------------------------------------------------------------


def _app_imports() -> dict[str, set[str]]:
    """Which app's code imports which other app (tests and migrations aside)."""
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if len(rel.parts) < 2 or "tests" in rel.parts or "migrations" in rel.parts:
            continue
        app = rel.parts[0]
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "zhigong" and len(parts) > 1 and parts[1] != app:
                    graph.setdefault(app, set()).add(parts[1])
    return graph


def test_core_imports_no_domain_app():
    assert _app_imports().get("core", set()) == set()


def test_apps_import_each_other_in_one_direction_only():
    graph = _app_imports()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(app: str, path: list[str]) -> None:
        seen[app] = 1
        for other in sorted(graph.get(app, ())):
            assert seen.get(other) != 1, "import cycle: " + " → ".join([*path, app, other])
            if other not in seen:
                visit(other, [*path, app])
        seen[app] = 2

    for app in sorted(graph):
        if app not in seen:
            visit(app, [])


def test_the_import_graph_in_the_docs_is_the_code():
    """``docs/architecture.md`` lists, per app, the apps it may import; the code imports
    exactly those (an import the docs do not allow fails here, as does a stale line)."""
    documented: dict[str, set[str]] = {}
    for line in DOCS.read_text().splitlines():
        match = re.match(r"^\| `(\w+)` \| imports \| (.*) \|$", line)
        if match:
            documented[match.group(1)] = set(re.findall(r"`(\w+)`", match.group(2)))
    code = _app_imports()
    assert documented == {app: code.get(app, set()) for app in documented}
    assert set(code) <= set(documented)
