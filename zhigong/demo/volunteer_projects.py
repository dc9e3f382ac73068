"""Demo service projects, hours and published offers (VOL-5, VOL-6) in 江岸区, in every state:
the city's projects (one waiting for a union, one taken on by 江城机械), unions' and a
volunteer's proposals (waiting, returned), projects open for sign-up, under way, completed and
cancelled; sign-ups; hours confirmed, waiting and rejected; offers in every state; requests
for help waiting, connected, closed and declined.

Three of the approved demo volunteers get portal logins (``volunteer1``-``volunteer3``, the
demo password) so that the portal pages can be shown; ``member_wang`` asks for help.
Idempotent: once there is any project, nothing is added."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zhigong.accounts.services.users import user_create
from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.members.models import Member
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import ProjectStatus
from zhigong.volunteers.service_models import ServiceProject, VolunteerOffer
from zhigong.volunteers.services.hours import hours_decide, hours_log
from zhigong.volunteers.services.offers import (
    OfferInput,
    help_close,
    help_connect,
    help_request,
    offer_hide,
    offer_propose,
    offer_recommend,
    offer_review,
    offer_withdraw,
)
from zhigong.volunteers.services.projects import (
    ProjectInput,
    project_decide,
    project_move,
    project_propose,
    project_propose_as_volunteer,
    project_sign_up,
    project_take_on,
)

C = data.CITY_CODE
P = ProjectStatus


@dataclass
class ProjectsResult:
    projects: int = 0
    signups: int = 0
    hours: int = 0
    offers: int = 0
    requests: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def _project(title: str, area: str, days: tuple[int, int], needed: int, **kw: Any) -> ProjectInput:
    today = timezone.localdate()
    return ProjectInput(
        title=title,
        content=kw.get("content", f"{title}：组织志愿者为困难职工和职工群众提供服务。"),
        service_area=area,
        starts_on=today + timedelta(days=days[0]),
        ends_on=today + timedelta(days=days[1]),
        volunteers_needed=needed,
        budget=kw.get("budget", "5000"),
    )


def _offer(specialty: str, area: str, where: str, text: str) -> OfferInput:
    return OfferInput(
        specialty=specialty,
        service_area=area,
        area_served=where,
        description=text,
        availability=["weekend", "holiday"],
    )


def _logins(volunteers: list[Volunteer]) -> list[Any]:
    """Portal logins for the first three approved volunteers (their member records too)."""
    User = get_user_model()
    users = []
    for number, volunteer in enumerate(volunteers[:3], start=1):
        username = f"volunteer{number}"
        user = User.objects.filter(username=username).first() or user_create(
            actor=SYSTEM,
            username=username,
            password=data.DEMO_PASSWORD,
            full_name=volunteer.name,
        )
        Volunteer.objects.filter(pk=volunteer.pk).update(applicant=user)
        if volunteer.member_id:
            Member.objects.filter(pk=volunteer.member_id, user=None).update(user=user)
        users.append(user)
    return users


def _recommender(volunteer: Volunteer, reviewer: Any) -> Any:
    """Someone of the volunteer's own union line who recommends, not the reviewing centre."""
    union = Volunteer.objects.get(pk=volunteer.pk).union
    found = policy.users_with_perm(Perm.VOLUNTEER_OFFER_RECOMMEND, union).exclude(pk=reviewer.pk)
    return found.order_by("id").first() or SYSTEM


