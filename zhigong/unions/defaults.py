"""What a new union most likely is, from the union it is created under.

The new-union form starts from these, so a clerk adding an enterprise under a street union
types its name and little else: the kind (below a street union: a grassroots union), the
level of a federation (one below its parent's), the region code (the parent's, unless the
child is a federation of its own district), and a code in the tree's own pattern (the
parent's code, a letter for the kind and the next free number: ``WH-420102-S01-G004``).
Everything stays editable; the service validates whatever is sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhigong.unions.models import Union, UnionKind, UnionLevel

# The kind most often created under a union of each kind (federations by their level).
CHILD_KIND: dict[tuple[str, str], str] = {
    (UnionKind.FEDERATION, UnionLevel.PROVINCE): UnionKind.FEDERATION,
    (UnionKind.FEDERATION, UnionLevel.CITY): UnionKind.FEDERATION,
    (UnionKind.FEDERATION, UnionLevel.COUNTY): UnionKind.STREET,
    (UnionKind.FEDERATION, ""): UnionKind.STREET,
    (UnionKind.INDUSTRY, ""): UnionKind.GRASSROOTS,
    (UnionKind.ZONE, ""): UnionKind.GRASSROOTS,
    (UnionKind.STREET, ""): UnionKind.GRASSROOTS,
    (UnionKind.COMMUNITY, ""): UnionKind.GRASSROOTS,
    (UnionKind.GRASSROOTS, ""): UnionKind.GRASSROOTS,  # a branch union (分工会)
}
# A federation's child federation is one level down.
CHILD_LEVEL: dict[str, str] = {
    UnionLevel.PROVINCE: UnionLevel.CITY,
    UnionLevel.CITY: UnionLevel.COUNTY,
}
# The letter and digits of a child's code, by the child's kind (the demo tree's pattern).
CODE_PATTERN: dict[str, tuple[str, int]] = {
    UnionKind.FEDERATION: ("F", 2),
    UnionKind.INDUSTRY: ("I", 2),
    UnionKind.ZONE: ("Z", 2),
    UnionKind.STREET: ("S", 2),
    UnionKind.COMMUNITY: ("C", 2),
    UnionKind.GRASSROOTS: ("G", 3),
}
MAX_CODE = 32


@dataclass(frozen=True)
class ChildDefaults:
    kind: str
    level: str
    region_code: str
    code: str


def child_kind(parent: Union) -> str:
    level = parent.level if parent.kind == UnionKind.FEDERATION else ""
    return CHILD_KIND.get((parent.kind, level), UnionKind.GRASSROOTS)


def suggest_code(parent: Union, kind: str) -> str:
    """The parent's code, the kind's letter and the next number not yet used below it."""
    letter, width = CODE_PATTERN.get(kind, ("G", 3))
    prefix = f"{parent.code}-{letter}"
    number = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = [
        int(m.group(1))
        for code in Union.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if (m := number.match(code))
    ]
    code = f"{prefix}{max(used, default=0) + 1:0{width}d}"
    return code if len(code) <= MAX_CODE else ""


def child_defaults(parent: Union) -> ChildDefaults:
    kind = child_kind(parent)
    level = CHILD_LEVEL.get(parent.level, "") if kind == UnionKind.FEDERATION else ""
    # A federation below a city or province has a district's own code, not its parent's.
    region = "" if kind == UnionKind.FEDERATION else parent.region_code
    return ChildDefaults(kind, level, region, suggest_code(parent, kind))
