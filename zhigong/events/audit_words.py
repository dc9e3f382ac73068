"""What the events app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.events.choices import EventKind, EventStatus, SignupStatus

WORDS = AuditWords(
    actions={
        "event.create": _("新建活动"),
        "event.update": _("修改活动"),
        "event.publish": _("发布活动"),
        "event.close_signup": _("截止活动报名"),
        "event.reopen_signup": _("重新开放活动报名"),
        "event.held": _("活动已举办"),
        "event.close": _("结束活动"),
        "event.cancel": _("取消活动"),
        "event.export": _("导出活动名单"),
        "event.counselling_record": _("填写咨询记录"),
        "event.counselling_update": _("修改咨询记录"),
        "event_signup.create": _("报名活动"),
        "event_signup.cancel": _("取消活动报名"),
        "event_signup.promote": _("候补转为正式报名"),
        "event_signup.walk_in": _("现场登记参加活动"),
        "event_signup.check_in": _("活动签到"),
    },
    targets={"events.event": _("活动"), "events.signup": _("活动报名")},
    fields={
        "events.event": {
            "kind": _("类型"),
            "title": _("名称"),
            "description": _("活动介绍"),
            "starts_at": _("开始时间"),
            "ends_at": _("结束时间"),
            "place": _("地点"),
            "signup_opens_at": _("报名开始"),
            "signup_closes_at": _("报名截止"),
            "capacity": _("名额"),
            "male_cap": _("男性名额上限"),
            "female_cap": _("女性名额上限"),
            "audience": _("报名范围"),
            "status": _("状态"),
            "rows": _("行数"),
            "reveal": _("含完整信息"),
        },
        "events.signup": {"status": _("状态"), "attended": _("已签到")},
    },
    values={
        "events.event": {"kind": dict(EventKind.choices), "status": dict(EventStatus.choices)},
        "events.signup": {"status": dict(SignupStatus.choices)},
    },
    workflows={"event": _("活动"), "event_signup": _("活动报名")},
    channels={"event-export": _("导出完整活动名单")},
)
