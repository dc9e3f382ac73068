"""Seed 002's lists as data: the six essentials (六有), the service items, the notices on the
wall and the management rules, each a stable key with its words. The year's standards
(``CentreStandard``) say which keys each level requires; a centre records which it has.

Keys never change once used (rows keep them); the words may."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from zhigong.unions.models import ServiceCentre

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

L = ServiceCentre.Level

# 三、建设标准: "坚持'六有'标准".
ESSENTIALS: dict[str, StrOrPromise] = {
    "hall": _("服务接待大厅"),
    "plaque": _("服务中心匾牌"),
    "mediation_room": _("劳动争议调解室"),
    "training": _("职工培训场所"),
    "activities": _("文体活动阵地（含公示宣传栏橱窗）"),
    "hotline": _("服务热线电话"),
}

# §3.2 and §3.3: the basic items, then the optional ones a centre may add.
SERVICES: dict[str, StrOrPromise] = {
    "policy_advice": _("政策咨询"),
    "hardship_aid": _("困难帮扶"),
    "employment": _("就业服务"),
    "legal_aid": _("法律援助（劳动争议调解）"),
    "dispute_mediation": _("劳动争议调解"),
    "training": _("职工培训"),
    "medical_mutual": _("医疗互助"),
    "counselling": _("心理咨询"),
    "culture_sports": _("文体活动"),
    "reading_room": _("职工书屋"),
    "admin_service": _("行政服务"),
    "charity_shop": _("爱心超市"),
    "matchmaking": _("职工婚介（婚恋服务）"),
    "convalescence": _("职工疗休养"),
    "online": _("远程在线服务"),
}

# "室内墻上公示……" (§3.2, §3.3; CTR-4).
NOTICES: dict[str, StrOrPromise] = {
    "outlets": _("工会服务网点"),
    "scope": _("服务范围"),
    "items": _("服务项目"),
    "procedures": _("办事流程"),
    "duties": _("岗位职责"),
    "pledge": _("服务承诺"),
    "contacts": _("联系方式"),
    "methods": _("工作办法"),
}

# §4.1 建立完善管理机制 (CTR-5).
RULES: dict[str, StrOrPromise] = {
    "procedures": _("帮扶、就业、维权、劳动争议调解工作流程"),
    "post_responsibility": _("岗位责任制度"),
    "staff_code": _("工作人员守则"),
    "internal_management": _("内部管理制度"),
    "funds_management": _("资金管理制度"),
    "worker_contact": _("联系职工制度"),
    "hardship_files": _("困难职工档案管理制度"),
    "petition_duty": _("信访值班登记制度"),
    "evaluation": _("帮扶服务工作监督评价与激励机制"),
    "briefing": _("帮扶服务工作情况通报制度"),
    "feedback": _("信息反馈制度"),
    "exchange": _("工作交流制度"),
}

CATALOGUES: dict[str, dict[str, StrOrPromise]] = {
    "essentials": ESSENTIALS,
    "services": SERVICES,
    "notices": NOTICES,
    "rules": RULES,
}

_STREET_BASIC = [
    "policy_advice",
    "hardship_aid",
    "employment",
    "legal_aid",
    "training",
    "medical_mutual",
]
_STREET_OPTIONAL = [
    "counselling",
    "culture_sports",
    "reading_room",
    "admin_service",
    "charity_shop",
    "matchmaking",
    "convalescence",
    "online",
]
_ENTERPRISE_BASIC = [
    "hardship_aid",
    "dispute_mediation",
    "legal_aid",
    "employment",
    "medical_mutual",
    "training",
    "counselling",
    "culture_sports",
    "matchmaking",
]
_ENTERPRISE_OPTIONAL = ["policy_advice", "reading_room", "charity_shop", "convalescence", "online"]


def seed_standard(level: str) -> dict[str, object]:
    """Seed 002's standard for ``level``: the fields of a ``CentreStandard`` row."""
    area = {
        L.DISTRICT: (Decimal(300), Decimal(100)),
        L.STREET: (Decimal(200), None),
        L.ENTERPRISE_LARGE: (Decimal(200), None),
        L.ENTERPRISE: (Decimal(100), None),
    }[L(level)]
    enterprise = level in (L.ENTERPRISE_LARGE, L.ENTERPRISE)
    return {
        "min_area": area[0],
        "min_hall_area": area[1],
        # The district standard (§3.1) names the six platforms, not the items: the street
        # list is its floor.
        "basic_services": list(_ENTERPRISE_BASIC if enterprise else _STREET_BASIC),
        "optional_services": list(_ENTERPRISE_OPTIONAL if enterprise else _STREET_OPTIONAL),
        "essentials": list(ESSENTIALS),
        "notices": list(NOTICES),
        "rules": list(RULES),
    }


def label(catalogue: str, key: str) -> str:
    return str(CATALOGUES[catalogue].get(key, key))


def choices(catalogue: str, keys: list[str] | None = None) -> list[tuple[str, str]]:
    found = CATALOGUES[catalogue]
    return [(k, str(found[k])) for k in (keys if keys is not None else list(found)) if k in found]
