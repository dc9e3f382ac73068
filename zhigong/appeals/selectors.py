"""Every read of appeals: the staff's, scoped by the union tree, and the portal's, which
shows an appeal only while its period runs (no job takes it off: the query filters by date)
and closed appeals as stories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from zhigong.appeals import permissions
from zhigong.appeals.choices import AppealStatus, PledgeKind, PledgeStatus
from zhigong.appeals.models import AppealPicture, HardshipAppeal, Pledge
from zhigong.core.compiled import CompiledQuery
from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.roles import Perm

S = AppealStatus
# What the portal reads of an appeal: never the worker's encrypted or masked numbers.
PUBLIC_FIELDS = (
    "id",
    "worker_name",
    "locality",
    "amount_sought",
    "status",
    "public_title",
    "public_story",
    "publish_starts",
    "publish_ends",
    "outcome",
    "amount_raised",
    "closed_at",
    "featured",
)


def staff_scope(user: Any) -> QuerySet[HardshipAppeal]:
    paths = policy.scope_paths(user, Perm.APPEAL_VIEW)
    return HardshipAppeal.objects.filter(policy.path_filter(paths, "union__path"))


def appeal_list(user: Any, status: str = "", q: str = "") -> QuerySet[HardshipAppeal]:
    found = staff_scope(user)
    if status in S.values:
        found = found.filter(status=status)
    if q.strip():
        found = found.filter(Q(title__contains=q.strip()) | Q(worker_name__contains=q.strip()))
    return (
        found.select_related("union")
        .only("id", "title", "worker_name", "status", "union__name", "updated_at", "featured")
        .order_by("-updated_at", "-id")
    )


def waiting_q(user: Any) -> Q:
    """Appeals waiting for a step the user's scope may take (whether they raised it
    themselves is checked when they open it): verify at the union, publish at the centre,
    close once the period has ended."""
    verify = policy.scope_paths(user, Perm.APPEAL_VERIFY)
    publish = policy.scope_paths(user, Perm.APPEAL_PUBLISH)
    q = Q(pk__in=[])
    if verify:
        q |= Q(status=S.RAISED) & policy.path_filter(verify, "union__path")
    if publish:
        q |= Q(status=S.VERIFIED) & policy.path_filter(publish, "help_centre__path")
        q |= Q(status=S.PUBLISHED, publish_ends__lt=timezone.localdate()) & policy.path_filter(
            publish, "help_centre__path"
        )
    return q


def waiting_for(user: Any) -> QuerySet[HardshipAppeal]:
    return (
        HardshipAppeal.objects.filter(waiting_q(user))
        .exclude(raised_by_id=user.pk)
        .select_related("union")
        .order_by("updated_at", "id")
    )


def appeal_get_for_staff(user: Any, pk: int) -> HardshipAppeal:
    appeal = (
        HardshipAppeal.objects.select_related(
            "union", "help_centre", "raised_by", "verified_by", "published_by", "closed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if appeal is None or not permissions.can_view(user, appeal):
        raise NotFound()
    return appeal


def picture_get_for_staff(user: Any, appeal_pk: int, pk: int) -> AppealPicture:
    appeal = appeal_get_for_staff(user, appeal_pk)
    picture = appeal.pictures.filter(pk=pk).first()
    if picture is None:
        raise NotFound()
    picture.appeal = appeal
    return picture


def pledge_get_for_staff(user: Any, pk: int) -> Pledge:
    pledge = Pledge.objects.select_related("appeal__union").filter(pk=pk).first()
    if pledge is None or not permissions.can_view(user, pledge.appeal):
        raise NotFound()
    return pledge


# --- the portal ---------------------------------------------------------------------------


def on_portal(today: date | None = None) -> QuerySet[HardshipAppeal]:
    """Published appeals whose period runs today."""
    today = today or timezone.localdate()
    return HardshipAppeal.objects.filter(
        status=S.PUBLISHED, publish_starts__lte=today, publish_ends__gte=today
    )


def stories() -> QuerySet[HardshipAppeal]:
    """Closed appeals, told with their outcome."""
    return HardshipAppeal.objects.filter(status=S.CLOSED)


def public(found: QuerySet[HardshipAppeal]) -> QuerySet[HardshipAppeal]:
    return found.only(*PUBLIC_FIELDS).order_by("-featured", "-publish_starts", "-id")


def portal_get(pk: int) -> HardshipAppeal:
    appeal = public(on_portal() | stories()).filter(pk=pk).first()
    if appeal is None:
        raise NotFound()
    return appeal


def public_pictures(appeal: HardshipAppeal) -> QuerySet[AppealPicture]:
    """The pictures the centre chose, only while the appeal is on the portal."""
    if appeal.status != S.PUBLISHED:
        return AppealPicture.objects.none()
    return appeal.pictures.exclude(public_path="").only("id", "appeal_id")


def public_picture_get(appeal_pk: int, pk: int) -> AppealPicture:
    picture = (
        AppealPicture.objects.filter(pk=pk, appeal__in=on_portal().filter(pk=appeal_pk))
        .exclude(public_path="")
        .first()
    )
    if picture is None:
        raise NotFound()
    return picture


def featured_stories(limit: int = 3) -> list[HardshipAppeal]:
    """For the portal home: featured appeals on the portal now or closed, in one query
    (compiled once per process: the home is the most visited page)."""
    return _FEATURED.run(timezone.localdate())[:limit]


_FEATURED = CompiledQuery(
    lambda today: public((on_portal(today) | stories()).filter(featured=True))[:3]
)


@dataclass(frozen=True)
class Totals:
    pledges: int
    money: Decimal
    fulfilled_money: Decimal
    goods_and_services: int


def totals(appeal: HardshipAppeal) -> Totals:
    live = ~Q(status=PledgeStatus.CANCELLED)
    money = Q(kind=PledgeKind.MONEY) & live
    row = Pledge.objects.filter(appeal=appeal).aggregate(
        pledges=Count("id", filter=live),
        money=Sum("amount", filter=money),
        fulfilled=Sum("amount", filter=money & Q(status=PledgeStatus.FULFILLED)),
        other=Count("id", filter=live & ~Q(kind=PledgeKind.MONEY)),
    )
    return Totals(
        pledges=row["pledges"],
        money=row["money"] or Decimal(0),
        fulfilled_money=row["fulfilled"] or Decimal(0),
        goods_and_services=row["other"],
    )


def public_pledges(appeal: HardshipAppeal, limit: int = 50) -> QuerySet[Pledge]:
    return (
        appeal.pledges.exclude(status=PledgeStatus.CANCELLED)
        .only("id", "donor_name", "is_organisation", "anonymous", "kind", "amount", "created_at")
        .order_by("-created_at", "-id")[:limit]
    )
