"""The audit chains: every row links to the one before under a key that is not in the
database; edits, deletions, a recomputed chain and a deleted tail all show."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from zhigong.core.actors import SYSTEM
from zhigong.core.audit import (
    GENESIS,
    audit_record,
    audit_verify,
    diff,
    log_access,
    verify_chain,
)
from zhigong.core.models import AccessLog, AuditEvent
from zhigong.testing.cast import Cast

TABLES = ("audit_auditevent", "audit_accesslog")


@pytest.fixture
def as_the_database_owner() -> Iterator[None]:
    """Someone with the database owner's rights, who can lift the append-only triggers
    (PostgreSQL) and write the tables directly: the attacker these tests play."""
    _set_triggers("DISABLE")
    yield
    _set_triggers("ENABLE")


def _set_triggers(state: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # The test's own writes leave deferred foreign-key checks pending: run them first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in TABLES:
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER USER")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _head(model: type) -> str:
    return verify_chain(model).head


def test_chain_is_intact_after_writes(cast: Cast):
    checked, problems = audit_verify()
    assert checked == AuditEvent.objects.count() > 10
    assert problems == []
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert f"audit head: {_head(AuditEvent)}" in out.getvalue()


def test_edited_event_is_detected(cast: Cast, as_the_database_owner: None):
    event = AuditEvent.objects.order_by("seq")[3]
    AuditEvent.objects.filter(pk=event.pk).update(reason="篡改")
    _, problems = audit_verify()
    assert [p.seq for p in problems] == [event.seq]
    with pytest.raises(CommandError):
        call_command("audit_verify", stdout=io.StringIO(), stderr=io.StringIO())


def test_deleted_event_is_detected(cast: Cast, as_the_database_owner: None):
    event = AuditEvent.objects.order_by("seq")[5]
    event.delete()
    _, problems = audit_verify()
    assert any("missing" in p.message for p in problems)
    assert any("link" in p.message for p in problems)


def test_a_chain_recomputed_without_the_key_is_detected(cast: Cast, as_the_database_owner: None):
    """Someone who can write the database edits an event and recomputes every hash after it,
    as the unkeyed chain allowed: without the key the hashes cannot come out right."""
    event = AuditEvent.objects.order_by("seq")[3]
    AuditEvent.objects.filter(pk=event.pk).update(reason="篡改")
    prev = AuditEvent.objects.get(seq=event.seq - 1).hash
    for row in AuditEvent.objects.filter(seq__gte=event.seq).order_by("seq"):
        body = json.dumps(row.payload(), sort_keys=True, ensure_ascii=False, default=str)
        new = hashlib.sha256(f"{prev}|{body}".encode()).hexdigest()
        AuditEvent.objects.filter(pk=row.pk).update(prev_hash=prev, hash=new)
        prev = new
    problems = verify_chain(AuditEvent).problems
    assert problems and problems[0].seq == event.seq


def test_a_deleted_tail_is_detected_against_the_kept_head(cast: Cast, as_the_database_owner: None):
    # given the head printed and kept elsewhere yesterday
    kept = _head(AuditEvent)
    audit_record(actor=SYSTEM, action="test.later", target=cast.unions["DA"])
    assert verify_chain(AuditEvent, expect_head=kept).problems == []
    # when the newest events are deleted (the chain that remains is valid by itself)
    AuditEvent.objects.filter(seq__gte=int(kept.split(":")[0])).delete()
    assert verify_chain(AuditEvent).problems == []
    # then checking against the kept head shows it, and the command fails
    assert verify_chain(AuditEvent, expect_head=kept).problems
    with pytest.raises(CommandError):
        call_command("audit_verify", expect_head=kept, stdout=io.StringIO(), stderr=io.StringIO())


def test_reads_of_personal_data_are_chained_too(cast: Cast, as_the_database_owner: None):
    member = cast.members["GA"]
    for reason in ("核对身份", "办理转移", "电话回访"):
        log_access(actor=SYSTEM, subject=member, fields="id_number", reason=reason, union_path="x")
    report = verify_chain(AccessLog)
    assert report.checked == 3 and report.problems == []
    first = AccessLog.objects.get(seq=1)
    assert first.prev_hash == GENESIS
    AccessLog.objects.filter(seq=2).update(reason="无")
    assert [p.seq for p in verify_chain(AccessLog).problems] == [2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
def test_the_application_cannot_change_or_delete_audit_rows(cast: Cast):
    event = AuditEvent.objects.order_by("seq").first()
    assert event is not None
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    log_access(actor=SYSTEM, subject=cast.members["GA"], fields="phone", reason="x", union_path="")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.all().delete()


def test_personal_data_is_masked_in_changes(db):
    changes = diff(
        {"phone": "13812345678", "id_number": "420102199001011234"},
        {"phone": "13912345678", "id_number": "", "password": "secret"},
    )
    assert changes["phone"] == ["138****5678", "139****5678"]
    assert changes["id_number"][0] == "420102********1234"
    assert "secret" not in str(changes["password"]).replace("[secret]", "")


def test_system_actor_is_labelled(db):
    from zhigong.core.audit import Target

    event = audit_record(actor=SYSTEM, action="test.do", target=Target("x", "1", "对象"))
    assert event.actor_label == "system" and event.seq == 1
