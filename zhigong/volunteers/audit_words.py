"""What the volunteers app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.volunteers.choices import Step, VolunteerStatus

WORDS = AuditWords(
    actions={
        "volunteer.submit": _("提交志愿者登记表"),
        "volunteer.resubmit": _("修改后重新提交志愿者登记表"),
        "volunteer_quota.set": _("设置志愿者名额"),
        "volunteer.commend": _("表彰志愿者"),
    },
    targets={
        "volunteers.volunteer": _("志愿者"),
        "volunteers.volunteerquota": _("志愿者名额"),
    },
    fields={
        "volunteers.volunteer": {
            "status": _("状态"),
            "step": _("审核环节"),
            "title": _("荣誉"),
            "year": _("年度"),
            "published": _("在门户公布"),
        },
        "volunteers.volunteerquota": {"count": _("人数"), "year": _("年度")},
    },
    values={
        "volunteers.volunteer": {
            "status": dict(VolunteerStatus.choices),
            "step": dict(Step.choices),
        },
    },
    workflows={"volunteer": _("志愿者登记")},
    personal=frozenset({"volunteers.volunteer"}),
)
