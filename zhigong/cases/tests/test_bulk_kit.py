"""The kit's bulk pieces the deadline scan uses: ``transition_many`` checks every move before
it writes any, ``audit_record_many`` keeps the chain verifiable."""

from __future__ import annotations

import pytest

from zhigong.cases.choices import CaseStatus
from zhigong.cases.models import CASE_FLOW, Case
from zhigong.cases.services.handling import case_accept, case_close, case_reply
from zhigong.cases.tests.conftest import submit
from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_event, audit_record_many, verify_chain
from zhigong.core.models import AuditEvent
from zhigong.core.workflow import BadTransition, transition_many
from zhigong.testing.cast import Cast


def test_transition_many_refuses_before_writing_anything(cast: Cast, centres):
    open_, closed = submit(cast), submit(cast)
    for case in (open_, closed):
        case_accept(actor=SYSTEM, case=case)
    case_reply(actor=SYSTEM, case=closed, body="答复")
    case_close(actor=SYSTEM, case=closed)
    with pytest.raises(BadTransition):
        transition_many(
            [Case.objects.get(pk=open_.pk), Case.objects.get(pk=closed.pk)],
            CASE_FLOW,
            CaseStatus.SUBMITTED,
            actor=SYSTEM,
        )
    assert set(Case.objects.values_list("status", flat=True)) == {"accepted", "closed"}
    olds = transition_many(
        [Case.objects.get(pk=open_.pk)],
        CASE_FLOW,
        CaseStatus.SUBMITTED,
        actor=SYSTEM,
        also={"due_date": None},
    )
    open_.refresh_from_db()
    assert olds == ["accepted"] and (open_.status, open_.due_date) == ("submitted", None)


def test_audit_record_many_keeps_the_chain(cast: Cast, centres):
    cases = [submit(cast) for _ in range(3)]
    before = AuditEvent.objects.count()
    audit_record_many(
        [audit_event(actor=SYSTEM, action="case.warn", target=c, reason="x") for c in cases]
    )
    assert AuditEvent.objects.count() == before + 3
    report = verify_chain(AuditEvent)
    assert report.problems == []
