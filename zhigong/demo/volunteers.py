"""Demo volunteers: the quota table of seed 001 (附件1: 19 unions, 5,800 in all) mapped onto
the Wuhan demo's districts, zones and industry unions (the industries the demo lacks are
created under the city federation), imported through the quota import as a clerk would; and
volunteers of 江岸区 in every state of the three opinions.

The demo member 王磊 (``member_wang``) has no registration, so that the journey can be shown:
he applies on the portal, then ``officer_jiangcheng``, ``jiangan_admin`` and ``city_admin``
give the three opinions. Idempotent: once the demo city has quotas for the year, nothing is
added."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.sheets.writing import open_workbook
from zhigong.demo import data
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.personal import id_number_of, phone_of
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.services import union_create
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer, VolunteerQuota
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.quotas import quota_import
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_register

C = data.CITY_CODE
# (the seed's union, its quota, the demo union's code; a name when the demo creates it)
SEED_QUOTAS: tuple[tuple[str, int, str, str], ...] = (
    ("中山区总工会", 300, f"{C}-420102", ""),
    ("西岗区总工会", 300, f"{C}-420103", ""),
    ("沙河口区总工会", 300, f"{C}-420104", ""),
    ("甘井子区总工会", 400, f"{C}-420111", ""),
    ("金州新区总工会", 400, "WH-ZONE-JK", ""),
    ("旅顺口区总工会", 300, f"{C}-420105", ""),
    ("高新区总工会", 300, "WH-ZONE-DH", ""),
    ("保税区总工会", 300, "WH-ZONE-LKG", ""),
    ("瓦房店市总工会", 300, f"{C}-420116", ""),
    ("普兰店市总工会", 300, f"{C}-420115", ""),
    ("庄河市总工会", 300, f"{C}-420117", ""),
    ("长海县总工会", 200, f"{C}-420114", ""),
    ("长兴岛区总工会", 200, f"{C}-420112", ""),
    ("花园口区总工会", 200, f"{C}-420106", ""),
    ("机械重工工会", 400, "WH-IND-MECH", "武汉市机械冶金工会"),
    ("海员工会", 400, "WH-IND-SEA", "武汉市海员工会"),
    ("财贸工会", 300, "WH-IND-TRADE", ""),
    ("轻纺工会", 300, "WH-IND-TEXTILE", "武汉市轻纺工会"),
    ("教育工会", 300, "WH-IND-EDU", ""),
)
# The states of 江岸区's demo volunteers, in order.
STATES = (
    *[VolunteerStatus.APPROVED] * 6,
    VolunteerStatus.DISTRICT_APPROVED,
    VolunteerStatus.UNIT_APPROVED,
    VolunteerStatus.SUBMITTED,
    VolunteerStatus.SUBMITTED,
    VolunteerStatus.RETURNED,
)
SPECIALTIES = ("电工维修", "法律咨询", "心理疏导", "家政服务", "医疗护理", "书法绘画", "电脑维修")


@dataclass
class VolunteersResult:
    quotas: int = 0
    quota_total: int = 0
    volunteers: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def quota_sheet(rows: list[tuple[str, int]]) -> io.BytesIO:
    """附件1 as the city's clerk keeps it: a title, the header, the rows, a total row."""
    out = io.BytesIO()
    workbook = open_workbook(out)
    sheet = workbook.add_worksheet("名额分配表")
    sheet.write_string(0, 0, "工会服务帮扶志愿者名额分配表")
    for column, heading in enumerate(("序号", "区市县、产业工会", "人 数", "备 注")):
        sheet.write_string(1, column, heading)
    for number, (name, count) in enumerate(rows, start=1):
        sheet.write_number(1 + number, 0, number)
        sheet.write_string(1 + number, 1, name)
        sheet.write_number(1 + number, 2, count)
    sheet.write_string(2 + len(rows), 1, "合计")
    sheet.write_number(2 + len(rows), 2, sum(count for _name, count in rows))
    workbook.close()
    out.seek(0)
    return out


def _quota_unions() -> list[tuple[str, int]]:
    city = Union.objects.get(code=C)
    rows = []
    for _seed_name, count, code, new_name in SEED_QUOTAS:
        union = Union.objects.filter(code=code).first()
        if union is None and new_name:
            union = union_create(
                actor=SYSTEM, parent=city, code=code, name=new_name, kind=UnionKind.INDUSTRY
            )
        if union is not None:
            rows.append((union.name, count))
    return rows


def _walk(volunteer: Volunteer, state: str) -> None:
    if state == VolunteerStatus.RETURNED:
        volunteer_decide(
            actor=SYSTEM, volunteer=volunteer, approve=False, reason="请补充工作简历。"
        )
        return
    steps = {
        VolunteerStatus.SUBMITTED: 0,
        VolunteerStatus.UNIT_APPROVED: 1,
        VolunteerStatus.DISTRICT_APPROVED: 2,
        VolunteerStatus.APPROVED: 3,
    }[state]  # type: ignore[index]
    for _step in range(steps):
        volunteer = volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=True)


def seed_volunteers(*, say: Callable[[str], None] | None = None) -> VolunteersResult:
    started = time.perf_counter()
    result = VolunteersResult()
    year = timezone.localdate().year
    if (
        not Union.objects.filter(code=C).exists()
        or VolunteerQuota.objects.filter(union__code__startswith=f"{C}-", year=year).exists()
    ):
        result.already_loaded = True
        return result
    with transaction.atomic():
        rows = _quota_unions()
        found = quota_import(
            actor=SYSTEM, source=quota_sheet(rows), filename="名额分配表.xlsx", year=year
        )
        assert not found.errors, found.errors
        result.quotas, result.quota_total = len(found.rows), found.total
        jiangan = Union.objects.get(code=f"{C}-420102")
        members = (
            Member.objects.filter(union__path__startswith=jiangan.path, status=MemberStatus.ACTIVE)
            .exclude(user__username="member_wang")
            .select_related("union")
            .order_by("id")[: len(STATES)]
        )
        for number, (member, state) in enumerate(zip(members, STATES, strict=False)):
            volunteer = volunteer_register(
                actor=SYSTEM,
                data=VolunteerInput(
                    name=member.name,
                    id_number=id_number_of(member),
                    phone=phone_of(member),
                    gender=member.gender,
                    political_status=member.political_status,
                    education=member.education,
                    health="good",
                    employer=member.union.name.removesuffix("工会") or member.union.name,
                    identity="retired" if number % 4 == 3 else "worker",
                    specialty=SPECIALTIES[number % len(SPECIALTIES)],
                    statement="本人自愿加入工会服务帮扶志愿者队伍，服从安排。",
                    service_areas=["pairing", "legal" if number % 2 else "culture"],
                    availability=["weekend"],
                ),
                union=member.union,
            )
            _walk(volunteer, state)
            result.volunteers += 1
    result.seconds = time.perf_counter() - started
    if say is not None:
        say(f"volunteers: {result.quotas} quotas, {result.volunteers} volunteers")
    return result
