"""Seed 002 §5.2: "职工服务中心名称统一为'××职工服务中心'，开发区（工业园区）所辖企业和
大型企业集团（公司）隶属单位建立的职工服务中心统一为'××职工服务中心××工作站'"."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from zhigong.unions.models import ServiceCentre

_CENTRE = re.compile(r"^(?P<place>.+?)职工服务中心$")
_STATION = re.compile(r"^(?P<place>.+?)职工服务中心(?P<unit>.+)工作站$")


def name_problem(kind: str, name: str) -> str:
    """What is wrong with ``name`` for a centre of ``kind``, in words for people; ``""`` when
    it follows the rule."""
    name = (name or "").strip()
    if kind == ServiceCentre.Kind.STATION:
        if _STATION.match(name):
            return ""
        return _(
            "工作站的名称应为“××职工服务中心××工作站”，例如“江岸区职工服务中心大智街道工作站”。"
        )
    if _CENTRE.match(name) and "工作站" not in name:
        return ""
    return _("服务中心的名称应为“××职工服务中心”，例如“江岸区职工服务中心”。")
