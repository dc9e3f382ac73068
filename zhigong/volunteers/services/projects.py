"""Service projects (VOL-5, seed 001 §4.3): the city federation proposes projects for the
unions to take on; a union, or an approved volunteer on the portal, proposes one for the city
to approve. The organising union then opens sign-up, starts and completes it.

Sign-up never over-fills a project: the project's row is locked (``SELECT … FOR UPDATE``) and
the volunteers signed up are counted inside the same transaction, as the quota check does, so
a second sign-up at the same moment waits for the first and counts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers.choices import ServiceArea, VolunteerStatus
from zhigong.volunteers.levels import city_union_of
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import (
    SIGN_UP_OPEN,
    ProjectOrigin,
    ProjectStatus,
    SignupStatus,
)
from zhigong.volunteers.service_models import (
    PROJECT_FLOW,
    SIGNUP_FLOW,
    ProjectSignup,
    ServiceProject,
)

P = ProjectStatus
MAX_VOLUNTEERS = 10_000
MAX_BUDGET = Decimal("100000000")


@dataclass(frozen=True)
class ProjectInput:
    title: str
    content: str
    service_area: str
    starts_on: date | None
    ends_on: date | None
    volunteers_needed: int | None
    budget: Decimal | str | None = Decimal(0)


def _clean(data: ProjectInput) -> dict[str, Any]:
    """The project's fields, or every problem at once (in Chinese)."""
    errors: dict[str, str] = {}
    title, content = data.title.strip(), data.content.strip()
    if not title:
        errors["title"] = _("此项必填。")
    if not content:
        errors["content"] = _("此项必填。")
    if data.service_area not in ServiceArea.values:
        errors["service_area"] = _("请选择服务方向。")
    if data.starts_on is None:
        errors["starts_on"] = _("此项必填。")
    if data.ends_on is None:
        errors["ends_on"] = _("此项必填。")
    elif data.starts_on is not None and data.ends_on < data.starts_on:
        errors["ends_on"] = _("结束日期不能早于开始日期。")
    needed = data.volunteers_needed
    if needed is None or not 1 <= needed <= MAX_VOLUNTEERS:
        errors["volunteers_needed"] = _("请填写 1 到 10000 之间的人数。")
    try:
        budget = Decimal(str(data.budget if data.budget not in (None, "") else 0))
        if not budget.is_finite() or budget < 0 or budget >= MAX_BUDGET:
            raise InvalidOperation
        budget = budget.quantize(Decimal("0.01"))
    except InvalidOperation:
        errors["budget"] = _("预算应为不小于 0 的金额（元）。")
        budget = Decimal(0)
    if errors:
        raise DomainError(_("项目信息有误，请按提示修改。"), fields=errors)
    return {
        "title": title[:100],
        "content": content[:5000],
        "service_area": data.service_area,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "volunteers_needed": needed,
        "budget": budget,
    }


def _record(actor: Actor, project: ServiceProject, action: str, **changes: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=project,
        union=project.union or project.city_union,
        changes={k: [None, v] for k, v in changes.items()},
    )


@service
def project_propose(*, actor: Actor, data: ProjectInput, union: Union) -> ServiceProject:
    """Staff propose a project at ``union``: the city's own goes to the unions to take on;
    anyone else's goes to the city for approval, with ``union`` organising it."""
    policy.require_perm(actor, Perm.VOLUNTEER_PROJECT_PROPOSE, union)
    fields = _clean(data)
    city = city_union_of(union)
    from_city = city.pk == union.pk
    project = ServiceProject.objects.create(
        **fields,
        origin=ProjectOrigin.CITY if from_city else ProjectOrigin.UNION,
        status=P.AWAITING_UNION if from_city else P.PROPOSED,
        union=None if from_city else union,
        city_union=city,
        organiser=None if from_city else acting_user(actor),
        proposed_by=acting_user(actor),
    )
    _record(actor, project, "volunteer_project.propose", status=project.status)
    return project


