"""The acceptance grade equals the seed's table (002 §6.1) for any scores, exactly at and
just below every threshold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from zhigong.centres.grading import Grade, for_display, grade, percentage

D = Decimal
# The seed's table, written out as plainly as possible.
TABLE = [
    (Grade.EXCELLENT, D(80), D(90), D(80)),
    (Grade.ADVANCED, D(70), D(80), D(70)),
    (Grade.COMPLIANT, D(60), D(70), D(60)),
]


def reference(h: Decimal, m: Decimal, s: Decimal) -> Grade:
    for name, hh, mm, ss in TABLE:
        if h >= hh and m >= mm and s >= ss:
            return name
    return Grade.NOT_PASSED


THRESHOLDS = sorted({v for row in TABLE for v in row[1:]})
NEAR = [v + delta for v in THRESHOLDS for delta in (D(0), D("-0.01"), D("-0.0001"), D("0.01"))]
scores = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=100, places=6),
    st.sampled_from([*NEAR, D(0), D(100)]),
)


@given(scores, scores, scores)
@example(D(60), D(70), D(60))
@example(D("59.99"), D(70), D(60))
@example(D(80), D(90), D(80))
@example(D(80), D("89.99"), D(80))
def test_grade_equals_the_table(h: Decimal, m: Decimal, s: Decimal) -> None:
    assert grade(h, m, s) == reference(h, m, s)


@pytest.mark.parametrize(
    ("h", "m", "s", "expected"),
    [
        ("60", "70", "60", Grade.COMPLIANT),
        ("59.99", "70", "60", Grade.NOT_PASSED),
        ("60", "69.99", "60", Grade.NOT_PASSED),
        ("60", "70", "59.99", Grade.NOT_PASSED),
        ("70", "80", "70", Grade.ADVANCED),
        ("69.99", "80", "70", Grade.COMPLIANT),
        ("70", "79.99", "70", Grade.COMPLIANT),
        ("70", "80", "69.99", Grade.COMPLIANT),
        ("80", "90", "80", Grade.EXCELLENT),
        ("79.99", "90", "80", Grade.ADVANCED),
        ("80", "89.99", "80", Grade.ADVANCED),
        ("80", "90", "79.99", Grade.ADVANCED),
        ("100", "100", "59.9999", Grade.NOT_PASSED),
        ("100", "100", "100", Grade.EXCELLENT),
    ],
)
def test_each_threshold_exactly_and_just_below(h: str, m: str, s: str, expected: Grade) -> None:
    assert grade(D(h), D(m), D(s)) == expected


def test_floats_and_out_of_range_are_refused() -> None:
    with pytest.raises(TypeError):
        grade(60.0, D(70), D(60))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        grade(D(101), D(70), D(60))
    with pytest.raises(ValueError):
        grade(D(-1), D(70), D(60))


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_percentage_is_exact(maximum: int, data: st.DataObject) -> None:
    scored = data.draw(st.integers(min_value=0, max_value=maximum))
    got = percentage(scored, maximum)
    # Exact: comparing with a threshold agrees with comparing the points themselves.
    for threshold in THRESHOLDS:
        assert (got >= threshold) == (scored * 100 >= threshold * maximum)


def test_percentage_of_points() -> None:
    assert percentage(60, 100) == D(60)
    assert percentage(D("59.99"), 100) == D("59.99")
    assert percentage(3, 5) == D(60)
    # Two thirds of the points are 66.67 on screen, but stay below 66.67 for the grade.
    assert for_display(percentage(2, 3)) == D("66.67")
    assert percentage(2, 3) < D("66.67")
    # 59.995% shows as 60.00 yet is not passed: display rounding never decides the grade.
    assert for_display(percentage(D("59.995"), 100)) == D("60.00")
    assert grade(percentage(D("59.995"), 100), D(70), D(60)) == Grade.NOT_PASSED
    with pytest.raises(ValueError):
        percentage(11, 10)
    with pytest.raises(ValueError):
        percentage(1, 0)
