"""The three opinions on a registration (附件2): the unit union, the district/county or
industry union, the city federation; each approves or returns with reasons, in order.

The district's approval takes a place of its quota for the year (附件1). Two approvals at the
same moment must not over-fill it: the quota's row is locked (``SELECT … FOR UPDATE``) and
the places taken are counted inside the same transaction, so the second approval waits for
the first and counts it. Beyond the quota the approval is refused, unless the city (who holds
``volunteer.quota`` at the city federation) gives it with a recorded reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.unions.models import Union
from zhigong.volunteers import permissions
from zhigong.volunteers.choices import APPROVED_TO, COUNTED, Step, VolunteerStatus
from zhigong.volunteers.levels import step_union
from zhigong.volunteers.models import VOLUNTEER_FLOW, Volunteer, VolunteerOpinion, VolunteerQuota


@dataclass(frozen=True)
class QuotaUse:
    union: Union
    year: int
    quota: int | None  # None: no quota set for the year
    used: int

    @property
    def left(self) -> int:
        return max((self.quota or 0) - self.used, 0)


def places_taken(union: Union, year: int) -> int:
    return Volunteer.objects.filter(quota_union=union, quota_year=year, status__in=COUNTED).count()


def _take_place(
    actor: Actor, volunteer: Volunteer, district: Union, over_quota_reason: str
) -> None:
    """Count the volunteer in ``district``'s quota of this year, or refuse."""
    year = timezone.localdate().year
    quota = VolunteerQuota.objects.select_for_update().filter(union=district, year=year).first()
    used = places_taken(district, year)
    allowed = quota.count if quota is not None else 0
    if used >= allowed:
        reason = over_quota_reason.strip()
        if not permissions.can_allow_over_quota(actor, volunteer):
            if quota is None:
                message = _(
                    "%(union)s没有 %(year)d 年的志愿者名额，不能批准；请市总工会先分配名额。"
                )
            else:
                message = _(
                    "%(union)s %(year)d 年的志愿者名额 %(quota)d 人已用完，不能再批准；"
                    "如确需超出名额，请市总工会批准。"
                )
            raise DomainError(
                message % {"union": district.name, "year": year, "quota": allowed},
                code="quota_full",
            )
        if not reason:
            message = _("名额已用完（%(used)d/%(quota)d）：超出名额批准须填写理由。") % {
                "used": used,
                "quota": allowed,
            }
            raise DomainError(message, code="quota_full", fields={"over_quota_reason": message})
        volunteer.over_quota_reason = reason
    volunteer.quota_year = year


@service
def volunteer_decide(
    *,
    actor: Actor,
    volunteer: Volunteer,
    approve: bool,
    reason: str = "",
    over_quota_reason: str = "",
) -> Volunteer:
    """Give the opinion the registration waits for: approve (the next step) or return it."""
    volunteer = (
        Volunteer.objects.select_for_update(of=("self",))
        .select_related("union")
        .get(pk=volunteer.pk)
    )
    step = volunteer.waiting_step
    if step is None or not permissions.holds_step(actor, volunteer, step):
        if not permissions.can_view(actor, volunteer):
            raise NotFound()
        raise DomainError(
            _("这份登记现在不等待您的意见（可能已由他人处理）。"), code="not_your_step"
        )
    if permissions.asked_for_it(actor, volunteer):
        raise DomainError(_("登记人和代为登记的工作人员不能审核这份登记。"), code="asked_for_it")
    if permissions.gave_opinion(actor, volunteer):
        raise DomainError(
            _("同一人只能在一份登记上签一次意见，请由其他工作人员审核。"), code="one_opinion"
        )
    reason = reason.strip()
    if not approve and not reason:
        raise DomainError(_("退回须填写理由。"), fields={"reason": _("请填写理由。")})
    union = step_union(volunteer, step)
    if approve and step == Step.DISTRICT:
        _take_place(actor, volunteer, union, over_quota_reason)
    to = APPROVED_TO[Step(step)] if approve else VolunteerStatus.RETURNED
    if to == VolunteerStatus.APPROVED:
        volunteer.approved_at = timezone.now()
    VolunteerOpinion.objects.create(
        volunteer=volunteer,
        step=step,
        approved=approve,
        reason=reason,
        union=union,
        by=acting_user(actor),
        attempt=volunteer.attempt,
    )
    transition(
        volunteer,
        VOLUNTEER_FLOW,
        to,
        actor=actor,
        union=union,
        reason=reason or volunteer.over_quota_reason,
        changes={"step": [None, step]},
    )
    _tell_applicant(volunteer, step, approve, reason)
    return volunteer


def _tell_applicant(volunteer: Volunteer, step: str, approve: bool, reason: str) -> None:
    if volunteer.applicant is None:
        return
    if not approve:
        notify(
            volunteer.applicant,
            title=_("志愿者登记已退回"),
            body=_("%(step)s：%(reason)s。请修改后重新提交。")
            % {"step": Step(step).label, "reason": reason},
        )
    elif volunteer.status == VolunteerStatus.APPROVED:
        notify(
            volunteer.applicant,
            title=_("志愿者登记已批准"),
            body=_("欢迎加入工会服务帮扶志愿者队伍。"),
        )