def seed_volunteer_projects(*, say: Callable[[str], None] | None = None) -> ProjectsResult:
    started = time.perf_counter()
    result = ProjectsResult()
    User = get_user_model()
    staff = {u.username: u for u in User.objects.filter(username__in=data_users())}
    jiangan = Union.objects.filter(code=f"{C}-420102").first()
    enterprise = Union.objects.filter(code=f"{C}-420102-S01-G001").first()
    city = Union.objects.filter(code=C).first()
    approved = list(
        Volunteer.objects.filter(status=VolunteerStatus.APPROVED)
        .filter(union__path__startswith=jiangan.path if jiangan else "-")
        .order_by("id")[:6]
    )
    if (
        ServiceProject.objects.exists()
        or None in (jiangan, enterprise, city)
        or len(approved) < 3
        or set(staff) != set(data_users())
    ):
        result.already_loaded = True
        return result
    assert city is not None and enterprise is not None
    with transaction.atomic():
        v1, v2, v3 = _logins(approved)
        _projects(result, staff, city, enterprise, (v1, v2, v3))
        _offers(result, staff, (v1, v2, v3), staff["member_wang"])
    result.seconds = time.perf_counter() - started
    if say is not None:
        say(
            f"volunteer projects: {result.projects} projects, {result.signups} sign-ups, "
            f"{result.hours} hours, {result.offers} offers, {result.requests} requests"
        )
    return result


def data_users() -> tuple[str, ...]:
    return ("city_admin", "jiangan_centre", "officer_jiangcheng", "dazhi_centre", "member_wang")


def _projects(
    result: ProjectsResult,
    staff: dict[str, Any],
    city: Union,
    enterprise: Union,
    vols: tuple[Any, ...],
) -> None:
    city_admin, officer = staff["city_admin"], staff["officer_jiangcheng"]
    v1, v2, v3 = vols
    made = []
    # the city's projects: one waits for a union, one is taken on by 江城机械
    made.append(
        project_propose(
            actor=city_admin, data=_project("金秋助学志愿行", "study", (10, 70), 20), union=city
        )
    )
    taken = project_propose(
        actor=city_admin, data=_project("劳模工匠进社区义诊", "clinic", (5, 40), 10), union=city
    )
    made.append(project_take_on(actor=officer, project=taken, union=enterprise))
    # proposals to the city: a union's waiting, a street's returned, a volunteer's waiting
    made.append(
        project_propose(
            actor=officer,
            data=_project("厂区环境清洁日", "environment", (14, 15), 15),
            union=enterprise,
        )
    )
    street = Union.objects.get(code=f"{C}-420102-S01")
    returned = project_propose(
        actor=staff["dazhi_centre"],
        data=_project("社区法律咨询角", "legal", (7, 180), 4, budget="80000"),
        union=street,
    )
    made.append(
        project_decide(
            actor=city_admin, project=returned, approve=False, reason="预算偏高，请按实际需要调整。"
        )
    )
    made.append(
        project_propose_as_volunteer(actor=v1, data=_project("周末家电义修", "relief", (3, 90), 6))
    )

    def approved(title: str, area: str, days: tuple[int, int], needed: int) -> ServiceProject:
        project = project_propose(
            actor=officer, data=_project(title, area, days, needed), union=enterprise
        )
        project = project_decide(actor=city_admin, project=project, approve=True)
        return project_move(actor=officer, project=project, to=P.OPEN)

    # open for sign-up, with two volunteers on it
    open_ = approved("困难职工家庭一助一探访", "pairing", (1, 120), 8)
    for user in (v1, v2):
        project_sign_up(actor=user, project=open_)
        result.signups += 1
    made.append(open_)
    # under way: hours confirmed, waiting and rejected
    under_way = approved("夏送清凉进工地", "charity", (-20, 20), 5)
    for user in (v1, v2, v3):
        project_sign_up(actor=user, project=under_way)
        result.signups += 1
    under_way = project_move(actor=officer, project=under_way, to=P.UNDER_WAY)
    today = timezone.localdate()

    def log(user: Any, project: ServiceProject, days: int, hours: str, what: str) -> Any:
        return hours_log(
            actor=user,
            project=project,
            served_on=today - timedelta(days=days),
            hours=hours,
            what=what,
        )

    entry = log(v3, under_way, 3, "2", "为一线工人送清凉饮品")
    hours_decide(actor=officer, entry=entry, confirm=True)
    log(v1, under_way, 2, "2.5", "工地慰问、发放防暑药品")
    entry = log(v2, under_way, 1, "3", "工地慰问")
    hours_decide(actor=officer, entry=entry, confirm=False, reason="当天签到表上没有您的名字。")
    result.hours += 3
    made.append(under_way)
    # completed: a year's worth of confirmed hours for the first volunteer
    done = approved("春节送温暖", "relief", (-40, -1), 6)
    for user in (v1, v2):
        project_sign_up(actor=user, project=done)
        result.signups += 1
    done = project_move(actor=officer, project=done, to=P.UNDER_WAY)
    for days, user, hours in ((30, v1, "8"), (20, v1, "8"), (10, v1, "8"), (10, v2, "4")):
        entry = log(user, done, days, hours, "走访慰问困难职工家庭，送去米面油")
        hours_decide(actor=officer, entry=entry, confirm=True)
        result.hours += 1
    made.append(project_move(actor=officer, project=done, to=P.COMPLETED, summary="走访 36 户。"))
    cancelled = approved("职工篮球友谊赛志愿服务", "culture", (30, 31), 10)
    made.append(
        project_move(
            actor=officer, project=cancelled, to=P.CANCELLED, reason="场地改作他用，活动取消。"
        )
    )
    result.projects = len(made)


