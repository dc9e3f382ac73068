"""Demo cases: rights requests, legal consultations and hotline calls in every district, in
every state of their flow (waiting, accepted, assigned, answered, closed and rated, transferred,
escalated, referred to a department, reopened), some overdue and some escalated by the
deadline scan.

They go through the cases services (the timeline, the audit log and the figures are what real
work leaves), then their dates are moved back so that the demo shows a few weeks of work.
Deterministic for a seed and idempotent: once the demo tree holds cases, nothing is added."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.cases import deadlines, figures
from zhigong.cases.choices import CaseKind, Category, Channel
from zhigong.cases.models import Case, CaseStep, GovernmentDepartment, ReplyTemplate
from zhigong.cases.services import handling, referrals, requester
from zhigong.cases.services.intake import CallInput, CaseInput, case_record_call, case_submit
from zhigong.cases.services.scan import case_deadline_scan
from zhigong.core.actors import SYSTEM
from zhigong.core.calendar import add_working_days
from zhigong.demo import data
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member
from zhigong.members.personal import phone_of
from zhigong.unions.models import Union, UnionKind, UnionLevel

# What each district's cases go through, in order; 江岸区 (the demo logins' district) gets
# every state, the others a rotating few.
STATES = (
    "submitted",
    "accepted",
    "assigned",
    "replied",
    "rated",
    "referred",
    "transferred",
    "escalated",
    "reopened",
    "overdue",
    "due_soon",
    "deadline",
)
STORIES: dict[str, str] = {
    Category.WAGES: "公司已拖欠我们班组三个月工资，共约两万元，多次找主管都说再等等。",
    Category.LABOUR_CONTRACT: "入职半年了公司一直不签劳动合同，请问我可以要求什么？",
    Category.SOCIAL_INSURANCE: "单位没有给我交社保，只每月多发两百元，说是社保补贴。",
    Category.WORK_INJURY: "在车间操作时右手被压伤，单位不肯申报工伤，医药费也不报。",
    Category.DISMISSAL: "公司以业绩不好为由口头通知我明天不用来了，没有任何补偿。",
    Category.WORKING_HOURS: "每天要加班到晚上十点，周末也常加班，但从来没有加班费。",
    Category.SAFETY: "车间粉尘很大，公司不发口罩，几个工友最近都咳嗽得厉害。",
    Category.OTHER: "想咨询一下工会能不能帮助协调宿舍分配的问题。",
}
EMPLOYERS = (
    "武汉江城精密机械有限公司",
    "汉口物流园区某仓储公司",
    "某建筑劳务公司",
    "某连锁餐饮门店",
)
NON_MEMBERS = ("刘建军", "陈秀英", "杨帆", "黄丽", "周强", "吴敏")


@dataclass
class CasesResult:
    created: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def cases_loaded() -> bool:
    return Case.objects.filter(origin__code__startswith=f"{data.CITY_CODE}").exists()


def seed_cases(*, seed: int = 1, say: Callable[[str], None] | None = None) -> CasesResult:
    started = time.perf_counter()
    result = CasesResult()
    districts = list(
        Union.objects.filter(
            code__startswith=f"{data.CITY_CODE}-",
            kind=UnionKind.FEDERATION,
            level=UnionLevel.COUNTY,
            is_active=True,
        ).order_by("code")
    )
    if cases_loaded() or not districts:
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERS)}
    rng = random.Random(f"{seed}/cases")
    with transaction.atomic():
        for number, district in enumerate(districts):
            jiangan = district.code == f"{data.CITY_CODE}-420102"
            states = STATES if jiangan else [STATES[(number + i) % len(STATES)] for i in range(4)]
            callers = _callers(district)
            for state in states:
                case = _case(rng, district, callers, users)
                _walk(case, state, users if jiangan else {}, rng)
                result.created += 1
        wang = users.get("member_wang")
        if wang is not None:  # the demo member's own requests, in the states a requester meets
            for state, kind, category in (
                ("rated", CaseKind.RIGHTS, Category.WAGES),
                ("replied", CaseKind.LEGAL, Category.WORKING_HOURS),
                ("reopened", CaseKind.RIGHTS, Category.SOCIAL_INSURANCE),
            ):
                case = case_submit(
                    actor=wang,
                    data=CaseInput(
                        kind=kind,
                        category=category,
                        description=STORIES[category],
                        employer=EMPLOYERS[0],
                    ),
                )
                _walk(case, state, users, rng)
                result.created += 1
        # The deadline scan as it would have run: the overdue cases go up to the city centre.
        case_deadline_scan(actor=SYSTEM)
        figures.rebuild()
    if say:
        say(f"demo cases: {result.created}")
    result.seconds = time.perf_counter() - started
    return result


_DEMO_USERS = ("jiangan_centre", "jiangan_legal", "lawyer_li", "member_wang", "city_legal")


def _callers(district: Union) -> list[Member]:
    return list(
        Member.objects.filter(union__path__startswith=district.path, status=MemberStatus.ACTIVE)
        .exclude(phone_encrypted="")
        .order_by("id")[:8]
    )


def _case(
    rng: random.Random, district: Union, callers: list[Member], users: dict[str, Any]
) -> Case:
    """A hotline call, a visit or a letter: from a member of the district (their phone finds
    them), or from a worker who is not a member."""
    category = rng.choice(list(STORIES))
    kind = CaseKind.LEGAL if rng.random() < 0.4 else CaseKind.RIGHTS
    channel = rng.choice((Channel.HOTLINE, Channel.HOTLINE, Channel.WALK_IN, Channel.LETTER))
    member = rng.choice(callers) if callers and rng.random() < 0.7 else None
    phone = phone_of(member) if member else f"13{rng.randrange(5, 9)}{rng.randrange(10**8):08d}"
    call = None
    if channel == Channel.HOTLINE:
        call = CallInput(timezone.now() - dt.timedelta(minutes=5), 60 + rng.randrange(900))
    return case_record_call(
        actor=users.get("jiangan_centre", SYSTEM),
        data=CaseInput(
            kind=kind,
            category=category,
            description=STORIES[category],
            employer=rng.choice(EMPLOYERS),
            channel=channel,
            name="" if member else rng.choice(NON_MEMBERS),
            phone=phone,
            district=district,
        ),
        call=call,
    )


def _walk(case: Case, state: str, users: dict[str, Any], rng: random.Random) -> None:
    """Take the case to ``state`` through the services, then move its dates back."""
    centre = users.get("jiangan_centre", SYSTEM)
    handler = users.get("lawyer_li") if case.kind == CaseKind.LEGAL else users.get("jiangan_legal")
    days_ago = 3 + rng.randrange(20)
    if state == "submitted":
        _age(case, days=1, accepted=False)
        return
    handling.case_accept(
        actor=centre, case=case, complexity=rng.choice(("normal", "normal", "difficult"))
    )
    if state == "accepted":
        _age(case, days=2)
        return
    if state in ("transferred", "escalated"):
        _age(case, days=3)
        if state == "transferred":
            down = _grassroots_below(case.union)
            if down is not None:
                handling.case_transfer(
                    actor=centre,
                    case=case,
                    to_union=down,
                    reason="由企业工会先行协调，结果报区总工会。",
                )
        else:
            handling.case_escalate(actor=centre, case=case, reason="涉及人数多，请市总工会协调。")
        return
    if handler is not None and handling.handler_candidates(case).filter(pk=handler.pk).exists():
        handling.case_assign(actor=centre, case=case, handler=handler)
    elif handling.handler_candidates(case).exists():
        handling.case_assign(actor=SYSTEM, case=case, handler=handling.handler_candidates(case)[0])
    if state == "assigned":
        _age(case, days=1)
        return
    if state == "due_soon":
        _age(case, days=4, working_days_left=1)
        return
    if state == "overdue":  # its time is up: the scan sends it up to the city centre
        _age(case, days=15, working_days_left=-1)
        return
    if state == "deadline":
        # handed down to an enterprise union that let the time run out: the scan brings it
        # back up to the district's centre, marked overdue
        down = _grassroots_below(case.union)
        if down is not None:
            handling.case_transfer(
                actor=centre, case=case, to_union=down, reason="请企业工会先行协调。"
            )
            handling.case_accept(actor=SYSTEM, case=case)
        _age(case, days=12, working_days_left=-2)
        return
    if state == "referred":
        department = GovernmentDepartment.objects.filter(is_active=True).order_by("order").first()
        if department is not None:
            referral = referrals.case_refer(
                actor=centre,
                case=case,
                department=department,
                due_on=timezone.localdate() + dt.timedelta(days=10),
                note="请依法督促用人单位支付拖欠的劳动报酬。",
            )
            referrals.referral_chase(
                actor=centre, referral=referral, note="电话联系劳动监察大队，已受理。"
            )
        _age(case, days=6)
        return
    reply = ReplyTemplate.objects.filter(category=case.category, is_active=True).first()
    body = reply.body if reply else "您好，您反映的问题已协调处理。"
    replier = case.handler or centre
    handling.case_reply(actor=replier, case=case, body=body)
    if state in ("rated", "reopened"):
        if case.requester is not None:
            requester.case_rate(
                actor=case.requester,
                case=case,
                rating=rng.choice((5, 5, 4, 4, 3, 2)) if state == "rated" else 2,
                comment="答复很及时，谢谢工会。" if state == "rated" else "问题还没有解决。",
            )
        handling.case_close(actor=centre, case=case)
        if state == "reopened" and case.requester is not None:
            requester.case_reopen(
                actor=case.requester, case=case, reason="单位仍未支付，请再协调。"
            )
    _age(case, days=days_ago)


def _grassroots_below(union: Union) -> Union | None:
    return (
        Union.objects.filter(path__startswith=union.path, kind=UnionKind.GRASSROOTS, is_active=True)
        .order_by("code")
        .first()
    )


def _age(
    case: Case, *, days: int, accepted: bool = True, working_days_left: int | None = None
) -> None:
    """Move the case's history ``days`` back (its steps keep their order); with
    ``working_days_left``, its deadline falls that many working days from today (0: today,
    negative: already passed)."""
    shift = dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(created_at=case.created_at - shift)
    for step in CaseStep.objects.filter(case=case).order_by("id"):
        CaseStep.objects.filter(pk=step.pk).update(at=step.at - shift)
    if not accepted or working_days_left is None or case.due_days is None:
        return
    today = timezone.localdate()
    due = add_working_days(today, working_days_left).date
    start = add_working_days(due, -case.due_days).date
    found = deadlines.clock(start, case.due_days)
    Case.objects.filter(pk=case.pk).update(
        due_start=found.start,
        due_date=found.due,
        due_provisional=found.provisional,
        warn_50_on=found.warn_50,
        warn_80_on=found.warn_80,
        accepted_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9, 30))),
    )
