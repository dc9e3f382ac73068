"""Commending outstanding volunteers (VOL-7, seed 001 §5.4): a union above the volunteer's
(their district/industry union or the city, ``volunteer.approve`` there) names them for a
year, with a citation; a published commendation is shown on the portal.

Candidates come from the year's work: volunteers with enough confirmed service hours and
projects completed in the year (``service_selectors.volunteer_candidates`` and
``project_candidates``); outstanding projects are commended here too."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.service import service
from zhigong.notifications.services import notify
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers import permissions
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Commendation, Volunteer
from zhigong.volunteers.service_choices import ProjectStatus
from zhigong.volunteers.service_models import ProjectCommendation, ServiceProject

C = TypeVar("C", Commendation, ProjectCommendation)


def _check(year: int, title: str, citation: str) -> tuple[str, str]:
    title, citation = title.strip(), citation.strip()
    errors = {}
    if not title:
        errors["title"] = _("此项必填。")
    if not citation:
        errors["citation"] = _("此项必填。")
    if not 2000 <= year <= 2100:
        errors["year"] = _("请填写 2000 到 2100 之间的年份。")
    if errors:
        raise DomainError(_("表彰信息有误，请按提示修改。"), fields=errors)
    return title, citation


@service
def volunteer_commend(
    *,
    actor: Actor,
    volunteer: Volunteer,
    union: Union,
    year: int,
    title: str,
    citation: str,
    published: bool = False,
) -> Commendation:
    permissions.require(
        permissions.can_view_as_staff(actor, volunteer), user=actor, volunteer=volunteer
    )
    policy.require_perm(actor, Perm.VOLUNTEER_APPROVE, union)
    if not volunteer.union.path.startswith(union.path):
        message = _("表彰单位须是该志愿者所在工会或其上级工会。")
        raise DomainError(message, fields={"union": message})
    if volunteer.status != VolunteerStatus.APPROVED:
        raise DomainError(_("只能表彰已批准的志愿者。"), code="not_a_volunteer")
    commendation = _record(
        Commendation,
        {"volunteer": volunteer},
        actor=actor,
        union=union,
        year=year,
        title=title,
        citation=citation,
        published=published,
        action="volunteer.commend",
        taken=_("该志愿者本年度已获得这项表彰。"),
    )
    notify(
        volunteer.applicant,
        title=_("您获得了表彰"),
        body=_("%(union)s授予您“%(year)d 年度%(title)s”称号。")
        % {"union": union.name, "year": year, "title": commendation.title},
    )
    return commendation


@service
def project_commend(
    *,
    actor: Actor,
    project: ServiceProject,
    union: Union,
    year: int,
    title: str,
    citation: str,
    published: bool = False,
) -> ProjectCommendation:
    """Commend an outstanding project completed in the year, by a union above its organiser."""
    if project.union is None or not policy.has_perm(actor, Perm.VOLUNTEER_VIEW, project.union):
        raise NotFound()
    policy.require_perm(actor, Perm.VOLUNTEER_APPROVE, union)
    if not project.union.path.startswith(union.path):
        message = _("表彰单位须是项目的组织工会或其上级工会。")
        raise DomainError(message, fields={"union": message})
    if project.status != ProjectStatus.COMPLETED:
        raise DomainError(_("只能表彰已完成的项目。"), code="not_completed")
    return _record(
        ProjectCommendation,
        {"project": project},
        actor=actor,
        union=union,
        year=year,
        title=title,
        citation=citation,
        published=published,
        action="volunteer_project.commend",
        taken=_("该项目本年度已获得这项表彰。"),
    )


def _record(
    model: type[C],
    subject: dict[str, Any],
    *,
    actor: Actor,
    union: Union,
    year: int,
    title: str,
    citation: str,
    published: bool,
    action: str,
    taken: str,
) -> C:
    """Write a commendation of a volunteer or a project (once a year per title) and audit
    it; the callers have checked who may and what may be commended."""
    title, citation = _check(year, title, citation)
    try:
        with transaction.atomic():
            commendation = model.objects.create(
                **subject,
                year=year,
                title=title[:64],
                citation=citation[:2000],
                union=union,
                by=acting_user(actor),
                published=published,
            )
    except IntegrityError as exc:
        raise Conflict(taken) from exc
    audit_record(
        actor=actor,
        action=action,
        target=next(iter(subject.values())),
        union=union,
        reason=citation,
        changes={"title": [None, title], "year": [None, year], "published": [None, published]},
    )
    return commendation
