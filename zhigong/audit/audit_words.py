"""What the audit app's own events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords

WORDS = AuditWords(
    actions={"access_log.export": _("导出敏感信息查看记录")},
    targets={"core.accesslog": _("敏感信息查看记录")},
    fields={
        "core.accesslog": {
            "rows": _("条数"),
            "since": _("起始日期"),
            "until": _("截止日期"),
            "actor": _("查看人"),
            "channel": _("渠道"),
        }
    },
)
