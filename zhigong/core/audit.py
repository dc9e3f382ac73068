"""The audit chain: every write service records who did what to whom, from which union and
why (``audit_record``, inside its transaction); every deliberate view of full personal data is
logged (``log_access``). ``audit_verify`` walks the chain. The pages that read it live in the
``audit`` app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from zhigong.core.actors import Actor, SystemActor, acting_user
from zhigong.core.masking import MASKERS
from zhigong.core.models import AccessLog, AuditEvent

GENESIS = "0" * 64
# Personal fields are masked in the before/after record: the audit log is no side door.
_MASKED_FIELDS = {
    "id_number": "id_number",
    "phone": "phone",
    "mobile": "phone",
}
# Some fields must never be recorded at all, not even masked.
_SECRET_FIELDS = {"password", "phone_encrypted", "phone_index", "key_hash"}
# Any number serves; it only has to be the same for every writer of the chain.
_CHAIN_LOCK = 7_734_201


def _lock_chain() -> None:
    """Serialise writers of the chain. SQLite already does (IMMEDIATE transactions)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


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
    if isinstance(target, Model):
        target = Target.of(target)
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
        event = AuditEvent(
            seq=(last["seq"] + 1) if last else 1,
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
            prev_hash=last["hash"] if last else GENESIS,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


def actor_label(actor: Actor) -> str:
    return str(actor.get_username() if not isinstance(actor, SystemActor) else actor)[:150]


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
    return AccessLog.objects.create(
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


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def audit_verify(*, batch: int = 5000) -> tuple[int, list[ChainProblem]]:
    """Walk the chain in order; report every row whose hash or link does not hold.

    Detects an edited row (its hash no longer matches), a deleted row (a gap in ``seq`` and a
    broken link) and a re-ordered or inserted row (a broken link).
    """
    problems: list[ChainProblem] = []
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for event in rows:
            checked += 1
            if event.seq != expected_seq:
                problems.append(
                    ChainProblem(event.seq, f"missing events {expected_seq}..{event.seq - 1}")
                )
            if event.prev_hash != prev_hash:
                problems.append(ChainProblem(event.seq, "link to the previous event is broken"))
            if event.compute_hash() != event.hash:
                problems.append(ChainProblem(event.seq, "content does not match its hash"))
            prev_hash, expected_seq, last_seq = event.hash, event.seq + 1, event.seq
    return checked, problems
