"""Every scoped read of volunteers and quotas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.models import Union, UnionKind
from zhigong.unions.roles import Perm
from zhigong.volunteers import permissions
from zhigong.volunteers.choices import COUNTED, VolunteerStatus
from zhigong.volunteers.levels import holds_quota
from zhigong.volunteers.models import Commendation, Volunteer, VolunteerQuota

S = VolunteerStatus


def staff_scope(user: Any) -> QuerySet[Volunteer]:
    """The registrations of the unions the user's ``volunteer.view`` covers."""
    paths = policy.scope_paths(user, Perm.VOLUNTEER_VIEW)
    return Volunteer.objects.filter(policy.path_filter(paths, "union__path"))


def waiting_q(user: Any) -> Q:
    """Registrations waiting for an opinion the user's scope may give (whether they asked
    for one themselves is checked when they open it)."""
    review = policy.scope_paths(user, Perm.VOLUNTEER_REVIEW)
    approve = policy.scope_paths(user, Perm.VOLUNTEER_APPROVE)
    q = Q(pk__in=[])
    if review:
        q |= Q(status=S.SUBMITTED) & policy.path_filter(review, "union__path")
    if approve:
        q |= Q(status=S.UNIT_APPROVED) & policy.path_filter(approve, "quota_union__path")
        q |= Q(status=S.DISTRICT_APPROVED) & policy.path_filter(approve, "city_union__path")
    return q


def waiting_mine(user: Any) -> QuerySet[Volunteer]:
    """Those of ``waiting_q`` the user did not ask for (as the applicant or the clerk)."""
    return (
        Volunteer.objects.filter(waiting_q(user))
        .exclude(entered_by_id=user.pk)
        .exclude(applicant_id=user.pk)
    )


def waiting_for(user: Any) -> QuerySet[Volunteer]:
    """The queue of registrations waiting for the user's step, oldest first."""
    found = waiting_mine(user)
    return found.select_related("union", "quota_union").order_by("updated_at", "id")


@dataclass(frozen=True)
class VolunteerFilter:
    q: str = ""
    status: str = ""
    union: Union | None = None
    identity: str = ""


def volunteer_list(user: Any, filters: VolunteerFilter) -> QuerySet[Volunteer]:
    found = staff_scope(user)
    if filters.union is not None:
        found = found.filter(union__path__startswith=filters.union.path)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.identity:
        found = found.filter(identity=filters.identity)
    if filters.q:
        found = found.filter(name__contains=filters.q.strip())
    return found.select_related("union").order_by("-created_at", "-id")


def volunteer_get_for_staff(user: Any, pk: int) -> Volunteer:
    volunteer = Volunteer.objects.select_related("union", "quota_union").filter(pk=pk).first()
    if volunteer is None or not permissions.can_view_as_staff(user, volunteer):
        raise NotFound()
    return volunteer


def own_registrations(user: Any) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.filter(applicant_id=getattr(user, "pk", None))
        .select_related("union")
        .order_by("-created_at", "-id")
    )


def volunteer_get_own(user: Any, pk: int) -> Volunteer:
    volunteer = own_registrations(user).filter(pk=pk).first()
    if volunteer is None:
        raise NotFound()
    return volunteer


def current_registration(user: Any) -> Volunteer | None:
    """The user's registration that is not withdrawn, if any."""
    return own_registrations(user).exclude(status=S.WITHDRAWN).first()


@dataclass(frozen=True)
class QuotaRow:
    union: Union
    quota: int | None
    note: str
    used: int
    waiting: int  # past the unit's opinion, waiting for the district's

    @property
    def left(self) -> int | None:
        return None if self.quota is None else self.quota - self.used


def quota_rows(user: Any, year: int | None = None) -> list[QuotaRow]:
    """Quota, places used and left of every district/zone/industry union in the user's
    ``volunteer.view`` scope for ``year`` (three queries whatever the number of unions)."""
    year = year or timezone.localdate().year
    unions = [
        u
        for u in policy.unions_with_perm(user, Perm.VOLUNTEER_VIEW)
        .filter(kind__in=(UnionKind.FEDERATION, UnionKind.ZONE, UnionKind.INDUSTRY))
        .order_by("path")
        if holds_quota(u)
    ]
    ids = [u.pk for u in unions]
    quotas = {q.union_id: q for q in VolunteerQuota.objects.filter(union_id__in=ids, year=year)}
    counts = {
        row["quota_union"]: row
        for row in Volunteer.objects.filter(quota_union_id__in=ids)
        .values("quota_union")
        .annotate(
            used=Count("id", filter=Q(quota_year=year, status__in=COUNTED)),
            waiting=Count("id", filter=Q(status=S.UNIT_APPROVED)),
        )
    }
    return [
        QuotaRow(
            union=u,
            quota=quotas[u.pk].count if u.pk in quotas else None,
            note=quotas[u.pk].note if u.pk in quotas else "",
            used=counts.get(u.pk, {}).get("used", 0),
            waiting=counts.get(u.pk, {}).get("waiting", 0),
        )
        for u in unions
    ]


def published_commendations() -> QuerySet[Commendation]:
    """Commendations shown on the portal, newest year first (names, unions, titles and
    citations only: the page shows nothing else of the volunteer)."""
    return Commendation.objects.filter(
        published=True, volunteer__status=VolunteerStatus.APPROVED
    ).select_related("volunteer", "union")
