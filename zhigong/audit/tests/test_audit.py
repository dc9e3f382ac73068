"""The audit chain: every event links to the one before; edits and deletions show."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_record, audit_verify, diff
from zhigong.core.models import AuditEvent


def test_chain_is_intact_after_writes(cast):
    checked, problems = audit_verify()
    assert checked == AuditEvent.objects.count() > 10
    assert problems == []
    call_command("audit_verify")


def test_edited_event_is_detected(cast):
    event = AuditEvent.objects.order_by("seq")[3]
    AuditEvent.objects.filter(pk=event.pk).update(reason="篡改")
    _, problems = audit_verify()
    assert [p.seq for p in problems] == [event.seq]
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_deleted_event_is_detected(cast):
    event = AuditEvent.objects.order_by("seq")[5]
    event.delete()
    _, problems = audit_verify()
    assert any("missing" in p.message for p in problems)
    assert any("link" in p.message for p in problems)


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
