"""What the appeals app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.appeals.choices import AppealStatus, PledgeKind, PledgeStatus
from zhigong.core.audit_words import AuditWords

WORDS = AuditWords(
    actions={
        "appeal.create": _("新建特殊困难求助"),
        "appeal.update": _("修改特殊困难求助"),
        "appeal.raised": _("提交求助核实"),
        "appeal.verified": _("核实求助"),
        "appeal.returned": _("退回求助"),
        "appeal.published": _("在门户发布求助"),
        "appeal.closed": _("结束求助"),
        "appeal.withdrawn": _("撤回求助"),
        "appeal.feature": _("设为精选故事"),
        "appeal.unfeature": _("取消精选故事"),
        "pledge.create": _("会员认捐"),
        "pledge.record": _("登记线下认捐"),
        "pledge.fulfilled": _("确认认捐已兑现"),
        "pledge.cancelled": _("取消认捐"),
    },
    targets={"appeals.hardshipappeal": _("特殊困难求助"), "appeals.pledge": _("认捐")},
    fields={
        "appeals.hardshipappeal": {
            "status": _("状态"),
            "verify_methods": _("核实方式"),
            "publish_starts": _("发布开始"),
            "publish_ends": _("发布结束"),
            "featured": _("精选故事"),
        },
        "appeals.pledge": {"status": _("状态"), "kind": _("帮助方式")},
    },
    values={
        "appeals.hardshipappeal": {"status": dict(AppealStatus.choices)},
        "appeals.pledge": {"status": dict(PledgeStatus.choices), "kind": dict(PledgeKind.choices)},
    },
    workflows={"appeal": _("特殊困难求助"), "pledge": _("认捐")},
)
