"""The shared cast (DESIGN.md §4): a four-level tree with staff at each level and an outsider.

CITY  武汉市总工会 (federation, city)          city_admin (federation_admin), city_org (组织部)
├── DA  江岸区总工会 (federation, county)        district_admin, dept_legal (法律部), volunteer,
│                                               auditor (审计员)
│   └── SA  大智街道工会 (street)                street_staff (centre_staff)
│       └── GA  江城机械公司工会 (grassroots)    officer (grassroots_officer), member
└── DB  武昌区总工会 (federation, county)        other_admin (federation_admin)
    └── SB  积玉桥街道工会 (street)
        └── GB  楚天电子公司工会 (grassroots)    other_officer
outsider: a user with no role anywhere; anonymous: not logged in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from zhigong.accounts.models import User
from zhigong.accounts.services import role_grant, user_create
from zhigong.core.actors import SYSTEM
from zhigong.unions.models import Department, Union
from zhigong.unions.roles import DepartmentKind, Role
from zhigong.unions.services import department_create, union_create

PASSWORD = "Cast-Passw0rd!"


@dataclass
class Cast:
    unions: dict[str, Union] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    members: dict[str, Any] = field(default_factory=dict)

    def client(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(self.users[name])
        return client

    def bulk_members(self, code: str, count: int) -> None:
        """``count`` more members at the cast member's union ``code``, written in one go
        (for tests of lists and paging); the figures are rebuilt, as after any bulk write."""
        from zhigong.members.figures import counting
        from zhigong.members.models import Member

        like = self.members[code]
        Member.objects.bulk_create(
            Member(
                name=f"会员{i}",
                gender=like.gender,
                birth_date=like.birth_date,
                union=like.union,
                joined_on=like.joined_on,
                id_number_encrypted="x",
                id_number_index=f"idx{code}{i}",
                id_number_masked="420102********0000",
            )
            for i in range(count)
        )
        counting.rebuild()

    def refresh(self) -> None:
        for union in self.unions.values():
            union.refresh_from_db()


CAST_ACTORS = [
    "city_admin",
    "city_org",
    "district_admin",
    "dept_legal",
    "volunteer",
    "auditor",
    "street_staff",
    "officer",
    "member",
    "other_admin",
    "other_officer",
    "outsider",
    "anonymous",
]


def build_cast() -> Cast:
    cast = Cast()
    u = cast.unions

    def add(key: str, parent: str | None, **kw: Any) -> None:
        u[key] = union_create(actor=SYSTEM, parent=u[parent] if parent else None, **kw)

    add(
        "CITY",
        None,
        code="CITY",
        name="武汉市总工会",
        kind="federation",
        level="city",
        region_code="420100",
    )
    add(
        "DA",
        "CITY",
        code="DA",
        name="江岸区总工会",
        kind="federation",
        level="county",
        region_code="420102",
    )
    add("SA", "DA", code="SA", name="大智街道工会", kind="street", region_code="420102")
    add("GA", "SA", code="GA", name="武汉江城机械有限公司工会", kind="grassroots")
    add(
        "DB",
        "CITY",
        code="DB",
        name="武昌区总工会",
        kind="federation",
        level="county",
        region_code="420106",
    )
    add("SB", "DB", code="SB", name="积玉桥街道工会", kind="street", region_code="420106")
    add("GB", "SB", code="GB", name="武汉楚天电子有限公司工会", kind="grassroots")
    cast.departments["city_org"] = department_create(
        actor=SYSTEM, union=u["CITY"], kind=DepartmentKind.ORGANISATION
    )
    cast.departments["da_legal"] = department_create(
        actor=SYSTEM, union=u["DA"], kind=DepartmentKind.LEGAL
    )

    def person(name: str, union: str | None, role: str | None, dept: str | None = None) -> None:
        user = user_create(
            actor=SYSTEM, username=name, password=PASSWORD, full_name=name, check_password=False
        )
        if union and role:
            role_grant(
                actor=SYSTEM,
                user=user,
                union=u[union],
                role=role,
                department=cast.departments[dept] if dept else None,
            )
        cast.users[name] = user

    person("city_admin", "CITY", Role.FEDERATION_ADMIN)
    person("city_org", "CITY", Role.DEPARTMENT_STAFF, "city_org")
    person("district_admin", "DA", Role.FEDERATION_ADMIN)
    person("dept_legal", "DA", Role.DEPARTMENT_STAFF, "da_legal")
    person("volunteer", "DA", Role.LEGAL_VOLUNTEER)
    person("auditor", "DA", Role.AUDITOR)
    person("street_staff", "SA", Role.CENTRE_STAFF)
    person("officer", "GA", Role.GRASSROOTS_OFFICER)
    person("member", "GA", Role.MEMBER)
    person("other_admin", "DB", Role.FEDERATION_ADMIN)
    person("other_officer", "GB", Role.GRASSROOTS_OFFICER)
    person("outsider", None, None)
    cast.refresh()
    add_members(cast)
    return cast


# Members of the cast: 张伟 is the "member" user's own record at GA; 李娜 works at GB.
CAST_MEMBERS = {
    "GA": ("张伟", "42010219850315001", "13800001234"),
    "GB": ("李娜", "42010619900620002", "13900005678"),
}


def cast_id_number(body17: str) -> str:
    from zhigong.core.idnumber import check_digit

    return body17 + check_digit(body17)


def add_members(cast: Cast) -> None:
    """One active member with an active card at GA (the "member" user) and one at GB."""
    from zhigong.members.services.cards import card_activate, card_issue
    from zhigong.members.services.registry import PersonInput, check_person, member_create

    for code, (name, body, phone) in CAST_MEMBERS.items():
        person, errors = check_person(
            PersonInput(name=name, id_number=cast_id_number(body), phone=phone, ethnicity="汉族")
        )
        assert person is not None, errors
        user = cast.users["member"] if code == "GA" else None
        member = member_create(actor=SYSTEM, person=person, union=cast.unions[code], user=user)
        card_activate(actor=SYSTEM, card=card_issue(actor=SYSTEM, member=member))
        cast.members[code] = member
