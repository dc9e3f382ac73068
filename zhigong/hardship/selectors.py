"""Every scoped read of hardship files and pairs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zhigong.core.errors import NotFound
from zhigong.hardship import permissions
from zhigong.hardship.choices import HOLDING, VISIT_ALERT_DAYS, FileStatus, PairingStatus
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer

P = PairingStatus


def file_scope(user: Any, perm: Perm = Perm.HARDSHIP_VIEW) -> QuerySet[HardshipFile]:
    """The files of the unions the user's ``perm`` covers."""
    paths = policy.scope_paths(user, perm)
    return HardshipFile.objects.filter(policy.path_filter(paths, "union__path"))


def _holding() -> Exists:
    return Exists(Pairing.objects.filter(file=OuterRef("pk"), status__in=HOLDING))


def _active() -> Exists:
    return Exists(Pairing.objects.filter(file=OuterRef("pk"), status=P.ACTIVE))


@dataclass(frozen=True)
class FileFilter:
    q: str = ""
    cause: str = ""
    status: str = ""
    union: Union | None = None
    unpaired: bool = False
    review_due: bool = False


def file_list(user: Any, filters: FileFilter) -> QuerySet[HardshipFile]:
    found = file_scope(user).annotate(paired=_active())
    if filters.union is not None:
        found = found.filter(union__path__startswith=filters.union.path)
    if filters.cause:
        found = found.filter(cause=filters.cause)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.unpaired:
        found = found.filter(status=FileStatus.OPEN, paired=False)
    if filters.q:
        found = found.filter(name__contains=filters.q.strip())
    if filters.review_due:
        found = found.filter(status=FileStatus.OPEN, review_on__lte=timezone.localdate())
    return (
        found.select_related("union")
        .defer("sensitive_encrypted", "id_number_encrypted", "phone_encrypted")
        .order_by("-created_at", "-id")
    )


def unpaired(user: Any) -> QuerySet[HardshipFile]:
    """Open files without an active volunteer (VOL-4: nobody is forgotten), oldest first."""
    return (
        file_scope(user)
        .filter(status=FileStatus.OPEN)
        .annotate(paired=_active(), asked=_holding())
        .filter(paired=False)
        .select_related("union")
        .defer("sensitive_encrypted", "id_number_encrypted", "phone_encrypted")
        .order_by("created_at", "id")
    )


def file_get_for_staff(user: Any, pk: int) -> HardshipFile:
    file = HardshipFile.objects.select_related("union", "member").filter(pk=pk).first()
    if file is None or not permissions.can_view(user, file):
        raise NotFound()
    return file


def review_due(user: Any, today: dt.date | None = None) -> QuerySet[HardshipFile]:
    today = today or timezone.localdate()
    return file_scope(user, Perm.HARDSHIP_MANAGE).filter(
        status=FileStatus.OPEN, review_on__lte=today
    )


def overdue_cutoff(today: dt.date | None = None) -> dt.date:
    """A pair last seen on or before this day has had no visit for 30 days."""
    return (today or timezone.localdate()) - dt.timedelta(days=VISIT_ALERT_DAYS)


def overdue_pairs(today: dt.date | None = None) -> QuerySet[Pairing]:
    return Pairing.objects.filter(status=P.ACTIVE, last_seen_on__lte=overdue_cutoff(today))


def pairing_scope(user: Any, perm: Perm = Perm.HARDSHIP_VIEW) -> QuerySet[Pairing]:
    paths = policy.scope_paths(user, perm)
    return Pairing.objects.filter(policy.path_filter(paths, "file__union__path"))


def overdue_for(user: Any, today: dt.date | None = None) -> QuerySet[Pairing]:
    """The alert queue: the user's pairs without a visit for 30 days, longest silent first."""
    return (
        pairing_scope(user)
        .filter(status=P.ACTIVE, last_seen_on__lte=overdue_cutoff(today))
        .select_related("file__union", "volunteer")
        .order_by("last_seen_on", "id")
    )


def requests_for(user: Any) -> QuerySet[Pairing]:
    """Volunteers' choices waiting for the user's confirmation (not their own)."""
    return (
        pairing_scope(user, Perm.HARDSHIP_PAIR)
        .filter(status=P.REQUESTED)
        .exclude(requested_by_id=getattr(user, "pk", None))
        .select_related("file__union", "volunteer")
        .order_by("created_at", "id")
    )


def pairing_get_for_staff(user: Any, pk: int) -> Pairing:
    pairing = Pairing.objects.select_related("file__union", "volunteer").filter(pk=pk).first()
    if pairing is None or not permissions.can_view(user, pairing.file):
        raise NotFound()
    return pairing


def candidates(file: HardshipFile) -> QuerySet[Volunteer]:
    """Approved volunteers who may serve the file (their area covers its union)."""
    ancestors = [*file.union.ancestor_paths(), file.union.path]
    return (
        Volunteer.objects.filter(status=VolunteerStatus.APPROVED)
        .filter(
            Q(quota_union__path__in=ancestors)
            | Q(quota_union__isnull=True, union__path__in=ancestors)
        )
        .select_related("union")
        .order_by("name", "id")
    )


# The volunteer's own pages.


def my_volunteer(user: Any) -> Volunteer | None:
    """The user's approved volunteer registration, if any."""
    if getattr(user, "pk", None) is None:
        return None
    return (
        Volunteer.objects.filter(applicant_id=user.pk, status=VolunteerStatus.APPROVED)
        .select_related("union", "quota_union")
        .first()
    )


def my_pairings(user: Any) -> QuerySet[Pairing]:
    return (
        Pairing.objects.filter(volunteer__applicant_id=getattr(user, "pk", None))
        .select_related("file__union", "volunteer")
        .order_by("-created_at", "-id")
    )


def my_pairing(user: Any, pk: int) -> Pairing:
    pairing = my_pairings(user).filter(pk=pk).first()
    if pairing is None:
        raise NotFound()
    return pairing


def offers_for(volunteer: Volunteer) -> QuerySet[HardshipFile]:
    """Open files nobody holds in the volunteer's area (their district/industry union's
    subtree): shown without ID number, phone or address."""
    area = volunteer.quota_union or volunteer.union
    return (
        HardshipFile.objects.filter(status=FileStatus.OPEN, union__path__startswith=area.path)
        .annotate(held=_holding())
        .filter(held=False)
        .select_related("union")
        .only("name", "gender", "birth_date", "cause", "needs", "household_size", "union")
        .order_by("created_at", "id")
    )


def offer_get(volunteer: Volunteer, pk: int) -> HardshipFile:
    file = offers_for(volunteer).filter(pk=pk).first()
    if file is None:
        raise NotFound()
    return file
