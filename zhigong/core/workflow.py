"""Status workflows (DESIGN §3.3): one table of allowed moves per workflow, one ``transition()``.

A workflow is declared next to its model::

    APPLICATION_FLOW = Workflow("application", ApplicationStatus, {
        ApplicationStatus.SUBMITTED: {ApplicationStatus.REVIEWED, ...}, ...})

and every status change in the code goes through ``transition()``: it refuses a move the
table does not list (``DomainError`` with the stable code ``bad_transition``), sets the
status, saves, and writes the audit event: who, when, at which union, why, from which status
to which. No app writes its own status check. ``WORKFLOWS`` lists every declared workflow so a
test can walk each table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import Placed, audit_record
from zhigong.core.errors import DomainError

WORKFLOWS: list[Workflow] = []


class BadTransition(DomainError):
    code = "bad_transition"


@dataclasses.dataclass(frozen=True, eq=False)
class Workflow:
    """The statuses of one kind of thing and the moves allowed between them."""

    name: str  # the audit action's prefix: "application" → "application.reviewed"
    statuses: type[models.TextChoices]
    moves: Mapping[Any, Iterable[str]]
    field: str = "status"
    _table: dict[str, frozenset[str]] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        table = {str(old): frozenset(str(new) for new in news) for old, news in self.moves.items()}
        unknown = (set(table) | {n for news in table.values() for n in news}) - set(
            self.statuses.values
        )
        if unknown:
            raise ValueError(f"workflow {self.name}: unknown statuses {sorted(unknown)}")
        for status in self.statuses.values:
            table.setdefault(status, frozenset())  # a status with no moves is final
        object.__setattr__(self, "_table", table)
        WORKFLOWS.append(self)

    def allows(self, old: str, new: str) -> bool:
        return new in self._table.get(str(old), frozenset())

    def next_statuses(self, old: str) -> frozenset[str]:
        return self._table.get(str(old), frozenset())

    def label(self, status: str) -> str:
        try:
            return str(self.statuses(status).label)
        except ValueError:
            return str(status)

    def check(self, old: str, new: str, message: str = "") -> None:
        if not self.allows(old, new):
            raise BadTransition(
                message
                or _("不能从“%(old)s”变为“%(new)s”。")
                % {"old": self.label(old), "new": self.label(new)}
            )

    def expect(self, obj: Any, *statuses: str, message: str = "") -> None:
        """Refuse unless ``obj`` is in one of ``statuses``: the step of a workflow that only
        starts from some of the statuses its moves allow (a grassroots review decides only
        submitted applications, though the centre may reject reviewed ones too)."""
        current = str(getattr(obj, self.field))
        if current not in {str(s) for s in statuses}:
            raise BadTransition(
                message or _("当前状态“%(old)s”不能办理此事项。") % {"old": self.label(current)}
            )


def transition(
    obj: Any,
    workflow: Workflow,
    to: str,
    *,
    actor: Actor,
    reason: str = "",
    union: Placed | None = None,
    action: str = "",
    changes: dict[str, list[Any]] | None = None,
    commit: bool = True,
    from_: Iterable[str] = (),
    message: str = "",
) -> str:
    """Move ``obj`` to status ``to`` if the workflow allows it; return the old status.

    With ``commit`` (the default) the object is saved and the audit event written here:
    ``action`` (default ``"<workflow>.<to>"``), ``union`` the event is filed under, ``reason``,
    and ``changes`` besides the status itself. ``commit=False`` only checks and sets: for a
    caller that saves and records the whole change itself in the same transaction (the member
    registry's history, a job's own progress record). ``from_`` limits the statuses this step
    starts from (see ``Workflow.expect``); ``message`` replaces the generic refusal.
    """
    if from_:
        workflow.expect(obj, *from_, message=message)
    old = str(getattr(obj, workflow.field))
    workflow.check(old, to, message)
    setattr(obj, workflow.field, to)
    if not commit:
        return old
    obj.save()
    audit_record(
        actor=actor,
        action=action or f"{workflow.name}.{to}",
        target=obj,
        union=union,
        reason=reason,
        changes={**(changes or {}), workflow.field: [old, str(to)]},
    )
    return old


def transition_many(
    objs: Sequence[Any],
    workflow: Workflow,
    to: str,
    *,
    actor: Actor,
    also: Mapping[str, Any] | None = None,
) -> list[str]:
    """Move many objects of one model to ``to`` at once (a job acting on thousands): each
    move is checked against the table as ``transition`` checks it (refused before anything
    is written), then one ``UPDATE`` sets the status and the fields ``also`` names (values or
    expressions) on all of them. Returns the old statuses, in order. The caller records the
    audit events itself, in the same transaction (``core.audit.audit_record_many``)."""
    olds = [transition(obj, workflow, to, actor=actor, commit=False) for obj in objs]
    if objs:
        model = type(objs[0])
        model._default_manager.filter(pk__in=[obj.pk for obj in objs]).update(
            **{workflow.field: to}, **(also or {})
        )
    return olds
