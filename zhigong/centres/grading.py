"""The acceptance grade of a service centre (CTR-7, seed 002 §6.1), computed from three
percentages: hardware compliance, mechanism and measures in place, and worker satisfaction.

| grade | hardware | mechanism & measures | satisfaction |
|---|---|---|---|
| excellent 优秀 | ≥ 80% | ≥ 90% | ≥ 80% |
| advanced 先进 | ≥ 70% | ≥ 80% | ≥ 70% |
| compliant 达标 | ≥ 60% | ≥ 70% | ≥ 60% |
| otherwise not passed 不达标 | | | |

All three must reach a level for the centre to have it. Everything is ``Decimal`` and the
comparison is exact: 60/70/60 is compliant, 59.99 hardware is not passed. A percentage is
computed from points with ``percentage`` exactly (no rounding at all); rounding happens only
when a percentage is shown (``for_display``), never before the grade is decided.

Pure Python on purpose (no models): the centres app grades with it, tests run it alone.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple


class Grade(StrEnum):
    EXCELLENT = "excellent"  # 优秀
    ADVANCED = "advanced"  # 先进
    COMPLIANT = "compliant"  # 达标
    NOT_PASSED = "not_passed"  # 不达标


class Thresholds(NamedTuple):
    hardware: Decimal
    mechanism: Decimal
    satisfaction: Decimal


# Highest level first: a centre gets the first level all three of its percentages reach.
LEVELS: tuple[tuple[Grade, Thresholds], ...] = (
    (Grade.EXCELLENT, Thresholds(Decimal(80), Decimal(90), Decimal(80))),
    (Grade.ADVANCED, Thresholds(Decimal(70), Decimal(80), Decimal(70))),
    (Grade.COMPLIANT, Thresholds(Decimal(60), Decimal(70), Decimal(60))),
)
HUNDRED = Decimal(100)


def _checked(name: str, value: Decimal) -> Decimal:
    # A float would carry its binary error into the comparison (59.99 is not 59.99 as a
    # float); an int is exact and welcome.
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal percentage, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite() or value < 0 or value > HUNDRED:
        raise ValueError(f"{name} must be a percentage between 0 and 100, got {value}")
    return value


def grade(hardware: Decimal, mechanism: Decimal, satisfaction: Decimal) -> Grade:
    """The grade from the three percentages (each 0–100); all three must reach a level."""
    scores = Thresholds(
        _checked("hardware", hardware),
        _checked("mechanism", mechanism),
        _checked("satisfaction", satisfaction),
    )
    for level, floor in LEVELS:
        if all(score >= minimum for score, minimum in zip(scores, floor, strict=True)):
            return level
    return Grade.NOT_PASSED


def percentage(scored: Decimal | int, maximum: Decimal | int) -> Decimal:
    """``scored`` of ``maximum`` points as an exact percentage (Decimal division to the
    context's 28 significant digits; a third is 33.333…, never rounded up to a threshold).
    """
    if isinstance(scored, float) or isinstance(maximum, float):
        raise TypeError("points must be Decimal or int, not float")
    scored, maximum = Decimal(scored), Decimal(maximum)
    if maximum <= 0:
        raise ValueError("the maximum points must be positive")
    if scored < 0 or scored > maximum:
        raise ValueError(f"scored points {scored} are outside 0–{maximum}")
    return scored * HUNDRED / maximum


def for_display(value: Decimal, places: int = 2) -> Decimal:
    """A percentage rounded for showing only (half up, ``places`` decimals); the grade is
    always decided on the exact value."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
