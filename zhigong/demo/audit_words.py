"""What the demo's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords

WORDS = AuditWords(
    actions={"demo.seed": _("生成演示组织架构"), "demo.members": _("生成演示会员")},
    fields={
        "unions.union": {
            "members": _("会员数"),
            "cards": _("会员卡数"),
            "applications": _("入会申请数"),
            "unions": _("工会数"),
            "departments": _("部门数"),
            "centres": _("服务中心（站）数"),
        }
    },
)