def _offers(
    result: ProjectsResult, staff: dict[str, Any], vols: tuple[Any, ...], wang: Any
) -> None:
    centre = staff["jiangan_centre"]
    v1, v2, v3 = vols
    volunteers = {u.pk: Volunteer.objects.get(applicant=u) for u in vols}

    def through(user: Any, offer: OfferInput, *, review: bool = True) -> VolunteerOffer:
        made = offer_propose(actor=user, data=offer)
        made = offer_recommend(
            actor=_recommender(volunteers[user.pk], centre), offer=made, approve=True
        )
        if review:
            made = offer_review(actor=centre, offer=made, approve=True)
        return made

    listed = through(
        v1, _offer("家电维修", "relief", "江岸区大智街道", "周末上门帮困难职工修理家电。")
    )
    through(v3, _offer("书法辅导", "culture", "江岸区", "为职工子女辅导书法。"), review=False)
    offer_propose(
        actor=v2, data=_offer("心理疏导", "health", "江岸区各街道", "倾听、疏导工作压力。")
    )
    returned = offer_propose(
        actor=v1, data=_offer("法律咨询", "legal", "江岸区", "劳动合同、工伤认定咨询。")
    )
    offer_recommend(
        actor=_recommender(volunteers[v1.pk], centre),
        offer=returned,
        approve=False,
        reason="法律咨询须由持证律师志愿者提供，请改为其他服务。",
    )
    hidden = through(v2, _offer("家政服务", "relief", "江岸区花桥街道", "为独居老人打扫卫生。"))
    offer_hide(actor=centre, offer=hidden, reason="志愿者暂时外出，暂停公布。")
    withdrawn = through(v3, _offer("电脑维修", "employment", "江岸区", "帮助求职职工维修电脑。"))
    offer_withdraw(actor=v3, offer=withdrawn)
    result.offers = 6
    # requests for help: waiting, connected, closed, declined
    help_request(actor=wang, offer=listed, text="家里的热水器不打火，想请师傅帮忙看看。")
    connected = help_request(actor=v2, offer=listed, text="老人家里电路跳闸，周末能来看看吗？")
    help_connect(
        actor=centre, request=connected, connect=True, note="已电话联系双方，约定周六上午上门。"
    )
    closed = help_request(actor=v3, offer=listed, text="洗衣机漏水。")
    closed = help_connect(actor=centre, request=closed, connect=True, note="已联系双方。")
    help_close(actor=centre, request=closed, outcome="已上门修好，职工表示满意。")
    declined = help_request(actor=v3, offer=listed, text="想请人帮忙搬家。")
    help_connect(
        actor=centre,
        request=declined,
        connect=False,
        note="搬家不在这项服务范围内，已建议联系社区。",
    )
    result.requests = 4
