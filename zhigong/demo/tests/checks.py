"""Checks shared by the demo tests."""

from __future__ import annotations

from collections import Counter

from zhigong.accounts.models import User
from zhigong.core.models import AuditEvent
from zhigong.unions.models import Department, RoleGrant, ServiceCentre, Union


def counts() -> dict[str, int]:
    return {
        "unions": Union.objects.count(),
        "departments": Department.objects.count(),
        "centres": ServiceCentre.objects.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def tree_problems() -> list[str]:
    """What treebeard's ``find_problems`` checks, in one query instead of two per node."""
    rows = list(Union.objects.values_list("code", "path", "depth", "numchild"))
    paths = {path for _, path, _, _ in rows}
    children = Counter(path[: -Union.steplen] for _, path, _, _ in rows)
    problems = []
    for code, path, depth, numchild in rows:
        if len(path) != depth * Union.steplen:
            problems.append(f"{code}: depth")
        if depth > 1 and path[: -Union.steplen] not in paths:
            problems.append(f"{code}: orphan")
        if numchild != children[path]:
            problems.append(f"{code}: numchild {numchild} != {children[path]}")
    return problems
