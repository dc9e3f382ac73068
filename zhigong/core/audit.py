"""The audit chains: every write service records who did what to whom, from which union and
why (``audit_record``, inside its transaction); every deliberate view of full personal data is
logged (``log_access``). Both logs are append-only chains (``ChainedRecord``):

    hash = HMAC-SHA256(ZHIGONG_AUDIT_KEY, prev_hash | canonical JSON of the row)

The key is not in the database, so someone with write access to it cannot recompute the
chain after an edit. ``verify_chain`` walks a chain and reports edited, deleted and inserted
rows; given a head kept elsewhere (``--expect-head`` of ``manage.py audit_verify``) it also
finds the newest rows deleted. On PostgreSQL the tables refuse UPDATE and DELETE (a trigger,
``core.0004``). The pages that read the logs live in the ``audit`` app."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor, SystemActor, acting_user
from zhigong.core.errors import DomainError
from zhigong.core.masking import MASKERS
from zhigong.core.models import AccessLog, AuditEvent, ChainedRecord

GENESIS = "0" * 64
# Personal fields are masked in the before/after record: the audit log is no side door.
_MASKED_FIELDS = {
    "id_number": "id_number",
    "phone": "phone",
    "mobile": "phone",
}
# Some fields must never be recorded at all, not even masked.
_SECRET_FIELDS = {"password", "phone_encrypted", "phone_index", "key_hash"}
# Any numbers serve; each only has to be the same for every writer of its chain.
_CHAIN_LOCKS: dict[type[ChainedRecord], int] = {AuditEvent: 7_734_201, AccessLog: 7_734_202}


def chain_hash(prev_hash: str, payload: dict[str, Any], *, key: str | None = None) -> str:
    """The keyed hash of a row of a chain (``key``: for migrations; else the setting)."""
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    secret = (key if key is not None else settings.ZHIGONG_AUDIT_KEY).encode()
    return hmac.new(secret, f"{prev_hash}|{body}".encode(), hashlib.sha256).hexdigest()


def _append(row: ChainedRecord) -> None:
    """Give ``row`` the next place in its chain and save it. Writers of one chain are
    serialised (PostgreSQL: an advisory transaction lock; SQLite has one writer anyway)."""
    model = type(row)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCKS[model]])
        last = model._default_manager.order_by("-seq").values("seq", "hash").first()
        row.seq = (last["seq"] + 1) if last else 1
        row.prev_hash = last["hash"] if last else GENESIS
        row.hash = chain_hash(row.prev_hash, row.payload())
        row.save()


def _clean(field: str, value: Any) -> Any:
    if field in _SECRET_FIELDS:
        return "[secret]"
    masker = MASKERS.get(_MASKED_FIELDS.get(field, ""))
    if masker and isinstance(value, str):
        return masker(value)
    if isinstance(value, Model):
        return str(value.pk)
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The changed fields as {field: [before, after]}, personal data masked."""
    changes: dict[str, list[Any]] = {}
    for field in sorted(set(before) | set(after)):
        old, new = before.get(field), after.get(field)
        if old != new:
            changes[field] = [_clean(field, old), _clean(field, new)]
    return changes


@dataclass(frozen=True)
class Target:
    type: str
    id: str
    label: str = ""

    @classmethod
    def of(cls, obj: Model) -> Target:
        return cls(obj._meta.label_lower, str(obj.pk), str(obj)[:255])


class Placed(Protocol):
    """What the chain needs of a union: its id and its tree path (``core`` does not import
    the ``unions`` app)."""

    pk: Any
    path: str


def audit_event(
    *,
    actor: Actor,
    action: str,
    target: Target | Model,
    union: Placed | None = None,
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> AuditEvent:
    """An event, not yet in the chain (``audit_record`` appends one; ``audit_record_many``
    appends a batch)."""
    if isinstance(target, Model):
        target = Target.of(target)
    return AuditEvent(
        occurred_at=timezone.now(),
        actor=acting_user(actor),
        actor_label=actor_label(actor),
        action=action,
        target_type=target.type,
        target_id=target.id,
        target_label=target.label,
        union_id=union.pk if union is not None else None,
        union_path=union.path if union is not None else "",
        reason=reason,
        changes=changes or {},
    )


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: Target | Model,
    union: Placed | None = None,
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> AuditEvent:
    """Append one event to the hash chain. Call inside the service's transaction."""
    event = audit_event(
        actor=actor, action=action, target=target, union=union, reason=reason, changes=changes
    )
    _append(event)
    return event


def audit_record_many(events: list[AuditEvent]) -> None:
    """Append a batch of events (``audit_event``) in their order, under one lock and one
    insert: for a job that acts on thousands of records at once (the deadline scan). Call
    inside the job's transaction."""
    if not events:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCKS[AuditEvent]])
        last = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
        seq, prev_hash = (last["seq"], last["hash"]) if last else (0, GENESIS)
        for event in events:
            seq += 1
            event.seq, event.prev_hash = seq, prev_hash
            event.hash = prev_hash = chain_hash(event.prev_hash, event.payload())
        AuditEvent.objects.bulk_create(events, batch_size=1000)


