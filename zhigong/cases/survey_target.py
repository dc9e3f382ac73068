"""The surveys' target kind "the requesters of a union's cases" (EVAL-2): a survey of a
union's case handling (回访), answered only by someone whose case held in that union's
subtree was answered (replied or closed), once (the surveys engine allows one response per
account). Registered from ``apps.CasesConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhigong.cases.choices import CaseStatus
from zhigong.cases.models import Case
from zhigong.surveys.targets import TargetKind, register
from zhigong.unions.models import Union

ANSWERED = (CaseStatus.REPLIED, CaseStatus.CLOSED)


def _choices(unions: QuerySet[Union]) -> list[tuple[int, str]]:
    return list(unions.order_by("path").values_list("pk", "name")[:500])


def _may_answer(union: Union, user: Any, member: Any) -> bool:
    """Only the requester of an answered case of the union's subtree (their account)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return Case.objects.filter(
        requester=user, status__in=ANSWERED, union__path__startswith=union.path
    ).exists()


CASE_REQUESTERS = register(
    TargetKind(
        key="case_requesters",
        label=_("工会受理诉求的求助人（回访）"),
        find=lambda pk: Union.objects.filter(pk=pk).first(),
        choices=_choices,
        union_of=lambda union: union,
        name_of=lambda union: str(_("%(union)s 受理的诉求") % {"union": union.name}),
        may_answer=_may_answer,
    )
)
