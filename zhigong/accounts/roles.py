"""The one role→permission table. `docs/permissions.md` renders the same table for people.

A role grant covers its union and everything below it. Department staff get the permissions
of their role plus those of their department's line of work. Ranks decide who may grant
what: an administrator never grants a role ranked above their own.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FEDERATION_ADMIN = "federation_admin", _("总工会管理员")
    DEPARTMENT_STAFF = "department_staff", _("部门工作人员")
    CENTRE_STAFF = "centre_staff", _("服务中心工作人员")
    GRASSROOTS_OFFICER = "grassroots_officer", _("基层工会干部")
    LEGAL_VOLUNTEER = "legal_volunteer", _("法律志愿者")
    MEMBER = "member", _("会员")


class Perm(StrEnum):
    UNION_VIEW = "union.view"  # see the union and its subtree in the workbench and API
    UNION_MANAGE = "union.manage"  # create, rename, move, deactivate unions; departments
    UNION_IMPORT = "union.import"  # import a union tree from a spreadsheet
    CENTRE_MANAGE = "centre.manage"  # service centres and stations
    ROLE_VIEW = "role.view"  # see who holds which role
    ROLE_GRANT = "role.grant"  # grant and revoke roles (never above one's own rank)
    AUDIT_VIEW = "audit.view"  # read the audit log of the subtree
    MEMBER_VIEW = "member.view"  # member records, masked; member figures
    MEMBER_MANAGE = "member.manage"  # enter and edit members, transfers, confirm changes
    MEMBER_REVIEW = "member.review"  # grassroots review of applications to join
    MEMBER_APPROVE = "member.approve"  # the centre's approval: archive and issue the card
    MEMBER_REVEAL = "member.reveal"  # see a full ID number or phone (logged, with a reason)
    MEMBER_IMPORT = "member.import"  # import rosters from spreadsheets
    CASE_HANDLE = "case.handle"  # legal consultations and rights cases


ROLE_RANK: dict[str, int] = {
    Role.FEDERATION_ADMIN: 50,
    Role.DEPARTMENT_STAFF: 40,
    Role.CENTRE_STAFF: 30,
    Role.GRASSROOTS_OFFICER: 20,
    Role.LEGAL_VOLUNTEER: 10,
    Role.MEMBER: 0,
}

_STAFF_BASE = {Perm.UNION_VIEW}
_MEMBER_ALL = {
    Perm.MEMBER_VIEW,
    Perm.MEMBER_MANAGE,
    Perm.MEMBER_REVIEW,
    Perm.MEMBER_APPROVE,
    Perm.MEMBER_REVEAL,
    Perm.MEMBER_IMPORT,
}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.FEDERATION_ADMIN: frozenset(
        {
            *_STAFF_BASE,
            Perm.UNION_MANAGE,
            Perm.UNION_IMPORT,
            Perm.CENTRE_MANAGE,
            Perm.ROLE_VIEW,
            Perm.ROLE_GRANT,
            Perm.AUDIT_VIEW,
            *_MEMBER_ALL,
        }
    ),
    Role.DEPARTMENT_STAFF: frozenset({*_STAFF_BASE, Perm.ROLE_VIEW}),
    Role.CENTRE_STAFF: frozenset({*_STAFF_BASE, Perm.CENTRE_MANAGE, *_MEMBER_ALL}),
    Role.GRASSROOTS_OFFICER: frozenset(
        {*_STAFF_BASE, Perm.MEMBER_VIEW, Perm.MEMBER_MANAGE, Perm.MEMBER_REVIEW, Perm.MEMBER_IMPORT}
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
    DepartmentKind.WOMEN: frozenset(),
    DepartmentKind.LEGAL: frozenset({Perm.CASE_HANDLE}),
    DepartmentKind.PUBLICITY: frozenset(),
    DepartmentKind.WELFARE: frozenset(),
    DepartmentKind.PRODUCTION: frozenset(),
}

STAFF_ROLES = frozenset(r for r in Role if r != Role.MEMBER)


def permissions_for(role: str, department_kind: str | None = None) -> frozenset[Perm]:
    perms = ROLE_PERMISSIONS.get(role, frozenset())
    if role == Role.DEPARTMENT_STAFF and department_kind:
        perms = perms | DEPARTMENT_PERMISSIONS.get(department_kind, frozenset())
    return perms


PERM_DESCRIPTIONS: dict[Perm, str] = {
    Perm.UNION_VIEW: "see the union and its subtree (workbench, API)",
    Perm.UNION_MANAGE: "create, rename, move, deactivate unions; set up departments",
    Perm.UNION_IMPORT: "import a union tree from a spreadsheet",
    Perm.CENTRE_MANAGE: "add and edit service centres and stations",
    Perm.ROLE_VIEW: "see who holds which role",
    Perm.ROLE_GRANT: "grant and revoke roles (never above one's own rank)",
    Perm.AUDIT_VIEW: "read the audit log of the subtree",
    Perm.MEMBER_VIEW: "see member records (masked) and member figures",
    Perm.MEMBER_MANAGE: "enter and edit members, transfers, confirm members' changes",
    Perm.MEMBER_REVIEW: "review applications to join (grassroots step)",
    Perm.MEMBER_APPROVE: "approve applications into the archive and issue cards",
    Perm.MEMBER_REVEAL: "reveal a full ID number or phone, with a logged reason",
    Perm.MEMBER_IMPORT: "import member rosters",
    Perm.CASE_HANDLE: "handle legal consultations and rights cases",
}


def permissions_table_markdown() -> str:
    """The table of docs/permissions.md, rendered from the code (a test keeps them equal)."""
    roles = list(Role)
    lines = [
        "| permission | meaning | " + " | ".join(f"`{r.value}`" for r in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for perm in Perm:
        marks = " | ".join("✓" if perm in ROLE_PERMISSIONS[r] else "" for r in roles)
        lines.append(f"| `{perm.value}` | {PERM_DESCRIPTIONS[perm]} | {marks} |")
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
    ]
    return "\n".join(lines)
