"""Reads of roster-import jobs: the ones a user started, and those anchored in their scope."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Q, QuerySet

from zhigong.core.errors import NotFound
from zhigong.members.models import MemberImport
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def import_list(user: Any) -> QuerySet[MemberImport]:
    """Imports the user started, and those anchored where the user holds member.import."""
    return (
        MemberImport.objects.filter(
            Q(actor=user)
            | policy.path_filter(policy.scope_paths(user, Perm.MEMBER_IMPORT), "anchor__path")
        )
        .select_related("anchor", "actor")
        .order_by("-created_at")
    )


def import_get(user: Any, pk: uuid.UUID) -> MemberImport:
    job = import_list(user).filter(pk=pk).first()
    if job is None:
        raise NotFound()
    return job


def imports_finished_since(user: Any, since: dt.datetime) -> dict[str, list[uuid.UUID]]:
    """The user's own imports that ended since ``since``, by status (done, checked, failed):
    the ids, newest first (one query)."""
    rows = (
        MemberImport.objects.filter(
            actor_id=getattr(user, "pk", None),
            finished_at__gte=since,
            status__in=FINISHED,
        )
        .order_by("-finished_at")
        .values_list("status", "id")[:200]
    )
    found: dict[str, list[uuid.UUID]] = {}
    for status, pk in rows:
        found.setdefault(status, []).append(pk)
    return found


FINISHED = (MemberImport.Status.DONE, MemberImport.Status.CHECKED, MemberImport.Status.FAILED)
