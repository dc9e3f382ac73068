"""The surveys' target kind "the participants of a service project" (VOL-5, EVAL-2): the
organising union surveys the volunteers who signed up to its project (still signed up, not
withdrawn), each of them once (the surveys engine allows one response per account or member).
Registered from ``apps.VolunteersConfig.ready``, as the cases app registers its requesters.

A volunteer entered on a paper form has no account: they answer when their member record is
read by card at the desk (``may_answer`` is asked with the member then)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhigong.surveys.targets import TargetKind, register
from zhigong.unions.models import Union
from zhigong.volunteers.service_choices import ProjectStatus, SignupStatus
from zhigong.volunteers.service_models import ProjectSignup, ServiceProject

# Projects with participants to ask: sign-up has opened.
SURVEYED = (ProjectStatus.OPEN, ProjectStatus.UNDER_WAY, ProjectStatus.COMPLETED)


def _find(pk: int) -> ServiceProject | None:
    return ServiceProject.objects.select_related("union").filter(pk=pk, union__isnull=False).first()


def _choices(unions: QuerySet[Union]) -> list[tuple[int, str]]:
    return list(
        ServiceProject.objects.filter(union__in=unions, status__in=SURVEYED)
        .order_by("-starts_on", "-id")
        .values_list("pk", "title")[:500]
    )


def _may_answer(project: ServiceProject, user: Any, member: Any) -> bool:
    """Only a volunteer signed up to the project: by their account, or their member record."""
    who = Q()
    if user is not None and getattr(user, "pk", None):
        who |= Q(volunteer__applicant_id=user.pk)
    if member is not None and getattr(member, "pk", None):
        who |= Q(volunteer__member_id=member.pk)
    if not who:
        return False
    return ProjectSignup.objects.filter(
        who, project=project, status=SignupStatus.SIGNED_UP
    ).exists()


def _union_of(project: ServiceProject) -> Union:
    union = project.union
    assert union is not None  # ``_find`` finds only projects with an organising union
    return union


PROJECT_PARTICIPANTS = register(
    TargetKind(
        key="project_participants",
        label=_("志愿服务项目的参加志愿者"),
        find=_find,
        choices=_choices,
        union_of=_union_of,
        name_of=lambda project: str(_("志愿服务项目：%(title)s") % {"title": project.title}),
        may_answer=_may_answer,
    )
)
