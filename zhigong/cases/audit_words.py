"""What the cases app's audit events mean to people (``core.audit_words``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.cases.choices import (
    CaseKind,
    CaseStatus,
    Category,
    Channel,
    Complexity,
    Escalation,
    ReferralStatus,
)
from zhigong.core.audit_words import AuditWords

_CASE_FIELDS = {
    "kind": _("类型"),
    "channel": _("渠道"),
    "category": _("类别"),
    "complexity": _("复杂程度"),
    "status": _("状态"),
    "union": _("承办工会"),
    "handler": _("经办人"),
    "due_date": _("答复期限"),
    "rating": _("满意度"),
    "department": _("政府部门"),
    "due_on": _("部门答复期限"),
    "attachments": _("附件数"),
    "centre": _("受理的服务中心"),
    "escalated": _("上报"),
    "name": _("姓名"),
    "phone": _("手机号"),
}

WORDS = AuditWords(
    actions={
        "case.submit": _("提交诉求"),
        "case.accept": _("受理诉求"),
        "case.assign": _("交办诉求"),
        "case.reply": _("答复求助人"),
        "case.close": _("办结诉求"),
        "case.transfer": _("转交诉求"),
        "case.escalate": _("上报上级工会"),
        "case.deadline_escalate": _("逾期自动上报上级工会"),
        "case.overdue": _("诉求逾期（已是最上级工会）"),
        "case.warn": _("答复时限提醒"),
        "case.add_info": _("求助人补充材料"),
        "case.rate": _("求助人评价"),
        "case.reopen": _("求助人申请重新办理"),
        "case.refer": _("转请政府部门"),
        "case.chase": _("催办政府部门"),
        "case_referral.answer": _("登记部门答复"),
        "case_routing.set": _("设置案件分派规则"),
        "case_routing.clear": _("取消案件分派规则"),
        "case_settings.change": _("修改案件设置"),
        "case_settings.delete": _("删除案件设置"),
    },
    targets={
        "cases.case": _("诉求"),
        "cases.referral": _("转请部门事项"),
        "cases.deadlinerule": _("答复时限"),
        "cases.replytemplate": _("答复模板"),
        "cases.governmentdepartment": _("政府部门"),
        "cases.routingrule": _("分派规则"),
    },
    fields={
        "cases.case": _CASE_FIELDS,
        "cases.referral": {"status": _("状态")},
        "unions.union": {"centre": _("受理的服务中心"), "kind": _("诉求类型")},
    },
    values={
        "cases.case": {
            "kind": dict(CaseKind.choices),
            "channel": dict(Channel.choices),
            "category": dict(Category.choices),
            "complexity": dict(Complexity.choices),
            "status": dict(CaseStatus.choices),
            "escalated": dict(Escalation.choices),
        },
        "cases.referral": {"status": dict(ReferralStatus.choices)},
        "unions.union": {"kind": {"": _("全部类型"), **dict(CaseKind.choices)}},
    },
    workflows={"case": _("诉求"), "case_referral": _("转请部门事项")},
    union_fields=frozenset({"union"}),
    channels={"case-page": _("网页查看求助人信息"), "case-api": _("接口查看求助人信息")},
)
