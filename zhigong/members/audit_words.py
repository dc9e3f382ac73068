"""What the member registry's audit events mean to people (``core.audit_words``): the
audit log and a member's own history on the staff page speak these words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhigong.core.audit_words import AuditWords
from zhigong.members.choices import (
    ApplicationStatus,
    CardStatus,
    Education,
    Gender,
    MemberStatus,
    PoliticalStatus,
    RequestStatus,
    TransferSide,
)
from zhigong.members.models import ConsentPurpose, MemberImport

_PERSON = {
    "name": _("姓名"),
    "gender": _("性别"),
    "id_number": _("身份证号"),
    "phone": _("手机号"),
    "ethnicity": _("民族"),
    "political_status": _("政治面貌"),
    "education": _("学历"),
    "job": _("岗位"),
    "union": _("工作单位"),
    "status": _("状态"),
    "consent": _("授权事项"),
    "notice_version": _("告知书版本"),
}
_PERSON_VALUES = {
    "gender": dict(Gender.choices),
    "political_status": dict(PoliticalStatus.choices),
    "education": dict(Education.choices),
    "consent": dict(ConsentPurpose.choices),
}

WORDS = AuditWords(
    actions={
        # the member's record (``registry.record``: "member.<what>")
        "member.create": _("会员建档"),
        "member.rejoin": _("重新入会"),
        "member.claim": _("会员绑定本人账号"),
        "member.status": _("变更会籍状态"),
        "member.transfer": _("会籍转移生效"),
        "member.change": _("资料变更生效"),
        "member.erase_contact": _("清除联系方式（保存期满）"),
        "member.import": _("导入会员花名册"),
        # applications to join
        "application.submit": _("提交入会申请"),
        "application.review": _("基层工会审核通过"),
        "application.reject": _("驳回入会申请"),
        "application.approve": _("批准入会"),
        "application.withdraw": _("撤回入会申请"),
        # cards and their verification
        "card.requested": _("申请会员卡"),
        "card.reissue": _("挂失补办会员卡"),
        "card_verifier.create": _("新建验卡终端"),
        # members' own requests and consents
        "member_change.request": _("提交资料变更申请"),
        "member_change.confirm": _("确认资料变更"),
        "member_change.reject": _("驳回资料变更"),
        "member_change.cancel": _("撤销资料变更申请"),
        "consent.grant": _("同意授权"),
        "consent.withdraw": _("撤回授权"),
        # transfers
        "transfer.request": _("申请会籍转移"),
        "transfer.accept": _("同意会籍转移"),
        "transfer.reject": _("不同意会籍转移"),
        "transfer.cancel": _("撤销会籍转移申请"),
        "transfer.expired": _("会籍转移申请逾期失效"),
    },
    targets={
        "members.member": _("会员"),
        "members.membershipapplication": _("入会申请"),
        "members.membercard": _("会员卡"),
        "members.cardverifier": _("验卡终端"),
        "members.memberchangerequest": _("资料变更申请"),
        "members.membershiptransfer": _("会籍转移"),
        "members.import": _("花名册导入"),
        "members.memberimport": _("花名册导入"),
    },
    fields={
        "members.member": _PERSON,
        "members.membershipapplication": _PERSON,
        "members.memberchangerequest": _PERSON,
        "members.membercard": {"status": _("状态"), "replaces": _("卡号（旧 → 新）")},
        "members.membershiptransfer": {
            "union": _("工会（转出 → 转入）"),
            "side": _("提出方"),
            "status": _("状态"),
        },
        "members.import": {"created": _("导入人数")},
        # the fields a reveal or an unmasked export shows (the access log names them)
        "*": {"id_number": _("身份证号"), "phone": _("手机号")},
    },
    values={
        "members.member": {**_PERSON_VALUES, "status": dict(MemberStatus.choices)},
        "members.membershipapplication": {
            **_PERSON_VALUES,
            "status": dict(ApplicationStatus.choices),
        },
        "members.memberchangerequest": {**_PERSON_VALUES, "status": dict(RequestStatus.choices)},
        "members.membercard": {"status": dict(CardStatus.choices)},
        "members.membershiptransfer": {
            "side": dict(TransferSide.choices),
            "status": dict(RequestStatus.choices),
        },
        "members.memberimport": {"status": dict(MemberImport.Status.choices)},
    },
    workflows={
        "member": _("会籍"),
        "application": _("入会申请"),
        "card": _("会员卡"),
        "member_change": _("资料变更申请"),
        "transfer": _("会籍转移"),
        "member_import": _("花名册导入"),
    },
    # Their labels are people's names: masked for whoever does not look after the member.
    personal=frozenset(
        {"members.member", "members.membershipapplication", "members.memberchangerequest"}
    ),
    union_fields=frozenset({"union"}),
    channels={
        "page": _("网页查看"),
        "api": _("接口查看"),
        "export": _("导出完整花名册"),
        "self-export": _("会员本人导出"),
    },
)
