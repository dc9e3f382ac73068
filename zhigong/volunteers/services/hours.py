"""Service hours (VOL-5): a volunteer logs the hours they served on a project they signed up
to; the project's organiser (staff of the organising union, never the volunteer nor whoever
logged them) confirms or rejects them with a reason. Only confirmed hours count: in the
totals per volunteer and year, and for the year-end commendations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers.service_choices import HOURS_OPEN, HoursStatus, SignupStatus
from zhigong.volunteers.service_models import HOURS_FLOW, ServiceHours, ServiceProject
from zhigong.volunteers.services.projects import approved_volunteer_of

HALF = Decimal("0.5")
MAX_A_DAY = Decimal(24)


def parse_hours(value: object) -> Decimal:
    """Hours in steps of half an hour, from 0.5 to 24."""
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        hours = Decimal(-1)
    if not hours.is_finite() or hours <= 0 or hours > MAX_A_DAY or hours % HALF:
        message = _("时长以半小时为单位，填写 0.5 到 24 之间的数。")
        raise DomainError(message, fields={"hours": message})
    return hours.quantize(Decimal("0.1"))


@service
def hours_log(
    *, actor: Actor, project: ServiceProject, served_on: date, hours: object, what: str
) -> ServiceHours:
    """The volunteer logs hours served on ``project`` (they must be signed up to it)."""
    volunteer = approved_volunteer_of(actor)
    if not project.signups.filter(volunteer=volunteer, status=SignupStatus.SIGNED_UP).exists():
        raise NotFound()
    if project.status not in HOURS_OPEN:
        raise DomainError(_("这个项目现在不能登记服务时长。"), code="not_open")
    amount = parse_hours(hours)
    what = what.strip()
    errors = {}
    if not what:
        errors["what"] = _("请写明做了什么。")
    if served_on > timezone.localdate():
        errors["served_on"] = _("服务日期不能晚于今天。")
    elif not project.starts_on <= served_on <= project.ends_on:
        errors["served_on"] = _("服务日期须在项目期间（%(start)s 至 %(end)s）。") % {
            "start": project.starts_on,
            "end": project.ends_on,
        }
    if errors:
        raise DomainError(_("服务时长有误，请按提示修改。"), fields=errors)
    that_day = (
        ServiceHours.objects.filter(volunteer=volunteer, served_on=served_on)
        .exclude(status=HoursStatus.REJECTED)
        .aggregate(total=Sum("hours"))["total"]
        or 0
    )
    if that_day + amount > MAX_A_DAY:
        message = _("同一天登记的时长合计不能超过 24 小时。")
        raise DomainError(message, fields={"hours": message})
    entry = ServiceHours.objects.create(
        project=project,
        volunteer=volunteer,
        served_on=served_on,
        hours=amount,
        what=what[:500],
        logged_by=acting_user(actor),
    )
    audit_record(
        actor=actor,
        action="volunteer_hours.log",
        target=entry,
        union=project.union,
        changes={"hours": [None, str(amount)], "served_on": [None, str(served_on)]},
    )
    return entry


@service
def hours_decide(
    *, actor: Actor, entry: ServiceHours, confirm: bool, reason: str = ""
) -> ServiceHours:
    """The organiser confirms the hours, or rejects them with a reason."""
    entry = (
        ServiceHours.objects.select_for_update(of=("self",))
        .select_related("project__union", "project__city_union", "volunteer")
        .get(pk=entry.pk)
    )
    if not can.can_decide_hours(actor, entry):
        if not can.can_view_project(actor, entry.project):
            raise NotFound()
        if can.is_volunteer(actor, entry.volunteer) or can._is(actor, entry.logged_by_id):
            raise DomainError(_("志愿者本人不能确认自己的服务时长。"), code="asked_for_it")
        raise DomainError(_("这条服务时长现在不等待您确认。"), code="not_your_step")
    reason = reason.strip()
    if not confirm and not reason:
        raise DomainError(_("不予确认须填写理由。"), fields={"reason": _("请填写理由。")})
    entry.decided_by = acting_user(actor)
    entry.decided_at = timezone.now()
    entry.reason = reason
    transition(
        entry,
        HOURS_FLOW,
        HoursStatus.CONFIRMED if confirm else HoursStatus.REJECTED,
        actor=actor,
        union=entry.project.union,
        reason=reason,
    )
    if not confirm:
        notify(
            entry.volunteer.applicant,
            title=_("服务时长未确认"),
            body=_("%(project)s %(date)s：%(reason)s")
            % {"project": entry.project.title, "date": entry.served_on, "reason": reason},
        )
    return entry
