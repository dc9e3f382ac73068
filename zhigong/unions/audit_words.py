"""What the union tree's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.unions.models import ServiceCentre, UnionKind, UnionLevel
from zhigong.unions.roles import DepartmentKind

_UNION_FIELDS = {
    "code": _("编码"),
    "name": _("名称"),
    "short_name": _("简称"),
    "kind": _("类型"),
    "level": _("级别"),
    "region_code": _("行政区划代码"),
    "is_active": _("有效"),
    "parent": _("上级工会"),
    "subtree_deactivated": _("一并停用的下级工会数"),
    "created": _("导入数量"),
}

WORDS = AuditWords(
    actions={
        "union.create": _("新建工会"),
        "union.update": _("修改工会信息"),
        "union.move": _("调整上级工会"),
        "union.activate": _("启用工会"),
        "union.deactivate": _("停用工会"),
        "union.import": _("导入组织架构"),
        "department.create": _("设立部门"),
        "centre.create": _("添加服务中心（站）"),
    },
    targets={
        "unions.union": _("工会"),
        "unions.department": _("部门"),
        "unions.servicecentre": _("服务中心（站）"),
        "unions.import": _("组织架构导入"),
    },
    fields={
        "unions.union": _UNION_FIELDS,
        "unions.import": _UNION_FIELDS,
        "unions.department": {"kind": _("部门类别"), "name": _("名称")},
        "unions.servicecentre": {
            "name": _("名称"),
            "kind": _("类别"),
            "address": _("地址"),
            "hotline": _("服务热线"),
        },
    },
    values={
        "unions.union": {
            "kind": dict(UnionKind.choices),
            "level": dict(UnionLevel.choices),
        },
        "unions.department": {"kind": dict(DepartmentKind.choices)},
        "unions.servicecentre": {"kind": dict(ServiceCentre.Kind.choices)},
    },
    union_fields=frozenset({"parent"}),
)
