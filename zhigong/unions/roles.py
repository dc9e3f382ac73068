"""Roles, permissions and the one role→permission table, next to the policy that reads them.

`docs/permissions.md` renders the same table for people (`manage.py permissions_table`).

A role grant covers its union and everything below it. Department staff get the permissions
of their role plus those of their department's line of work. Ranks decide who may grant
what: an administrator never grants a role ranked above their own.

Separation of duties (等保 三员分立): granting roles (``federation_admin``), reading the
audit log (``auditor``) and reading full personal data (``member.reveal``: service-centre
staff and the organisation department) are held by different roles, so they can be held by
different people; nobody grants a role to themselves.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FEDERATION_ADMIN = "federation_admin", _("总工会管理员")
    AUDITOR = "auditor", _("审计员")
    DEPARTMENT_STAFF = "department_staff", _("部门工作人员")
    CENTRE_STAFF = "centre_staff", _("服务中心工作人员")
    GRASSROOTS_OFFICER = "grassroots_officer", _("基层工会干部")
    LEGAL_VOLUNTEER = "legal_volunteer", _("法律志愿者")
    MEMBER = "member", _("会员")


class Perm(models.TextChoices):
    """What a grant lets its holder do in its subtree; the label says it for people."""

    UNION_VIEW = "union.view", _("查看本工会及其下级（工作台与 API）")
    UNION_MANAGE = "union.manage", _("新建、更名、移动、停用工会；设立部门")
    UNION_IMPORT = "union.import", _("从表格导入组织架构")
    CENTRE_VIEW = "centre.view", _("查看服务中心（站）台账、建设标准、目标完成情况和示范中心")
    CENTRE_MANAGE = "centre.manage", _("新建和修改服务中心（站）；评选示范职工服务中心")
    CENTRE_STANDARDS = (
        "centre.standards",
        _("制定每年的服务中心建设标准和建设目标（仅在全市总工会行使）"),
    )
    CENTRE_INSPECT = (
        "centre.inspect",
        _("服务中心验收：市总工作组现场验收、评定和审定等级（仅在全市总工会行使）"),
    )
    ROLE_VIEW = "role.view", _("查看谁担任什么角色")
    ROLE_GRANT = "role.grant", _("授予和撤销角色（不高于本人）")
    AUDIT_VIEW = "audit.view", _("查看本范围的审计日志")
    MEMBER_VIEW = "member.view", _("查看会员资料（脱敏）与会员统计")
    MEMBER_MANAGE = "member.manage", _("录入和修改会员、办理转移、确认资料变更")
    MEMBER_REVIEW = "member.review", _("入会申请的基层工会审核")
    MEMBER_APPROVE = "member.approve", _("入会审批：建档并发卡")
    MEMBER_REVEAL = "member.reveal", _("查看完整身份证号或手机号（须填理由，记入查看记录）")
    MEMBER_IMPORT = "member.import", _("导入会员花名册")
    CASE_VIEW = "case.view", _("查看本范围的维权诉求、法律咨询和案件统计（求助人脱敏）")
    CASE_MANAGE = "case.manage", _("受理、交办、转交、上报、转请政府部门、办结案件；登记热线来电")
    CASE_HANDLE = "case.handle", _("办理并答复法律咨询和维权案件（法律志愿者：仅交给本人的）")
    CASE_REVEAL = "case.reveal", _("查看求助人完整姓名和手机号（须填理由，记入查看记录）")
    CASE_CONFIGURE = "case.configure", _("设置本总工会案件的分派规则")
    VOLUNTEER_VIEW = "volunteer.view", _("查看志愿者登记、花名册（脱敏）和名额使用")
    VOLUNTEER_REGISTER = "volunteer.register", _("为非会员登记志愿者（街道、社区、企业工会）")
    VOLUNTEER_REVIEW = "volunteer.review", _("志愿者登记的单位工会意见")
    VOLUNTEER_APPROVE = "volunteer.approve", _("志愿者登记的区县（产业）工会意见和市总工会意见")
    VOLUNTEER_QUOTA = "volunteer.quota", _("设置和导入志愿者名额；市总工会同意超出名额")
    VOLUNTEER_REVEAL = (
        "volunteer.reveal",
        _("查看志愿者完整身份证号和手机号、导出完整花名册（须填理由，记入查看记录）"),
    )
    HARDSHIP_VIEW = "hardship.view", _("查看困难职工档案（健康、收入脱敏）和一助一结对")
    HARDSHIP_MANAGE = "hardship.manage", _("建立和修改困难职工档案、登记帮扶、结档；代录走访")
    HARDSHIP_REVEAL = (
        "hardship.reveal",
        _("查看困难职工的身份证号、电话、住址和家庭健康收入（须填理由，记入查看记录）"),
    )
    HARDSHIP_PAIR = "hardship.pair", _("一助一结对：安排、确认志愿者认领、移交和结束结对")
    VOLUNTEER_PROJECT_PROPOSE = (
        "volunteer_project.propose",
        _("提出志愿服务项目（市总工会发布项目，基层和区县工会申报项目）"),
    )
    VOLUNTEER_PROJECT_APPROVE = "volunteer_project.approve", _("市总工会批准或退回申报的服务项目")
    VOLUNTEER_PROJECT_MANAGE = (
        "volunteer_project.manage",
        _("承接和组织服务项目：开放报名、代为报名、开始、完成、取消，确认服务时长"),
    )
    VOLUNTEER_OFFER_RECOMMEND = "volunteer_offer.recommend", _("基层工会推荐志愿者的服务承诺")
    VOLUNTEER_OFFER_REVIEW = (
        "volunteer_offer.review",
        _("市、区县服务中心审核并公布服务承诺、下架，对接求助职工"),
    )
    MATCH_REVIEW = "matchmaking.review", _("婚恋服务登记表的基层工会审核")
    MATCH_SERVE = (
        "matchmaking.serve",
        _("婚恋服务：入库、核实身份、筛选预选对象、引荐、跟踪、终止服务、婚恋统计"),
    )
    EVENT_MANAGE = "event.manage", _("组织联谊活动、见面会等活动：发布、报名管理、签到、导出名单")
    EVENT_COUNSEL = "event.counsel", _("举办辅导咨询活动并查看、填写咨询记录（敏感，仅限工作人员）")
    SURVEY_VIEW = "survey.view", _("查看满意度测评及其结果、导出结果")
    SURVEY_MANAGE = (
        "survey.manage",
        _("设置满意度测评（题目、时间）、开始和结束、打印一次性测评码、服务台读卡代填答卷"),
    )
    APPEAL_VIEW = "appeal.view", _("查看特殊困难求助（职工身份脱敏）和认捐")
    APPEAL_RAISE = "appeal.raise", _("基层工会提出特殊困难求助（文字、图片），修改、撤回")
    APPEAL_VERIFY = "appeal.verify", _("基层工会核实特殊困难求助（提出人以外的人）")
    APPEAL_PUBLISH = (
        "appeal.publish",
        _("帮扶中心发布、退回、结束特殊困难求助，选登求助故事"),
    )
    APPEAL_PLEDGE = "appeal.pledge", _("登记线下认捐、确认认捐已兑现")
    APPEAL_REVEAL = (
        "appeal.reveal",
        _("查看求助职工完整身份证号、手机号和住址（须填理由，记入查看记录）"),
    )


ROLE_RANK: dict[str, int] = {
    Role.FEDERATION_ADMIN: 50,
    Role.AUDITOR: 45,
    Role.DEPARTMENT_STAFF: 40,
    Role.CENTRE_STAFF: 30,
    Role.GRASSROOTS_OFFICER: 20,
    Role.LEGAL_VOLUNTEER: 10,
    Role.MEMBER: 0,
}

_STAFF_BASE = {Perm.UNION_VIEW}
_MEMBER_MASKED = {
    Perm.MEMBER_VIEW,
    Perm.MEMBER_MANAGE,
    Perm.MEMBER_REVIEW,
    Perm.MEMBER_APPROVE,
    Perm.MEMBER_IMPORT,
}
_MEMBER_ALL = {*_MEMBER_MASKED, Perm.MEMBER_REVEAL}
# Handling cases where they are held (service centres, the legal department, a grassroots
# union a case was handed down to); the full name and phone of the requester on a reveal.
_CASE_WORK = {Perm.CASE_VIEW, Perm.CASE_MANAGE, Perm.CASE_HANDLE}
# Volunteers: the unit union registers and gives the first opinion; the district/industry
# union and the city give the other two and keep the quotas.
_VOLUNTEER_UNIT = {Perm.VOLUNTEER_VIEW, Perm.VOLUNTEER_REGISTER, Perm.VOLUNTEER_REVIEW}
_VOLUNTEER_ABOVE = {Perm.VOLUNTEER_VIEW, Perm.VOLUNTEER_APPROVE, Perm.VOLUNTEER_QUOTA}
# Service projects and offers (VOL-5, VOL-6): every union proposes and organises projects and
# recommends its volunteers' offers; the city approves projects, the city and district
# centres review offers and connect the workers who ask for help.
_PROJECT_UNIT = {
    Perm.VOLUNTEER_PROJECT_PROPOSE,
    Perm.VOLUNTEER_PROJECT_MANAGE,
    Perm.VOLUNTEER_OFFER_RECOMMEND,
}
_PROJECT_ABOVE = {
    Perm.VOLUNTEER_PROJECT_PROPOSE,
    Perm.VOLUNTEER_PROJECT_APPROVE,
    Perm.VOLUNTEER_PROJECT_MANAGE,
    Perm.VOLUNTEER_OFFER_REVIEW,
}
# Events (MM-8, MM-9): any union level organises mixers and get-togethers; counselling
# sessions, whose records are sensitive, are the service centre's and the women workers'
# department's (seed 000 §9, 003 §16).
_EVENTS = {Perm.EVENT_MANAGE}
# Hardship files (HARD-1) are kept by the grassroots union and the service centres, which
# also pair volunteers (VOL-4); the federations supervise and pair; 生活保障部 keeps them.
_HARDSHIP_WORK = {Perm.HARDSHIP_VIEW, Perm.HARDSHIP_MANAGE, Perm.HARDSHIP_PAIR}
_COUNSELLING = {Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL}
# Satisfaction surveys (EVAL-2): the service centres run their own and the administrators
# above them oversee (and may run) them; the results are the acceptance round's.
_SURVEYS = {Perm.SURVEY_VIEW, Perm.SURVEY_MANAGE}
# Special hardship appeals (HARD-2, seed 003 §19): the grassroots union raises and verifies
# them (two people); the help centre of the district or city (its centre staff, the 生活保障部,
# and the federation's administrators where no centre staff are on the platform yet, as they
# give the district's volunteer opinion) publishes, closes and features them.
_APPEAL_GRASSROOTS = {
    Perm.APPEAL_VIEW,
    Perm.APPEAL_RAISE,
    Perm.APPEAL_VERIFY,
    Perm.APPEAL_PLEDGE,
}
_APPEAL_CENTRE = {Perm.APPEAL_VIEW, Perm.APPEAL_PUBLISH, Perm.APPEAL_PLEDGE}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    # Runs the union: the tree, centres, who holds which role, and the members' day-to-day
    # work (applications, transfers, rosters), masked. No full personal data and no audit
    # log: those are the data operators' and the auditor's.
    Role.FEDERATION_ADMIN: frozenset(
        {
            *_STAFF_BASE,
            Perm.UNION_MANAGE,
            Perm.UNION_IMPORT,
            Perm.CENTRE_VIEW,
            Perm.CENTRE_MANAGE,
            Perm.CENTRE_STANDARDS,
            Perm.CENTRE_INSPECT,
            Perm.ROLE_VIEW,
            Perm.ROLE_GRANT,
            *_MEMBER_MASKED,
            # Supervises cases (queues, overdue, figures) and sets where they go; handles none.
            Perm.CASE_VIEW,
            Perm.CASE_CONFIGURE,
            *_VOLUNTEER_ABOVE,
            *_PROJECT_ABOVE,
            *_EVENTS,
            Perm.HARDSHIP_VIEW,
            Perm.HARDSHIP_PAIR,
            *_SURVEYS,
            *_APPEAL_CENTRE,
        }
    ),
    # Reads the audit log of the subtree and who holds which role there; nothing that
    # touches members.
    Role.AUDITOR: frozenset({*_STAFF_BASE, Perm.ROLE_VIEW, Perm.AUDIT_VIEW}),
    Role.DEPARTMENT_STAFF: frozenset({*_STAFF_BASE, Perm.ROLE_VIEW}),
    Role.CENTRE_STAFF: frozenset(
        {
            *_STAFF_BASE,
            Perm.CENTRE_VIEW,
            Perm.CENTRE_MANAGE,
            *_MEMBER_ALL,
            *_CASE_WORK,
            Perm.CASE_REVEAL,
            *_VOLUNTEER_UNIT,
            Perm.VOLUNTEER_REVEAL,
            *_PROJECT_UNIT,
            Perm.VOLUNTEER_OFFER_REVIEW,
            Perm.MATCH_SERVE,
            *_COUNSELLING,
            *_HARDSHIP_WORK,
            Perm.HARDSHIP_REVEAL,
            *_SURVEYS,
            *_APPEAL_GRASSROOTS,
            *_APPEAL_CENTRE,
            Perm.APPEAL_REVEAL,
        }
    ),
    Role.GRASSROOTS_OFFICER: frozenset(
        {
            *_STAFF_BASE,
            Perm.CENTRE_VIEW,
            Perm.MEMBER_VIEW,
            Perm.MEMBER_MANAGE,
            Perm.MEMBER_REVIEW,
            Perm.MEMBER_IMPORT,
            *_CASE_WORK,
            *_VOLUNTEER_UNIT,
            *_PROJECT_UNIT,
            Perm.MATCH_REVIEW,
            *_EVENTS,
            *_HARDSHIP_WORK,
            *_APPEAL_GRASSROOTS,
        }
    ),
    Role.LEGAL_VOLUNTEER: frozenset({*_STAFF_BASE, Perm.CASE_HANDLE}),
    Role.MEMBER: frozenset(),
}


class DepartmentKind(models.TextChoices):
    ORGANISATION = "organisation", _("组织部")
    WOMEN = "women", _("女职工部")
    LEGAL = "legal", _("法律部")
    PUBLICITY = "publicity", _("宣教部")
    WELFARE = "welfare", _("生活保障部")
    PRODUCTION = "production", _("生产部")


# What department staff may do on top of their role, by their department's line of work.
DEPARTMENT_PERMISSIONS: dict[str, frozenset[Perm]] = {
    DepartmentKind.ORGANISATION: frozenset(_MEMBER_ALL),
    # The matchmaking service (婚恋服务) and counselling are the women workers'
    # department's line of work.
    DepartmentKind.WOMEN: frozenset({Perm.MATCH_SERVE, *_COUNSELLING}),
    DepartmentKind.LEGAL: frozenset({*_CASE_WORK, Perm.CASE_REVEAL}),
    DepartmentKind.PUBLICITY: frozenset(_EVENTS),
    # 生活保障部 keeps the volunteers (seed 001: the forms and rosters are sent to it).
    # It also keeps the hardship files and the one-to-one pairs (seed 002 §4), and it is the
    # help centre's line of work: special hardship appeals (HARD-2).
    DepartmentKind.WELFARE: frozenset(
        {
            *_VOLUNTEER_ABOVE,
            *_PROJECT_ABOVE,
            Perm.VOLUNTEER_REVEAL,
            *_HARDSHIP_WORK,
            Perm.HARDSHIP_REVEAL,
            *_APPEAL_CENTRE,
            Perm.APPEAL_REVEAL,
        }
    ),
    DepartmentKind.PRODUCTION: frozenset(),
}

STAFF_ROLES = frozenset(r for r in Role if r != Role.MEMBER)

# Permissions whose holders use a second factor on every channel when the site requires it
# (``STAFF_MFA_REQUIRED``): those that show full personal data (a reveal, an unmasked export:
# add any new such permission here), the one that hands them out, and the one that reads the
# record of both. ``tests`` fail when a permission named like a reveal or an export is missing.
SECOND_FACTOR_PERMS: frozenset[Perm] = frozenset(
    {
        Perm.MEMBER_REVEAL,
        Perm.CASE_REVEAL,
        Perm.VOLUNTEER_REVEAL,
        Perm.HARDSHIP_REVEAL,
        Perm.APPEAL_REVEAL,
        Perm.ROLE_GRANT,
        Perm.AUDIT_VIEW,
    }
)


def permissions_for(role: str, department_kind: str | None = None) -> frozenset[Perm]:
    perms = ROLE_PERMISSIONS.get(role, frozenset())
    if role == Role.DEPARTMENT_STAFF and department_kind:
        perms = perms | DEPARTMENT_PERMISSIONS.get(department_kind, frozenset())
    return perms


def roles_needing_second_factor() -> list[str]:
    """Roles (and department lines) that hold a permission of ``SECOND_FACTOR_PERMS``, read
    from the table above."""
    roles = [f"`{r.value}`" for r in Role if ROLE_PERMISSIONS[r] & SECOND_FACTOR_PERMS]
    roles += [
        f"`{Role.DEPARTMENT_STAFF.value}` ({kind.label})"
        for kind in DepartmentKind
        if not ROLE_PERMISSIONS[Role.DEPARTMENT_STAFF] & SECOND_FACTOR_PERMS
        and DEPARTMENT_PERMISSIONS[kind] & SECOND_FACTOR_PERMS
    ]
    return roles


def permissions_table_markdown() -> str:
    """The table of docs/permissions.md, rendered from the code (a test keeps them equal)."""
    with translation.override("zh-hans"):
        return _table()


def _table() -> str:
    roles = list(Role)
    lines = [
        "| permission | meaning | " + " | ".join(f"`{r.value}`" for r in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for perm in Perm:
        marks = " | ".join("✓" if perm in ROLE_PERMISSIONS[r] else "" for r in roles)
        lines.append(f"| `{perm.value}` | {perm.label} | {marks} |")
    lines += [
        "",
        "Department staff also get, by their department's line of work:",
        "",
        "| department | extra permissions |",
        "|---|---|",
    ]
    for kind in DepartmentKind:
        extra = ", ".join(f"`{p.value}`" for p in sorted(DEPARTMENT_PERMISSIONS[kind])) or "—"
        lines.append(f"| `{kind.value}` ({kind.label}) | {extra} |")
    lines += [
        "",
        "Rank (who may grant whom): "
        + " > ".join(
            f"`{r}` ({ROLE_RANK[r]})" for r in sorted(ROLE_RANK, key=lambda r: -ROLE_RANK[r])
        ),
        "",
        "Second factor (when `STAFF_MFA_REQUIRED` is on), for holders of "
        + ", ".join(f"`{p.value}`" for p in sorted(SECOND_FACTOR_PERMS))
        + ": "
        + ", ".join(roles_needing_second_factor()),
        "",
    ]
    return "\n".join(lines)