def actor_label(actor: Actor) -> str:
    return str(actor.get_username() if not isinstance(actor, SystemActor) else actor)[:150]


def log_reveal(
    *,
    actor: Actor,
    subject: Model,
    fields: str,
    reason: str,
    union_path: str,
    channel: str = "page",
) -> str:
    """A reveal of full personal data: refused without a reason (two characters or more),
    then recorded in the access log. Every service that shows full data on request goes
    through here. Returns the reason as recorded."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise DomainError(_("查看完整信息必须填写理由。"), fields={"reason": _("请填写理由。")})
    log_access(
        actor=actor,
        subject=subject,
        fields=fields,
        reason=reason,
        union_path=union_path,
        channel=channel,
    )
    return reason


def log_access(
    *,
    actor: Actor,
    subject: Model,
    fields: str,
    reason: str,
    union_path: str,
    channel: str = "page",
) -> AccessLog:
    """Record a deliberate view of full personal data (a reveal, an unmasked export, the
    member's own export): who, whose, which fields, why, through which channel."""
    row = AccessLog(
        at=timezone.now(),
        actor=acting_user(actor),
        actor_label=actor_label(actor),
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        subject_label=str(subject)[:255],
        fields=fields,
        reason=reason,
        union_path=union_path,
        channel=channel,
    )
    _append(row)
    return row


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


@dataclass(frozen=True)
class ChainReport:
    name: str
    checked: int
    head: str  # "<seq>:<hash>" of the newest row, "0:<genesis>" for an empty chain
    problems: list[ChainProblem]


CHAINS: dict[str, type[ChainedRecord]] = {"audit": AuditEvent, "access": AccessLog}


def verify_chain(
    model: type[ChainedRecord], *, expect_head: str = "", batch: int = 5000, key: str | None = None
) -> ChainReport:
    """Walk a chain in order; report every row whose hash or link does not hold.

    Detects an edited row (its hash no longer matches: without the key nobody can make it
    match again), a deleted row (a gap in ``seq`` and a broken link) and a re-ordered or
    inserted row (a broken link). ``expect_head`` ("<seq>:<hash>", printed by an earlier run
    and kept elsewhere) must still be in the chain: otherwise the newest rows were deleted or
    the chain was rebuilt.
    """
    name = next(n for n, m in CHAINS.items() if m is model)
    problems: list[ChainProblem] = []
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    kept_seq, _, kept_hash = expect_head.partition(":")
    kept_found = not expect_head
    while True:
        rows = list(model._default_manager.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for row in rows:
            checked += 1
            if row.seq != expected_seq:
                problems.append(
                    ChainProblem(row.seq, f"missing rows {expected_seq}..{row.seq - 1}")
                )
            if row.prev_hash != prev_hash:
                problems.append(ChainProblem(row.seq, "link to the previous row is broken"))
            if chain_hash(row.prev_hash, row.payload(), key=key) != row.hash:
                problems.append(ChainProblem(row.seq, "content does not match its hash"))
            if expect_head and str(row.seq) == kept_seq:
                kept_found = row.hash == kept_hash
            prev_hash, expected_seq, last_seq = row.hash, row.seq + 1, row.seq
    if not kept_found:
        problems.append(
            ChainProblem(
                int(kept_seq) if kept_seq.isdigit() else 0,
                "the kept head is not in the chain: newer rows were deleted, or it was rebuilt",
            )
        )
    return ChainReport(name, checked, f"{last_seq}:{prev_hash}", problems)


def audit_verify(*, batch: int = 5000) -> tuple[int, list[ChainProblem]]:
    """The audit events' chain (kept for the callers of the first version)."""
    report = verify_chain(AuditEvent, batch=batch)
    return report.checked, report.problems
