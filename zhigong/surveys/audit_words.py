"""What the surveys app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.surveys.choices import SurveyStatus

WORDS = AuditWords(
    actions={
        "survey.create": _("新建满意度测评"),
        "survey.update": _("修改满意度测评"),
        "survey.open": _("开始满意度测评"),
        "survey.closed": _("结束满意度测评"),
        "survey.codes_issue": _("生成一次性测评码"),
        "survey.export": _("导出测评答卷"),
    },
    targets={"surveys.survey": _("满意度测评")},
    fields={
        "surveys.survey": {
            "title": _("标题"),
            "opens_at": _("开始时间"),
            "closes_at": _("结束时间"),
            "status": _("状态"),
            "codes": _("测评码数量"),
            "rows": _("行数"),
        }
    },
    values={"surveys.survey": {"status": dict(SurveyStatus.choices)}},
    workflows={"survey": _("满意度测评")},
)
