"""The union's clock on a case (CASE-4), counted in working days (``core.calendar``).

- A legal consultation is answered within 5 working days of its acceptance; a rights request
  within 5, 10 or 20 by its complexity. Operators change the numbers (``DeadlineRule``, in
  the admin); ``DEFAULT_DAYS`` holds when a row is missing.
- The count starts the day after acceptance (the acceptance day itself is not counted) and
  the deadline is the end of its last day: a consultation accepted on Friday 2025-09-26 is
  due on 2025-10-10 (National Day week in between) and overdue from 2025-10-11.
- Warnings fall on the working days at 50% and 80% of the time (rounded up).
- A deadline in a year whose holiday schedule is not loaded is counted on the statutory
  holidays and flagged provisional (``due_provisional``, shown "（预计）"); never an error.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from zhigong.cases.choices import CaseKind, Complexity
from zhigong.cases.models import DeadlineRule
from zhigong.core.calendar import add_working_days

DEFAULT_DAYS: dict[tuple[str, str], int] = {
    (CaseKind.LEGAL, Complexity.NORMAL): 5,
    (CaseKind.LEGAL, Complexity.DIFFICULT): 5,
    (CaseKind.LEGAL, Complexity.COMPLEX): 5,
    (CaseKind.RIGHTS, Complexity.NORMAL): 5,
    (CaseKind.RIGHTS, Complexity.DIFFICULT): 10,
    (CaseKind.RIGHTS, Complexity.COMPLEX): 20,
}
WARN_SHARES = (0.5, 0.8)


def working_days_for(kind: str, complexity: str) -> int:
    row = DeadlineRule.objects.filter(kind=kind, complexity=complexity).first()
    if row is not None:
        return int(row.working_days)
    return DEFAULT_DAYS.get((kind, complexity), DEFAULT_DAYS[(CaseKind.RIGHTS, Complexity.NORMAL)])


@dataclass(frozen=True)
class Clock:
    start: dt.date
    days: int
    due: dt.date
    provisional: bool
    warn_50: dt.date
    warn_80: dt.date


def clock(start: dt.date, days: int) -> Clock:
    """The deadline and the warning days of ``days`` working days counted from ``start``."""
    due = add_working_days(start, days)
    warn_50, warn_80 = (add_working_days(start, math.ceil(days * s)).date for s in WARN_SHARES)
    return Clock(start, days, due.date, due.provisional, warn_50, warn_80)
