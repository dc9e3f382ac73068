"""The acceptance checklist (CTR-7/8) derived from the year's standard for a centre's level.

Seed 002 §6.1 names two measured groups, hardware (硬件建设达标率) and mechanism and measures
(运行机制和措施保障到位率), but gives no points per item: every item here is worth one point
(equal points), so a group's percentage is the share of its items met. The items:

- hardware: the total area (and the hall's, where the standard asks), each of the six
  essentials, each notice on the wall;
- mechanism and measures: each management rule, each basic service, the staff (full-time
  staff in post), the funding (a share of the union's funds set aside).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from zhigong.centres import catalogue
from zhigong.centres.models import AcceptanceItem, CentreStandard

HARDWARE = AcceptanceItem.Group.HARDWARE
MECHANISM = AcceptanceItem.Group.MECHANISM
POINTS = Decimal(1)

FIXED = {
    "area": _("总面积达到标准"),
    "hall_area": _("服务大厅面积达到标准"),
    "staff": _("配备专职工作人员"),
    "funding": _("落实工作经费"),
}
PREFIXES = {
    "essential": "essentials",
    "notice": "notices",
    "rule": "rules",
    "service": "services",
}


class Entry(NamedTuple):
    group: str
    key: str
    points: Decimal


def entries(standard: CentreStandard) -> list[Entry]:
    hardware = ["area"] + (["hall_area"] if standard.min_hall_area else [])
    hardware += [f"essential:{k}" for k in standard.essentials]
    hardware += [f"notice:{k}" for k in standard.notices]
    mechanism = [f"rule:{k}" for k in standard.rules]
    mechanism += [f"service:{k}" for k in standard.basic_services]
    mechanism += ["staff", "funding"]
    return [Entry(HARDWARE, k, POINTS) for k in hardware] + [
        Entry(MECHANISM, k, POINTS) for k in mechanism
    ]


def label(key: str) -> str:
    if key in FIXED:
        return str(FIXED[key])
    prefix, _sep, rest = key.partition(":")
    if prefix in PREFIXES:
        return str(catalogue.label(PREFIXES[prefix], rest))
    return key
