"""Writing audit events. Every write service calls ``audit_record`` inside its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from zhigong.audit.models import AuditEvent
from zhigong.core.masking import MASKERS

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


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Target | Model,
    union: Any = None,
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
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            action=action,
            target_type=target.type,
            target_id=target.id,
            target_label=target.label,
            union=union,
            union_path=getattr(union, "path", "") or "",
            reason=reason,
            changes=changes or {},
            prev_hash=last["hash"] if last else GENESIS,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    return str(getattr(actor, "username", actor))[:150]


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
