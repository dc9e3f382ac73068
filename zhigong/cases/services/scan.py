"""The deadline scan (CASE-4, DESIGN §3.3): warnings at 50% and 80% of the time, and at the
deadline the case escalates to the service centre of the parent federation, once.

It runs every few minutes (``periodic.py``) and by hand (``manage.py case_deadline_scan
[--now ISO-TIME]``), any number of times, also two at once, without acting twice:

- it reads only what is due, through partial indexes (``models.Case.Meta.indexes``);
- it works in batches, each in its own transaction, taking its rows with ``SELECT … FOR
  UPDATE SKIP LOCKED`` (PostgreSQL: a second scan skips what the first holds, and finds it
  done once the first commits) — on SQLite a write transaction starts ``IMMEDIATE``, so two
  scans take turns;
- the step it takes is itself what takes the case out of the scan's reach: a warning stamps
  ``warned_*_at``; an escalation moves the case to the parent federation, where it waits to be
  accepted (off the clock); at the top of the tree, where nothing is above, the case is stamped
  ``deadline_passed_at`` and stays overdue in its holder's queue.

A deadline is the end of its day: a case due on 2025-10-10 escalates on the first scan of
2025-10-11. Each batch writes its steps, audit events and figures in bulk (``audit_record_many``).

Deadlines that were counted provisionally (a year whose holiday schedule was not loaded) are
counted again from what they were counted from once the schedule is there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import deadlines, figures, routing
from zhigong.cases.choices import ON_THE_CLOCK, CaseStatus, Escalation, StepKind
from zhigong.cases.models import CASE_FLOW, Case, CaseStep
from zhigong.cases.services.handling import stop_clock
from zhigong.cases.timeline import staff_url, step_for
from zhigong.core.actors import SYSTEM, Actor, SystemActor
from zhigong.core.audit import audit_event, audit_record_many
from zhigong.core.calendar import has_schedule
from zhigong.core.errors import PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.core.service import service
from zhigong.core.workflow import transition
from zhigong.notifications.services import notify
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

BATCH = 500

# Fields a batch writes back (``bulk_update``).
_ESCALATION_FIELDS = [
    "status",
    "union",
    "centre",
    "handler",
    "due_start",
    "due_days",
    "due_date",
    "due_provisional",
    "warn_50_on",
    "warn_80_on",
    "warned_50_at",
    "warned_80_at",
    "deadline_passed_at",
    "overdue_at",
    "escalated",
    "updated_at",
]


@dataclass
class ScanResult:
    warned: int = 0
    escalated: int = 0
    overdue_at_top: int = 0
    recounted: int = 0

    def __str__(self) -> str:
        return (
            f"warned {self.warned}, escalated {self.escalated}, "
            f"overdue at the top {self.overdue_at_top}, deadlines recounted {self.recounted}"
        )


def _batches(queryset: QuerySet[Case]) -> Iterator[list[Case]]:
    """Batches of the queryset's cases in the order of their ids, each taken (locked) for
    this scan in a transaction of its own that commits once the caller has written it."""
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                queryset.filter(id__gt=last)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("union", "handler")
                .order_by("id")[:BATCH]
            )
            if not batch:
                return
            last = batch[-1].pk
            yield batch


def due_for_escalation(today: dt.date) -> QuerySet[Case]:
    return Case.objects.filter(
        status__in=ON_THE_CLOCK, deadline_passed_at__isnull=True, due_date__lt=today
    )


@service(atomic=False)  # one transaction per batch
def case_deadline_scan(*, actor: Actor, now: dt.datetime | None = None) -> ScanResult:
    """Run the scan as of ``now`` (default: this moment). Only the platform runs it (the
    periodic job, the command)."""
    if not isinstance(actor, SystemActor):
        raise PermissionDenied()
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = ScanResult()
    result.recounted = _recount_provisional()
    for batch in _batches(due_for_escalation(today)):
        escalated, at_top = _escalate(batch, now)
        result.escalated += escalated
        result.overdue_at_top += at_top
    # 80% first: a case past both marks gets one warning, the later one.
    for share, on, at in ((80, "warn_80_on", "warned_80_at"), (50, "warn_50_on", "warned_50_at")):
        due = Case.objects.filter(
            status__in=ON_THE_CLOCK, **{f"{at}__isnull": True, f"{on}__lte": today}
        )
        for batch in _batches(due):
            result.warned += _warn(batch, now, share)
    return result


def _escalate(batch: list[Case], now: dt.datetime) -> tuple[int, int]:
    targets: dict[tuple[int, str], routing.Holder | None] = {}
    steps: list[CaseStep] = []
    events: list[AuditEvent] = []
    deltas: dict[Key, int] = defaultdict(int)
    escalated = at_top = 0
    for case in batch:
        key = (case.union_id, case.kind)
        if key not in targets:
            targets[key] = routing.route_up(case.union, case.kind)
        target = targets[key]
        due = case.due_date
        if case.overdue_at is None:
            case.overdue_at = now
            deltas[(case.origin_id, "overdue", "yes")] += 1
        if target is None:  # nothing above: it stays, overdue, in its holder's queue
            case.deadline_passed_at = now
            case.updated_at = now
            at_top += 1
            note = _("答复期限 %(due)s 已过，且已是最上级工会。") % {"due": due}
            steps.append(step_for(case, StepKind.OVERDUE, actor=SYSTEM, note=note, at=now))
            events.append(
                audit_event(
                    actor=SYSTEM,
                    action="case.overdue",
                    target=case,
                    union=case.union,
                    reason=note,
                )
            )
            continue
        previous: Union = case.union
        handler = case.handler
        old = transition(case, CASE_FLOW, CaseStatus.SUBMITTED, actor=SYSTEM, commit=False)
        case.union, case.centre, case.handler = target.union, target.centre, None
        stop_clock(case)
        case.updated_at = now
        if not case.escalated:
            case.escalated = Escalation.DEADLINE
            deltas[(case.origin_id, "escalated", Escalation.DEADLINE)] += 1
        deltas[(case.origin_id, "status", old)] -= 1
        deltas[(case.origin_id, "status", CaseStatus.SUBMITTED)] += 1
        escalated += 1
        note = _("答复期限 %(due)s 已过，自动上报%(holder)s。") % {
            "due": due,
            "holder": target.label,
        }
        steps.append(
            step_for(
                case,
                StepKind.DEADLINE_ESCALATED,
                actor=SYSTEM,
                note=note,
                union=previous,
                to_union=target.union,
                at=now,
            )
        )
        events.append(
            audit_event(
                actor=SYSTEM,
                action="case.deadline_escalate",
                target=case,
                union=previous,
                reason=note,
                changes={
                    "status": [old, CaseStatus.SUBMITTED],
                    "union": [previous.code, target.union.code],
                },
            )
        )
        if handler is not None:
            notify(
                handler,
                title=_("已逾期并自动上报：%(ref)s") % {"ref": case.reference},
                body=note,
                url=staff_url(case),
            )
    Case.objects.bulk_update(batch, _ESCALATION_FIELDS)
    CaseStep.objects.bulk_create(steps)
    audit_record_many(events)
    figures.adjust_many(deltas)
    return escalated, at_top


def _warn(batch: list[Case], now: dt.datetime, share: int) -> int:
    steps: list[CaseStep] = []
    events: list[AuditEvent] = []
    for case in batch:
        case.warned_80_at = case.warned_80_at or (now if share == 80 else None)
        case.warned_50_at = case.warned_50_at or now
        case.updated_at = now
        note = _("已用去答复时限的 %(share)d%%，答复期限 %(due)s。") % {
            "share": share,
            "due": case.due_date,
        }
        steps.append(step_for(case, StepKind.WARNED, actor=SYSTEM, note=note, at=now))
        events.append(
            audit_event(
                actor=SYSTEM, action="case.warn", target=case, union=case.union, reason=note
            )
        )
        if case.handler is not None:
            notify(
                case.handler,
                title=_("答复时限提醒：%(ref)s") % {"ref": case.reference},
                body=note,
                url=staff_url(case),
            )
    Case.objects.bulk_update(batch, ["warned_50_at", "warned_80_at", "updated_at"])
    CaseStep.objects.bulk_create(steps)
    audit_record_many(events)
    return len(batch)


def _recount_provisional() -> int:
    """Count again the deadlines counted while a year's schedule was missing, for the years
    whose schedule is loaded now (the warnings already given stay given)."""
    recounted = 0
    provisional = Case.objects.filter(status__in=ON_THE_CLOCK, due_provisional=True)
    years = {d.year for d in provisional.values_list("due_date", flat=True).distinct() if d}
    if not any(has_schedule(year) for year in years):
        return 0
    for batch in _batches(provisional):
        changed = []
        for case in batch:
            if case.due_start is None or case.due_days is None:
                continue
            found = deadlines.clock(case.due_start, case.due_days)
            if (found.due, found.provisional) != (case.due_date, case.due_provisional) or (
                found.warn_50,
                found.warn_80,
            ) != (case.warn_50_on, case.warn_80_on):
                case.due_date, case.due_provisional = found.due, found.provisional
                case.warn_50_on, case.warn_80_on = found.warn_50, found.warn_80
                changed.append(case)
        Case.objects.bulk_update(
            changed, ["due_date", "due_provisional", "warn_50_on", "warn_80_on"]
        )
        recounted += len(changed)
    return recounted
