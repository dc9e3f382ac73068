"""Reading the audit log and the access log, limited to the reader's subtree
(``audit.view``), and presenting their rows in people's words (``core.audit_words``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhigong.core.audit_words import ChangeLine, words
from zhigong.core.models import AccessLog, AuditEvent
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import union_names


def _by_person(actor: str) -> Q:
    """A person typed into a filter: their login name or their full name."""
    actor = actor.strip()
    return Q(actor_label=actor) | Q(actor__full_name=actor)


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
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(_by_person(actor))
    if since:
        qs = qs.filter(occurred_at__date__gte=since)
    if until:
        qs = qs.filter(occurred_at__date__lte=until)
    return qs.select_related("union", "actor").order_by("-seq")


def access_list(
    *,
    user: Any,
    actor: str = "",
    channel: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AccessLog]:
    """Views of full personal data (reveals, unmasked exports, members' own exports) of
    people in the user's audit scope, newest first."""
    paths = policy.scope_paths(user, Perm.AUDIT_VIEW)
    qs = AccessLog.objects.filter(policy.path_filter(paths, field="union_path"))
    if actor:
        qs = qs.filter(_by_person(actor))
    if channel:
        qs = qs.filter(channel=channel)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs.select_related("actor").order_by("-seq")


# --- rows in people's words ------------------------------------------------------------------


def person(user: Any, label: str) -> str:
    """Who acted: the account's full name and login (张三 · zhangsan), the platform as 系统."""
    if user is None:
        return _("系统") if label == "system" else label
    full_name = getattr(user, "full_name", "") or ""
    if not full_name or full_name == user.username:
        return str(user.username)
    return f"{full_name}（{user.username}）"


@dataclass(frozen=True)
class EventRow:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    action_code: str
    target: str
    union: str
    reason: str
    changes: list[ChangeLine]


def event_rows(events: Iterable[AuditEvent]) -> list[EventRow]:
    """Audit events as the page shows them: action, object, field and value labels, the
    actor's name; people's names masked (an auditor looks after no member)."""
    events = list(events)
    vocabulary = words()
    codes = set().union(*(vocabulary.union_codes(e.changes) for e in events)) if events else set()
    unions = union_names(codes)
    return [
        EventRow(
            seq=e.seq,
            at=e.occurred_at,
            actor=person(e.actor, e.actor_label),
            action=vocabulary.action_label(e.action),
            action_code=e.action,
            target=vocabulary.target_label(e.target_type, e.target_id, e.target_label, mask=True),
            union=e.union.name if e.union else "",
            reason=e.reason,
            changes=vocabulary.change_lines(e.target_type, e.changes, unions=unions, mask=True),
        )
        for e in events
    ]


@dataclass(frozen=True)
class AccessRow:
    seq: int
    at: dt.datetime
    actor: str
    subject: str
    fields: str
    reason: str
    channel: str
    union: str


def access_rows(logs: Iterable[AccessLog]) -> list[AccessRow]:
    """Rows of the access log as people read them: whose data (masked), which fields, how."""
    logs = list(logs)
    vocabulary = words()
    paths = {log.union_path for log in logs if log.union_path}
    unions = dict(Union.objects.filter(path__in=paths).values_list("path", "name"))
    return [
        AccessRow(
            seq=log.seq,
            at=log.at,
            actor=person(log.actor, log.actor_label),
            subject=vocabulary.target_label(
                log.subject_type, log.subject_id, log.subject_label, mask=True
            ),
            fields="、".join(
                vocabulary.field_label(log.subject_type, f) for f in log.fields.split(",") if f
            ),
            reason=log.reason,
            channel=vocabulary.channel_label(log.channel),
            union=unions.get(log.union_path, ""),
        )
        for log in logs
    ]
