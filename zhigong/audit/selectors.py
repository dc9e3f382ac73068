"""Reading the audit log, limited to the reader's subtree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from zhigong.core.models import AuditEvent
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def audit_list(
    *,
    user: Any,
    action: str = "",
    actor: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events about unions in the user's audit scope, newest first.

    Events with no union (a user's own token or second factor) stay out of every staff view.
    """
    paths = policy.scope_paths(user, Perm.AUDIT_VIEW)
    qs = AuditEvent.objects.filter(policy.path_filter(paths, field="union_path"))
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_label=actor)
    if since:
        qs = qs.filter(occurred_at__date__gte=since)
    if until:
        qs = qs.filter(occurred_at__date__lte=until)
    return qs.select_related("union").order_by("-seq")