def approved_volunteer_of(user: Any) -> Volunteer:
    """The user's own approved registration, or a refusal saying why."""
    volunteer = (
        Volunteer.objects.filter(applicant_id=getattr(user, "pk", None))
        .filter(status=VolunteerStatus.APPROVED)
        .select_related("union")
        .first()
    )
    if volunteer is None:
        raise DomainError(_("只有已批准的志愿者才能办理此事项。"), code="not_a_volunteer")
    return volunteer


@service
def project_propose_as_volunteer(*, actor: Actor, data: ProjectInput) -> ServiceProject:
    """An approved volunteer proposes a project on the portal, organised by their union."""
    volunteer = approved_volunteer_of(actor)
    fields = _clean(data)
    project = ServiceProject.objects.create(
        **fields,
        origin=ProjectOrigin.VOLUNTEER,
        status=P.PROPOSED,
        union=volunteer.union,
        city_union=city_union_of(volunteer.union),
        proposed_by=acting_user(actor),
        proposing_volunteer=volunteer,
    )
    _record(actor, project, "volunteer_project.propose", status=project.status)
    return project


def _locked(project: ServiceProject) -> ServiceProject:
    return (
        ServiceProject.objects.select_for_update(of=("self",))
        .select_related("union", "city_union", "proposing_volunteer")
        .get(pk=project.pk)
    )


@service
def project_decide(
    *, actor: Actor, project: ServiceProject, approve: bool, reason: str = ""
) -> ServiceProject:
    """The city approves a proposed project, or returns it with reasons."""
    project = _locked(project)
    if not can.can_decide_project(actor, project):
        if not can.can_view_project(actor, project):
            raise NotFound()
        if can.proposed_it(actor, project):
            raise DomainError(_("提出项目的人不能审批这个项目。"), code="asked_for_it")
        raise DomainError(_("这个项目现在不等待您的审批。"), code="not_your_step")
    reason = reason.strip()
    if not approve and not reason:
        raise DomainError(_("退回须填写理由。"), fields={"reason": _("请填写理由。")})
    project.decided_by = acting_user(actor)
    project.decision_reason = reason
    transition(
        project,
        PROJECT_FLOW,
        P.APPROVED if approve else P.RETURNED,
        actor=actor,
        union=project.city_union,
        reason=reason,
    )
    notify(
        project.proposed_by,
        title=_("服务项目已批准") if approve else _("服务项目已退回"),
        body=project.title + ("" if approve else "：" + reason),
    )
    return project


@service
def project_correct(*, actor: Actor, project: ServiceProject, data: ProjectInput) -> ServiceProject:
    """Correct a returned proposal and propose it again."""
    project = _locked(project)
    can.require(
        can.can_correct_project(actor, project), visible=can.can_view_project(actor, project)
    )
    fields = _clean(data)
    for name, value in fields.items():
        setattr(project, name, value)
    transition(project, PROJECT_FLOW, P.PROPOSED, actor=actor, union=project.city_union)
    return project


@service
def project_take_on(*, actor: Actor, project: ServiceProject, union: Union) -> ServiceProject:
    """A union takes on the city's project and organises it."""
    project = _locked(project)
    if not can.can_view_project(actor, project):
        raise NotFound()
    if project.status != P.AWAITING_UNION:
        raise DomainError(_("这个项目已由其他工会承接，或不再等待承接。"), code="taken")
    policy.require_perm(actor, Perm.VOLUNTEER_PROJECT_MANAGE, union)
    if not union.path.startswith(project.city_union.path):
        message = _("承接的工会须在发布项目的市总工会之下。")
        raise DomainError(message, fields={"union": message})
    project.union = union
    project.organiser = acting_user(actor)
    transition(
        project,
        PROJECT_FLOW,
        P.APPROVED,
        actor=actor,
        union=union,
        action="volunteer_project.take_on",
        changes={"union": [None, union.name]},
    )
    return project


