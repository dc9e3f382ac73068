"""What the matchmaking service's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.matchmaking.choices import (
    ComplaintStatus,
    EndReason,
    IntroductionStatus,
    ProfileStatus,
    VisitMethod,
)

WORDS = AuditWords(
    actions={
        "match_profile.register": _("婚恋服务登记（签署服务办法）"),
        "match_profile.refusal": _("登记一次拒绝服务"),
        "match_visit.check": _("核实来访会员身份"),
        "match_visit.mismatch": _("来访证件与会员不符"),
        "match_visit.request": _("会员在线申请推荐"),
        "introduction.offer": _("推荐预选对象"),
        "follow_up.record": _("记录跟踪服务"),
        "match_complaint.file": _("登记婚恋服务投诉"),
    },
    targets={
        "matchmaking.profile": _("婚恋服务登记"),
        "matchmaking.introduction": _("引荐"),
        "matchmaking.complaint": _("婚恋服务投诉"),
    },
    fields={
        "matchmaking.profile": {
            "status": _("状态"),
            "refusals": _("拒绝服务次数"),
            "method": _("核实方式"),
            "candidates": _("预选对象人数"),
            "end_reason": _("终止原因"),
        },
        "matchmaking.introduction": {"status": _("状态")},
        "matchmaking.complaint": {"status": _("状态")},
    },
    values={
        "matchmaking.profile": {
            "status": dict(ProfileStatus.choices),
            "method": dict(VisitMethod.choices),
            "end_reason": dict(EndReason.choices),
        },
        "matchmaking.introduction": {"status": dict(IntroductionStatus.choices)},
        "matchmaking.complaint": {"status": dict(ComplaintStatus.choices)},
    },
    workflows={
        "match_profile": _("婚恋服务登记"),
        "introduction": _("引荐"),
        "match_complaint": _("婚恋服务投诉"),
    },
)
