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
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case as DbCase
from django.db.models import F, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.cases import deadlines, figures, routing
from zhigong.cases.choices import ON_THE_CLOCK, CaseStatus, Escalation, StepKind
from zhigong.cases.models import CASE_FLOW, Case, CaseStep
from zhigong.cases.timeline import staff_url, step_for
from zhigong.core.actors import SYSTEM, Actor, SystemActor
from zhigong.core.audit import audit_event, audit_record_many
from zhigong.core.calendar import has_schedule
from zhigong.core.errors import PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.core.service import service
from zhigong.core.workflow import transition_many
from zhigong.notifications.services import notify
from zhigong.unions.figures import Key
from zhigong.unions.models import Union

BATCH = 1000

# What an escalation clears: the new holder starts its own clock (``handling.stop_clock``).
CLOCK_STOPPED: dict[str, Any] = {
    "due_start": None,
    "due_days": None,
    "due_date": None,
    "due_provisional": False,
    "warn_50_on": None,
    "warn_80_on": None,
    "warned_50_at": None,
    "warned_80_at": None,
    "deadline_passed_at": None,
}


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


# What the scan reads of a case (its union and handler come from one query each per batch).
_FIELDS = (
    "id",
    "reference",
    "kind",
    "status",
    "union_id",
    "origin_id",
    "handler_id",
    "due_start",
    "due_days",
    "due_date",
    "due_provisional",
    "warn_50_on",
    "warn_80_on",
    "overdue_at",
    "escalated",
)


def _batches(queryset: QuerySet[Case]) -> Iterator[list[Case]]:
    """Batches of the queryset's cases in the order of their ids, each taken (locked) for
    this scan in a transaction of its own that commits once the caller has written it."""
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                queryset.filter(id__gt=last)
                .select_for_update(skip_locked=True)
                .only(*_FIELDS)
                .order_by("id")[:BATCH]
            )
            if not batch:
                return
            last = batch[-1].pk
            unions = Union.objects.in_bulk({c.union_id for c in batch})
            handlers = get_user_model().objects.in_bulk(
                {c.handler_id for c in batch if c.handler_id}
            )
            for case in batch:
                case.union = unions[case.union_id]
                case.handler = handlers.get(case.handler_id) if case.handler_id else None
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
    targets: dict[tuple[int, str], routing.Holder | None] = {}  # where each union sends up
    for batch in _batches(due_for_escalation(today)):
        escalated, at_top = _escalate(batch, now, targets)
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


def _escalate(
    batch: list[Case], now: dt.datetime, targets: dict[tuple[int, str], routing.Holder | None]
) -> tuple[int, int]:
    """Escalate a batch: one ``UPDATE`` per destination (``transition_many``), the steps,
    audit events and figures in bulk. ``targets``: the destinations found so far."""
    groups: dict[tuple[int, int | None] | None, list[Case]] = defaultdict(list)
    for case in batch:
        key = (case.union_id, case.kind)
        if key not in targets:
            targets[key] = routing.route_up(case.union, case.kind)
        target = targets[key]
        groups[
            (target.union.pk, target.centre.pk if target.centre else None) if target else None
        ].append(case)
    steps: list[CaseStep] = []
    events: list[AuditEvent] = []
    deltas: dict[Key, int] = defaultdict(int)
    for case in batch:
        if case.overdue_at is None:
            deltas[(case.origin_id, "overdue", "yes")] += 1
        if not case.escalated and targets[(case.union_id, case.kind)] is not None:
            deltas[(case.origin_id, "escalated", Escalation.DEADLINE)] += 1
    stay = groups.pop(None, [])
    if stay:  # nothing above: it stays, overdue, in its holder's queue
        Case.objects.filter(pk__in=[c.pk for c in stay]).update(
            deadline_passed_at=now, overdue_at=Coalesce(F("overdue_at"), Value(now)), updated_at=now
        )
        for case in stay:
            note = _("答复期限 %(due)s 已过，且已是最上级工会。") % {"due": case.due_date}
            steps.append(step_for(case, StepKind.OVERDUE, actor=SYSTEM, note=note, at=now))
            events.append(
                audit_event(
                    actor=SYSTEM, action="case.overdue", target=case, union=case.union, reason=note
                )
            )
    for group in groups.values():
        target = targets[(group[0].union_id, group[0].kind)]
        assert target is not None
        before = [(case.union, case.handler, case.due_date) for case in group]
        olds = transition_many(
            group,
            CASE_FLOW,
            CaseStatus.SUBMITTED,
            actor=SYSTEM,
            also={
                "union_id": target.union.pk,
                "centre_id": target.centre.pk if target.centre else None,
                "handler_id": None,
                **CLOCK_STOPPED,
                "overdue_at": Coalesce(F("overdue_at"), Value(now)),
                "escalated": DbCase(
                    When(escalated="", then=Value(Escalation.DEADLINE)), default=F("escalated")
                ),
                "updated_at": now,
            },
        )
        for case, old, (previous, handler, due) in zip(group, olds, before, strict=True):
            deltas[(case.origin_id, "status", old)] -= 1
            deltas[(case.origin_id, "status", CaseStatus.SUBMITTED)] += 1
            case.union = target.union  # for the step's status and the notice's address
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
    CaseStep.objects.bulk_create(steps)
    audit_record_many(events)
    figures.adjust_many(deltas)
    return len(batch) - len(stay), len(stay)


def _warn(batch: list[Case], now: dt.datetime, share: int) -> int:
    steps: list[CaseStep] = []
    events: list[AuditEvent] = []
    stamps: dict[str, Any] = {"warned_50_at": Coalesce(F("warned_50_at"), Value(now))}
    if share == 80:
        stamps["warned_80_at"] = now
    Case.objects.filter(pk__in=[c.pk for c in batch]).update(**stamps, updated_at=now)
    for case in batch:
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