# The organiser's moves, and the status each starts from.
MOVES: dict[str, str] = {P.OPEN: P.APPROVED, P.UNDER_WAY: P.OPEN, P.COMPLETED: P.UNDER_WAY}


@service
def project_move(
    *, actor: Actor, project: ServiceProject, to: str, reason: str = "", summary: str = ""
) -> ServiceProject:
    """Open sign-up, start, complete, or cancel (with a reason) a project."""
    project = _locked(project)
    visible = can.can_view_project(actor, project)
    reason = reason.strip()
    if to == P.CANCELLED:
        can.require(can.can_cancel_project(actor, project), visible=visible)
        if not reason:
            raise DomainError(_("取消须填写理由。"), fields={"reason": _("请填写理由。")})
    else:
        can.require(can.can_manage_project(actor, project), visible=visible)
        if to not in MOVES:
            raise DomainError(_("无效的操作。"))
    if to == P.OPEN and project.organiser_id is None:
        project.organiser = acting_user(actor)
    if to == P.COMPLETED:
        project.completed_on = timezone.localdate()
        project.summary = summary.strip()[:5000]
    transition(
        project,
        PROJECT_FLOW,
        to,
        actor=actor,
        union=project.union or project.city_union,
        reason=reason,
        from_=(MOVES[to],) if to in MOVES else (),
    )
    return project


def signed_up(project: ServiceProject) -> int:
    return project.signups.filter(status=SignupStatus.SIGNED_UP).count()


@service
def project_sign_up(
    *, actor: Actor, project: ServiceProject, volunteer: Volunteer | None = None
) -> ProjectSignup:
    """Sign an approved volunteer up: themselves on the portal, or by the organising union's
    staff (a volunteer their ``volunteer.view`` covers)."""
    if volunteer is None:
        volunteer = approved_volunteer_of(actor)
        visible = project.status in SIGN_UP_OPEN
        project = _locked(project)
    else:
        project = _locked(project)
        visible = can.can_view_project(actor, project)
        can.require(can.can_manage_project(actor, project), visible=visible)
        if not policy.has_perm(actor, Perm.VOLUNTEER_VIEW, volunteer.union):
            raise NotFound()
        if volunteer.status != VolunteerStatus.APPROVED:
            raise DomainError(_("只有已批准的志愿者才能报名。"), code="not_a_volunteer")
    if project.status not in SIGN_UP_OPEN:
        if not visible:
            raise NotFound()
        raise DomainError(_("这个项目现在不接受报名。"), code="not_open")
    taken = signed_up(project)
    if taken >= project.volunteers_needed:
        raise DomainError(
            _("项目已满员（%(n)d 人），不能再报名。") % {"n": project.volunteers_needed},
            code="project_full",
        )
    try:
        with transaction.atomic():
            signup = ProjectSignup.objects.create(
                project=project, volunteer=volunteer, by=acting_user(actor)
            )
    except IntegrityError as exc:
        raise Conflict(_("已报名这个项目。")) from exc
    audit_record(
        actor=actor,
        action="volunteer_signup.signed_up",
        target=signup,
        union=project.union,
        changes={"volunteer": [None, volunteer.pk], "project": [None, project.pk]},
    )
    return signup


@service
def project_withdraw(*, actor: Actor, signup: ProjectSignup, reason: str = "") -> ProjectSignup:
    """The volunteer withdraws from a project (or its organiser takes them off)."""
    signup = ProjectSignup.objects.select_related("project", "volunteer").get(pk=signup.pk)
    project = signup.project
    mine = can.is_volunteer(actor, signup.volunteer)
    if not (mine or can.can_manage_project(actor, project)):
        raise NotFound()
    transition(
        signup,
        SIGNUP_FLOW,
        SignupStatus.WITHDRAWN,
        actor=actor,
        union=project.union,
        reason=reason.strip(),
        message=_("已经退出这个项目。"),
    )
    return signup
