"""What the hardship app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.hardship.choices import Cause, FileStatus, PairingStatus, Satisfaction

WORDS = AuditWords(
    actions={
        "hardship_file.create": _("建立困难职工档案"),
        "hardship_file.update": _("修改困难职工档案"),
        "hardship_file.help": _("登记帮扶"),
        "hardship_file.documents": _("上传困难职工证明材料"),
        "pairing.create": _("安排一助一结对"),
        "pairing.choose": _("志愿者认领一助一结对"),
        "pairing.visit": _("记录结对走访"),
    },
    targets={
        "hardship.hardshipfile": _("困难职工档案"),
        "hardship.pairing": _("一助一结对"),
    },
    fields={
        "hardship.hardshipfile": {
            "status": _("状态"),
            "cause": _("致困原因"),
            "review_on": _("复核日期"),
            "help": _("帮扶"),
            "documents": _("证明材料"),
        },
        "hardship.pairing": {
            "status": _("状态"),
            "volunteer": _("志愿者"),
            "visited_on": _("走访日期"),
            "satisfaction": _("职工满意度"),
        },
    },
    values={
        "hardship.hardshipfile": {"status": dict(FileStatus.choices), "cause": dict(Cause.choices)},
        "hardship.pairing": {
            "status": dict(PairingStatus.choices),
            "satisfaction": dict(Satisfaction.choices),
        },
    },
    workflows={"hardship_file": _("困难职工档案"), "pairing": _("一助一结对")},
    personal=frozenset({"hardship.hardshipfile"}),
)
