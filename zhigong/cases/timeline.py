"""A case's timeline (every step: who, when, from which union, what and why) and its
reference number. Called by the services inside their transactions."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone

from zhigong.cases.choices import CaseKind
from zhigong.cases.models import Case, CaseStep
from zhigong.core.actors import Actor, SystemActor, acting_user
from zhigong.unions.models import Union

PREFIX: dict[str, str] = {CaseKind.RIGHTS: "WQ", CaseKind.LEGAL: "ZX"}


def new_reference(kind: str, today: dt.date | None = None) -> str:
    """``WQ20250926`` + five random digits: given to the requester, searched by staff. It
    says nothing about the requester; the random part keeps numbers from being guessed."""
    today = today or timezone.localdate()
    while True:
        reference = f"{PREFIX.get(kind, 'AJ')}{today:%Y%m%d}{secrets.randbelow(100_000):05d}"
        if not Case.objects.filter(reference=reference).exists():
            return reference


def actor_name(actor: Actor | Any) -> str:
    if isinstance(actor, SystemActor) or actor is None:
        return "系统"
    return str(getattr(actor, "full_name", "") or actor.get_username())[:150]


def step_for(
    case: Case,
    kind: str,
    *,
    actor: Actor,
    note: str = "",
    union: Union | None = None,
    to_union: Union | None = None,
    at: dt.datetime | None = None,
) -> CaseStep:
    """The step, unsaved (the scan writes many at once)."""
    return CaseStep(
        case=case,
        kind=kind,
        at=at or timezone.now(),
        actor=acting_user(actor),
        actor_label=actor_name(actor),
        union=union if union is not None else case.union,
        to_union=to_union,
        status=case.status,
        note=note,
    )


def step(case: Case, kind: str, *, actor: Actor, **fields: Any) -> CaseStep:
    made = step_for(case, kind, actor=actor, **fields)
    made.save()
    return made


def case_url(case: Case) -> str:
    """The requester's page of the case (for notices)."""
    return f"/me/cases/{case.pk}/"


def staff_url(case: Case) -> str:
    return f"/staff/cases/{case.pk}/"
