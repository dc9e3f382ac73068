"""``{{ due|deadline }}``: a date with "（预计）" beside it when it is provisional."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from zhigong.core.calendar import Deadline, add_working_days, clear_cache

D = dt.date


def render(value: object, fmt: str = "") -> str:
    source = "{% load deadlines %}{{ due|deadline" + (f':"{fmt}"' if fmt else "") + " }}"
    return Template(source).render(Context({"due": value}))


@pytest.mark.django_db
def test_an_exact_deadline_is_just_its_date():
    # given a deadline in 2025, whose schedule is loaded
    clear_cache()
    due = add_working_days(D(2025, 9, 26), 5)
    # when a page shows it
    # then it is the date alone
    assert render(due) == "2025-10-10"
    assert render(due, "Y年n月j日") == "2025年10月10日"


@pytest.mark.django_db
def test_a_provisional_deadline_says_so():
    # given a deadline that runs into 2027, which has no official schedule yet
    clear_cache()
    due = add_working_days(D(2026, 12, 28), 5)
    # when a page shows it
    html = render(due)
    # then "（预计）" stands beside the date, with why on hover
    assert html.startswith("2027-01-05<span")
    assert "（预计）</span>" in html
    assert 'title="2027 年的节假日安排尚未公布' in html


@pytest.mark.django_db
def test_a_stored_date_is_provisional_while_its_year_has_no_schedule():
    # given dates stored on records (no Deadline around them)
    clear_cache()
    # when pages show them
    # then a date in 2027 is marked, one in 2026 is not, and nothing shows as nothing
    assert "（预计）" in render(D(2027, 3, 1))
    assert render(D(2026, 3, 2)) == "2026-03-02"
    assert render(None) == ""
    assert render(Deadline(D(2026, 3, 2))) == "2026-03-02"


@pytest.mark.django_db
def test_the_mark_is_translated():
    # given an English page
    clear_cache()
    with translation.override("en"):
        # when it shows a provisional deadline
        html = render(Deadline(D(2027, 1, 5), frozenset({2027})))
    # then the mark is in English
    assert "(provisional)" in html
    assert "not been published" in html
